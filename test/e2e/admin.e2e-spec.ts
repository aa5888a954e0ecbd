import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';

import { frenchAmount } from '../../admin/french-format.js';
import { AdminAccountsService } from '../../src/admin-accounts/admin-accounts.service.js';
import { ConnectionLogService } from '../../src/connection-log/connection-log.service.js';
import { freePort } from '../support/processes.js';
import { sandboxControl } from '../support/sandbox-control.js';
import { TEST_NOW } from '../support/test-clock.js';
import { launchBrowser, screenshot } from './utils/browser.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

// A real browser walks through several pages per test.
jest.setTimeout(90_000);

const ADMIN_EMAIL = 'integrateur@cabinet.fr';
const ADMIN_PASSWORD = 'correct-horse-battery';

describe(`back-office in Chromium (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let origin: string;
  let browser: BrowserContext;
  let page: Page;
  // Filled by beforeAll with the rows the suite creates.
  const ids = { company: 0, config: 0, user: 0, account: 0, statement: 0 };

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    t = await createTestApp({ ADMIN: 'on', BRIDGE_SANDBOX: 'on', PUBLIC_URL: origin, BRIDGE_RETRY_BASE_MS: '5' });
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(port, '127.0.0.1', resolve));

    const api = t.api();
    ids.company = (
      await api.post('/api/v1/companies', { name: 'Boulangerie Martin', subscriptionActive: true }).expect(201)
    ).body.id;
    ids.config = (
      await api
        .post('/api/v1/bridge-configs', {
          companyIds: [ids.company],
          name: 'Sandbox',
          url: `${origin}/bridge-sandbox`,
          clientId: 'sandbox-client-id',
          clientSecret: 'sandbox-client-secret',
        })
        .expect(201)
    ).body.id;
    ids.user = (
      await api
        .post('/api/v1/users', {
          companyId: ids.company,
          name: 'Claire Dupont',
          login: 'cdupont',
          email: 'claire@boulangerie.fr',
        })
        .expect(201)
    ).body.id;
    const preview = await sandboxControl(`${origin}/bridge-sandbox`, t.config.sandboxControlToken!).post<{
      accounts: { type: string; iban: string }[];
    }>('/preview-accounts', { userKey: 'claire@boulangerie.fr', providerId: 574 });
    const iban = preview.accounts.find((account) => account.type === 'checking')!.iban;
    ids.account = (
      await api
        .post('/api/v1/bank-accounts', { companyId: ids.company, journalCode: 'BQ1', journalName: 'BNP Paribas', iban })
        .expect(201)
    ).body.id;
    ids.statement = (
      await api
        .post('/api/v1/statements', {
          bankAccountId: ids.account,
          dateStart: `${TEST_NOW.toISOString().slice(0, 7)}-01`,
        })
        .expect(201)
    ).body.id;
    await t.app
      .get(AdminAccountsService)
      .create({ email: ADMIN_EMAIL, name: 'Intégrateur', password: ADMIN_PASSWORD, userId: ids.user, role: 'editor' });

    browser = await launchBrowser();
  });

  // Each test starts signed out, on a page of its own.
  beforeEach(async () => {
    await browser.clearCookies();
    page = await browser.newPage();
    page.setDefaultTimeout(20_000);
  });

  afterEach(async () => {
    await page.close();
  });

  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  async function login(password: string): Promise<void> {
    await page.goto(`${origin}/admin/login`, { waitUntil: 'commit' });
    await page.fill('input[name="email"]', ADMIN_EMAIL);
    await page.fill('input[name="password"]', password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
  }

  async function signIn(): Promise<void> {
    await login(ADMIN_PASSWORD);
    await page.getByText('Back-office des intégrateurs').waitFor();
  }

  it('should refuse a wrong password in French, then log in', async () => {
    await login('not-the-password');
    await page.getByText('Adresse e-mail ou mot de passe incorrect').waitFor();
    await screenshot(page, `${TEST_ENGINE}-01-login-refused`);
    await login(ADMIN_PASSWORD);
    await page.getByText('Back-office des intégrateurs').waitFor();
    await screenshot(page, `${TEST_ENGINE}-02-dashboard`);
  });

  it('should show every menu of the spec, in French', async () => {
    await signIn();
    const sidebar = page.locator('[data-css="sidebar"], nav').first();
    for (const text of [
      'Facturation › Relevé bancaire',
      'Configuration › Import et export',
      'Banque',
      'Configuration',
      'Facturation Bridge',
    ]) {
      await expect(sidebar.getByText(text, { exact: true }).count()).resolves.toBeGreaterThan(0);
    }
    const pages: [string, string][] = [
      ['BridgeConfig', 'Configuration de bridgeapi'],
      ['ApiLog', 'Logs API Bridge'],
      ['ConnectionLog', 'Journal des connexions Bridge'],
      ['BankAccount', 'Comptes bancaires'],
      ['BankStatement', 'Relevés bancaires'],
      ['StatementLine', 'Lignes de relevé'],
      ['User', 'Utilisateurs'],
      ['Company', 'Sociétés'],
      ['BillingReport', 'Rapports de facturation'],
    ];
    for (const [resource, title] of pages) {
      await page.goto(`${origin}/admin/resources/${resource}`, { waitUntil: 'commit' });
      await page.getByText(title, { exact: true }).filter({ visible: true }).first().waitFor();
      await screenshot(page, `${TEST_ENGINE}-03-list-${resource}`);
    }
    await page.goto(`${origin}/admin/resources/BridgeConfig/records/${ids.config}/show`, { waitUntil: 'commit' });
    await page.getByText('sandbox-client-id').first().waitFor();
    expect(await page.content()).not.toContain('sandbox-client-secret');
    // Renaming without retyping the write-only secret keeps the secret (the Synchro below still authenticates).
    await page.goto(`${origin}/admin/resources/BridgeConfig/records/${ids.config}/edit`, { waitUntil: 'commit' });
    expect(await page.locator('input[name="clientSecret"]').inputValue()).toBe('');
    await page.locator('input[name="name"]').fill('Sandbox Bridge (renommée)');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/\/show/, { waitUntil: 'commit' });
    const renamed = await t.api().get(`/api/v1/bridge-configs/${ids.config}`).expect(200);
    expect(renamed.body).toMatchObject({
      name: 'Sandbox Bridge (renommée)',
      clientSecretSet: true,
      companyIds: [ids.company],
    });
    await page.goto(`${origin}/admin/resources/User`, { waitUntil: 'commit' });
    await page.getByText('E-mail Bridge').first().waitFor();
  });

  it('should set the télécollecte settings of a bank account, with French errors on bad input', async () => {
    await signIn();
    await page.goto(`${origin}/admin/resources/BankAccount/records/${ids.account}/edit`, { waitUntil: 'commit' });
    await page.locator('#telecollecte-section').waitFor();
    await page.locator('label[for="includeOlderLines"]').click();
    await page.locator('label[for="useCleanLabel"]').click();
    await screenshot(page, `${TEST_ENGINE}-04-bank-account-edit`);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/\/show/, { waitUntil: 'commit' });
    const saved = await t.api().get(`/api/v1/bank-accounts/${ids.account}`).expect(200);
    expect(saved.body).toMatchObject({ includeOlderLines: true, useCleanLabel: true, cardDatingMode: 'transaction' });

    await page.goto(`${origin}/admin/resources/BankAccount/records/${ids.account}/edit`, { waitUntil: 'commit' });
    const iban = page.locator('input[name="iban"]');
    await iban.fill('FR7630006000011234567890188');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('IBAN invalide').first().waitFor();
    await screenshot(page, `${TEST_ENGINE}-05-bank-account-bad-iban`);
    const unchanged = await t.api().get(`/api/v1/bank-accounts/${ids.account}`).expect(200);
    expect(unchanged.body.iban).toBe(saved.body.iban);
  });

  it('should take a statement from Connexion through the funnel to imported lines without typing a URL', async () => {
    await signIn();
    await page.goto(`${origin}/admin/resources/BankStatement/records/${ids.statement}/show`, { waitUntil: 'commit' });
    await page.locator('[data-testid="action-synchro"]').first().click();
    await page.locator('#run-synchro').click();
    await page.locator('#bridge-connect').waitFor();
    await screenshot(page, `${TEST_ENGINE}-06-synchro-connect`);
    await page.locator('#bridge-connect').click();

    await page.locator('#bank-574').click();
    await page.fill('input[name="login"]', 'claire');
    await page.fill('input[name="password"]', 'secret');
    await page.locator('#credentials-form button').click();
    const code = await page.locator('#sca-code').textContent();
    await page.fill('#sca-form input[name="code"]', code!);
    await page.locator('#sca-form button').click();
    // The callback runs the Synchro at once: the page says how many operations arrived.
    const heading = await page.locator('#status[data-synchro="synced"]').textContent();
    const arrived = Number(/^Banque connectée : (\d+) opérations importées$/.exec(heading!.trim())![1]);
    await screenshot(page, `${TEST_ENGINE}-07-callback`);
    await page.locator('#back-to-statement').click();

    await page.waitForURL(new RegExp(`/admin/resources/BankStatement/records/${ids.statement}/show`), {
      waitUntil: 'commit',
    });
    await page.locator('[data-testid="action-synchro"]').first().click();
    await page.locator('#run-synchro').click();
    const result = await page.locator('#synchro-result').textContent();
    expect(result).toMatch(/\d+ ligne\(s\) importée\(s\)/);
    await screenshot(page, `${TEST_ENGINE}-08-synchro-done`);
    await page.locator('#see-lines').click();
    await page.getByText('Lignes de relevé', { exact: true }).filter({ visible: true }).first().waitFor();
    const statement = await t.api().get(`/api/v1/statements/${ids.statement}`).expect(200);
    expect(statement.body.lineCount).toBeGreaterThan(0);
    expect(statement.body.lineCount).toBe(arrived);
    expect(result).toContain('0 ligne(s) importée(s)');
    // The statements list shows the computed end balance (a French amount) and line count of each statement.
    await page.goto(`${origin}/admin/resources/BankStatement`, { waitUntil: 'commit' });
    await page.getByRole('cell', { name: frenchAmount(statement.body.balanceEnd), exact: true }).waitFor();
    await page
      .getByRole('cell', { name: String(statement.body.lineCount), exact: true })
      .first()
      .waitFor();
    await page.goto(`${origin}/admin/resources/StatementLine?filters.statementId=${ids.statement}`, {
      waitUntil: 'commit',
    });
    await page.getByRole('cell', { name: 'EUR', exact: true }).first().waitFor();
    await screenshot(page, `${TEST_ENGINE}-09-lines`);

    const log = await t.api().get(`/api/v1/connection-logs?companyId=${ids.company}&limit=50`).expect(200);
    expect(log.body.items.map((entry: { action: string }) => entry.action)).toEqual(
      expect.arrayContaining(['funnel_opened', 'callback_success', 'synced']),
    );
    const synced = log.body.items.find((entry: { action: string }) => entry.action === 'synced');
    expect(synced.ip).toMatch(/127\.0\.0\.1/);
  });

  it('should export the connection log as CSV with the filters of the list', async () => {
    // Two steps of a Synchro in the log, of which the filter keeps one.
    for (const action of ['authenticated', 'synced'] as const) {
      await t.app.get(ConnectionLogService).record({
        companyId: ids.company,
        bridgeConfigId: ids.config,
        userId: ids.user,
        email: 'claire@boulangerie.fr',
        bridgeUserUuid: null,
        action,
        itemId: null,
        bankId: null,
        result: 'success',
        message: null,
        ip: '127.0.0.1',
      });
    }
    await signIn();
    await page.goto(`${origin}/admin/resources/ConnectionLog/actions/exportCsv?filters.action=synced`, {
      waitUntil: 'commit',
    });
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-csv').click()]);
    const path = await download.path();
    const csv = (await import('node:fs')).readFileSync(path, 'utf8');
    const rows = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(rows[0]).toBe(
      'Date (UTC);N° société;Société;Configuration Bridge;Utilisateur;E-mail;Utilisateur Bridge;Action;Item;Banque;Résultat;Message;IP',
    );
    expect(rows.length).toBeGreaterThan(1);
    // The company by its number and its name.
    expect(rows.slice(1).every((row) => row.includes(`;${ids.company};Boulangerie Martin;`))).toBe(true);
    expect(rows.slice(1).every((row) => row.includes(';synced;'))).toBe(true);
    expect(download.suggestedFilename()).toMatch(/^journal-connexions-bridge-\d{4}-\d{2}-\d{2}\.csv$/);
  });

  it('should lock an account for a while after 5 wrong passwords', async () => {
    const attempt = (password: string) =>
      fetch(`${origin}/admin/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
        body: new URLSearchParams({ email: ADMIN_EMAIL, password }),
      });
    for (let index = 0; index < 5; index++) {
      expect((await attempt('wrong-password-again')).status).toBe(200);
    }
    // Locked for this client: even the right password is refused, with the French "too many attempts" message.
    const locked = await attempt(ADMIN_PASSWORD);
    expect(locked.status).toBe(400);
    expect(locked.headers.get('location')).toBeNull();
    expect(await locked.text()).toContain('tooManyLoginAttempts');
    t.clock.advance(15 * 60_000 + 1000);
    expect((await attempt(ADMIN_PASSWORD)).status).toBe(302);
  });

  it('should show the billing reports and their chart', async () => {
    await signIn();
    // Claire, created today, is enabled for Bridge on 1 January next year: one annual user at 600.00.
    const next = TEST_NOW.getUTCFullYear() + 1;
    // A year is billed from its first day: the run happens on 2 January, then the day is today again.
    const today = t.clock.now();
    t.clock.set(new Date(Date.UTC(next, 0, 2, 9)));
    const run = await Promise.resolve(
      t
        .api()
        .post('/api/v1/billing/runs', { period: String(next) })
        .expect(200),
    ).finally(() => t.clock.set(today));
    expect(run.body.created).toEqual([
      expect.objectContaining({ companyId: ids.company, users: ['claire@boulangerie.fr'], amount: '600.00' }),
    ]);
    await page.goto(`${origin}/admin/resources/BillingReport/actions/chart`, { waitUntil: 'commit' });
    await page.locator('#billing-chart').waitFor();
    await page.getByRole('button', { name: '›' }).click();
    await page.getByText(`Facturation Bridge ${next}`).waitFor();
    // French amounts, and two series (annual and additional users) of 12 months each (test/e2e/admin-billing).
    await page.getByRole('cell', { name: /^600,00\s€$/ }).waitFor();
    expect(await page.locator('#billing-chart rect').count()).toBe(24);
    await screenshot(page, `${TEST_ENGINE}-10-billing-chart`);
  });
});
