import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { driveConnectFunnel } from '@telecollecte/bridge-sandbox';
import type { BrowserContext, Page } from 'playwright-core';

import { AdminAccountsService } from '../../src/admin-accounts/admin-accounts.service.js';
import { freePort } from '../support/processes.js';
import { sandboxControl } from '../support/sandbox-control.js';
import { TEST_NOW } from '../support/test-clock.js';
import { launchBrowser, screenshot, signIn } from './utils/browser.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

// docs/rules.md#callback-synchro and docs/rules.md#account-choice in a real browser.
jest.setTimeout(120_000);

const ADMIN_EMAIL = 'funnel@cabinet.fr';
const ADMIN_PASSWORD = 'correct-horse-battery';
const FOREIGN_IBAN = 'FR7630006000011234567890189';

describe(`back-office funnel in Chromium (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let origin: string;
  let browser: BrowserContext;
  let page: Page;
  let counter = 0;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    t = await createTestApp({ ADMIN: 'on', BRIDGE_SANDBOX: 'on', PUBLIC_URL: origin, BRIDGE_RETRY_BASE_MS: '5' });
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(port, '127.0.0.1', resolve));
    await t.app
      .get(AdminAccountsService)
      .create({ email: ADMIN_EMAIL, name: 'Éditeur', password: ADMIN_PASSWORD, userId: null, role: 'editor' });
    browser = await launchBrowser();
  });

  beforeEach(async () => {
    await browser.clearCookies();
    page = await browser.newPage();
    page.setDefaultTimeout(30_000);
  });

  afterEach(async () => {
    await page.close();
  });

  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  /** A company of its own, with a user, a journal (the sandbox checking account's IBAN unless told) and a statement. */
  async function scene(options: { iban?: string; journalCode?: string } = {}) {
    const api = t.api();
    const email = `claire-${++counter}@boulangerie.fr`;
    const company = (
      await api.post('/api/v1/companies', { name: `Boulangerie ${counter}`, subscriptionActive: true }).expect(201)
    ).body.id as number;
    await api
      .post('/api/v1/bridge-configs', {
        companyIds: [company],
        name: 'Sandbox',
        url: `${origin}/bridge-sandbox`,
        clientId: 'sandbox-client-id',
        clientSecret: 'sandbox-client-secret',
      })
      .expect(201);
    const user = (
      await api
        .post('/api/v1/users', { companyId: company, name: 'Claire Dupont', login: `c${counter}`, email })
        .expect(201)
    ).body.id as number;
    const preview = await sandboxControl(`${origin}/bridge-sandbox`, t.config.sandboxControlToken!).post<{
      accounts: { id: number; type: string; iban: string }[];
    }>('/preview-accounts', { userKey: email, providerId: 574 });
    const checking = preview.accounts.find((account) => account.type === 'checking')!;
    const account = (
      await api
        .post('/api/v1/bank-accounts', {
          companyId: company,
          journalCode: options.journalCode ?? 'BQ1',
          journalName: 'BNP Paribas',
          iban: options.iban ?? checking.iban,
        })
        .expect(201)
    ).body.id as number;
    const statement = (
      await api
        .post('/api/v1/statements', { bankAccountId: account, dateStart: `${TEST_NOW.toISOString().slice(0, 7)}-01` })
        .expect(201)
    ).body.id as number;
    return { company, user, account, statement, checking };
  }

  async function openSynchro(statement: number): Promise<void> {
    await signIn(page, origin, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto(`${origin}/admin/resources/BankStatement/records/${statement}/show`, { waitUntil: 'commit' });
    await page.locator('[data-testid="action-synchro"]').first().click();
  }

  it('should go from Synchro through Connexion and the sandbox funnel to "Banque connectée : N opérations importées"', async () => {
    const { statement } = await scene();
    await openSynchro(statement);
    await page.locator('#run-synchro').click();
    await page.locator('#bridge-connect').click();
    await page.locator('#bank-574').click();
    await page.fill('input[name="login"]', 'claire');
    await page.fill('input[name="password"]', 'secret');
    await page.locator('#credentials-form button').click();
    const code = await page.locator('#sca-code').textContent();
    await page.fill('#sca-form input[name="code"]', code!);
    await page.locator('#sca-form button').click();
    const heading = (await page.locator('#status[data-synchro="synced"]').textContent())!.trim();
    await screenshot(page, `${TEST_ENGINE}-funnel-01-callback`);
    const imported = Number(/^Banque connectée : (\d+) opérations importées$/.exec(heading)![1]);
    expect(imported).toBeGreaterThan(5);
    await page.locator('#back-to-statement').waitFor();
    const lines = await t.api().get(`/api/v1/statements/${statement}/lines?limit=1`).expect(200);
    expect(lines.body.total).toBe(imported);
  });

  it('should link a journal whose IBAN is not at the bank in two clicks from the Synchro page', async () => {
    const { statement, user, account, checking } = await scene({ iban: FOREIGN_IBAN, journalCode: 'BQ2' });
    // The user already connected the bank (the funnel at Bridge, without coming back).
    const first = await t.api().post(`/api/v1/statements/${statement}/sync`, { userId: user }).expect(200);
    await driveConnectFunnel(first.body.connectUrl as string, { providerId: 574 });

    await openSynchro(statement);
    await page.locator('#run-synchro').click();
    const link = page.locator(`#link-account-${checking.id}`);
    expect((await link.textContent())!.trim()).toBe('Associer ce compte au journal BQ2');
    await page.locator('#add-bank').waitFor();
    await screenshot(page, `${TEST_ENGINE}-funnel-02-account-choice`);
    await link.click();
    const result = await page.locator('#synchro-result').textContent();
    await screenshot(page, `${TEST_ENGINE}-funnel-03-linked`);
    const lineCount = (await t.api().get(`/api/v1/statements/${statement}`).expect(200)).body.lineCount as number;
    expect(lineCount).toBeGreaterThan(5);
    expect(result).toContain(`${lineCount} ligne(s) importée(s)`);
    const bankAccount = await t.api().get(`/api/v1/bank-accounts/${account}`).expect(200);
    expect(bankAccount.body.bridgeAccountId).toBe(checking.id);
  });
});
