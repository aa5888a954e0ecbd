import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';

import { AdminAccountsService } from '../../src/admin-accounts/admin-accounts.service.js';
import { ConnectionLogService } from '../../src/connection-log/connection-log.service.js';
import { User } from '../../src/users/user.entity.js';
import { freePort } from '../support/processes.js';
import { launchBrowser, screenshot, signIn } from './utils/browser.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

jest.setTimeout(120_000);

const EDITOR = 'editeur@telecollecte.fr';
const INTEGRATOR = 'integrateur@alpha.fr';
const PASSWORD = 'correct-horse-battery';

const csvLines = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);

/**
 * The editor's billing pages: the chart of 2027 (the annual users of two companies in January, an additional user in
 * March) and the CSV and JSON downloads with names; an integrator of company A downloads A's reports, never B's.
 */
describe(`back-office billing in Chromium (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let origin: string;
  let browser: BrowserContext;
  let page: Page;
  const ids: Record<string, number> = {};

  async function signedInAgent(email: string): Promise<TestAgent> {
    const agent = request.agent(t.app.getHttpServer());
    await agent.post('/admin/login').set('Origin', origin).type('form').send({ email, password: PASSWORD }).expect(302);
    return agent;
  }

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    t = await createTestApp({ ADMIN: 'on', PUBLIC_URL: origin, BILLING_SCHEDULER: 'off' });
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(port, '127.0.0.1', resolve));
    const api = t.api();
    for (const [key, name] of [
      ['a', 'Boulangerie Alpha'],
      ['b', 'Cabinet Bêta'],
    ] as const) {
      ids[key] = (await api.post('/api/v1/companies', { name, subscriptionActive: true }).expect(201)).body.id;
      ids[`config${key}`] = (
        await api
          .post('/api/v1/bridge-configs', {
            companyIds: [ids[key]],
            name: `Bridge ${name}`,
            clientId: `client-${key}-7f3a91`,
            clientSecret: `secret-${key}-c0ffee42`,
          })
          .expect(201)
      ).body.id;
    }
    const users: [string, string, string][] = [
      ['a', 'claire@alpha.fr', '2026-06-01T08:00:00Z'],
      ['a', 'paul@alpha.fr', '2026-06-01T08:00:00Z'],
      ['a', 'new@alpha.fr', '2027-03-02T08:00:00Z'],
      ['b', 'zoe@beta.fr', '2026-06-01T08:00:00Z'],
    ];
    for (const [key, email, createdAt] of users) {
      const created = await api
        .post('/api/v1/users', { companyId: ids[key], name: email, login: email.split('@')[0], email })
        .expect(201);
      await t.dataSource.getRepository(User).update(created.body.id, { createdAt: new Date(createdAt) });
    }
    await t.app.get(ConnectionLogService).record({
      at: new Date('2027-03-05T10:00:00Z'),
      companyId: ids.a!,
      bridgeConfigId: ids.configa!,
      userId: null,
      email: 'new@alpha.fr',
      bridgeUserUuid: null,
      action: 'synced',
      itemId: null,
      bankId: null,
      result: 'success',
      message: null,
      ip: null,
    });
    // The periods are over on the product's day of the runs; then the day is the test clock's again (sessions).
    const today = t.clock.now();
    t.clock.set(new Date('2027-12-15T09:00:00Z'));
    try {
      for (const period of ['2027', '2027-03']) await api.post('/api/v1/billing/runs', { period }).expect(200);
    } finally {
      t.clock.set(today);
    }

    const accounts = t.app.get(AdminAccountsService);
    await accounts.create({ email: EDITOR, name: 'Éditeur', password: PASSWORD, userId: null, role: 'editor' });
    await accounts.create({
      email: INTEGRATOR,
      name: 'Intégrateur Alpha',
      password: PASSWORD,
      userId: null,
      role: 'integrator',
      companyIds: [ids.a!],
    });
    browser = await launchBrowser();
    page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, origin, EDITOR, PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('should chart both series with axes, values and a French legend', async () => {
    await page.goto(`${origin}/admin/resources/BillingReport/actions/chart`, { waitUntil: 'commit' });
    await page.locator('#billing-chart').waitFor();
    // The chart opens on the server's year: go to 2027.
    const delta = 2027 - t.clock.now().getUTCFullYear();
    for (let step = 0; step < Math.abs(delta); step++) {
      await page.getByRole('button', { name: delta > 0 ? '›' : '‹' }).click();
    }
    await page.getByText('Facturation Bridge 2027').waitFor();
    await page.locator('#billing-chart').waitFor();
    const legend = page.locator('#billing-legend');
    await legend.getByText('Utilisateurs de l’abonnement annuel').waitFor();
    await legend.getByText('Utilisateurs supplémentaires (mensuel)').waitFor();
    for (const serie of ['annualUsers', 'additionalUsers']) {
      expect(await page.locator(`#billing-chart g.billing-serie[data-serie="${serie}"] rect`).count()).toBe(12);
    }
    // Axes: the twelve months, the counts, and their titles.
    const xAxis = await page.locator('#billing-axis-x text').allTextContents();
    expect(xAxis).toEqual(expect.arrayContaining(['janv.', 'mars', 'déc.', 'Mois']));
    const yAxis = await page.locator('#billing-axis-y text').allTextContents();
    expect(yAxis).toEqual(expect.arrayContaining(['0', 'Utilisateurs']));
    // Values: 3 annual users in January (2 of Alpha, 1 of Bêta), 1 additional in March.
    expect(
      await page
        .locator('#billing-chart g.billing-serie[data-serie="annualUsers"] text.billing-value')
        .allTextContents(),
    ).toEqual(['3']);
    expect(
      await page
        .locator('#billing-chart g.billing-serie[data-serie="additionalUsers"] text.billing-value')
        .allTextContents(),
    ).toEqual(['1']);
    // French amounts: 3 × 600 € in January.
    await page.getByRole('cell', { name: /^1\s800,00\s€$/ }).waitFor();
    await screenshot(page, `${TEST_ENGINE}-billing-chart`);
  });

  it('should download the CSV and the JSON with names and French headers', async () => {
    await page.goto(`${origin}/admin/resources/BillingReport/actions/downloadBilling`, { waitUntil: 'commit' });
    await page.locator('#download-billing-csv').waitFor();
    await page.locator('#billing-download-year').fill('2027');
    await screenshot(page, `${TEST_ENGINE}-billing-download`);
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#download-billing-csv').click(),
    ]);
    expect(csvDownload.suggestedFilename()).toBe('facturation-bridge-2027.csv');
    const stream = await csvDownload.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const csv = Buffer.concat(chunks).toString('utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csvLines(csv)).toEqual([
      'Période;Type;Société;Configuration Bridge;Utilisateurs facturés;Prix unitaire HT (€);Montant HT (€);E-mails facturés',
      '2027;Annuel;Boulangerie Alpha;Bridge Boulangerie Alpha;2;600,00;1200,00;claire@alpha.fr paul@alpha.fr',
      '2027;Annuel;Cabinet Bêta;Bridge Cabinet Bêta;1;600,00;600,00;zoe@beta.fr',
      '2027-03;Mensuel;Boulangerie Alpha;Bridge Boulangerie Alpha;1;50,00;50,00;new@alpha.fr',
    ]);

    const [jsonDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#download-billing-json').click(),
    ]);
    expect(jsonDownload.suggestedFilename()).toBe('facturation-bridge-2027.json');
    const jsonChunks: Buffer[] = [];
    for await (const chunk of await jsonDownload.createReadStream()) jsonChunks.push(chunk as Buffer);
    const json = JSON.parse(Buffer.concat(jsonChunks).toString('utf8')) as Record<string, unknown>[];
    expect(json.map((row) => [row.periode, row.societe, row.montantHT])).toEqual([
      ['2027', 'Boulangerie Alpha', '1200.00'],
      ['2027', 'Cabinet Bêta', '600.00'],
      ['2027-03', 'Boulangerie Alpha', '50.00'],
    ]);
    expect(json[0]).toMatchObject({
      type: 'Annuel',
      configurationBridge: 'Bridge Boulangerie Alpha',
      utilisateursFactures: 2,
      emails: ['claire@alpha.fr', 'paul@alpha.fr'],
    });
  });

  it("should give an integrator of company A its reports only, never company B's", async () => {
    const agent = await signedInAgent(INTEGRATOR);
    const csv = await agent.get('/admin/api/billing-reports?format=csv&year=2027').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csvLines(csv.text);
    expect(lines.slice(1).map((line) => line.split(';')[2])).toEqual(['Boulangerie Alpha', 'Boulangerie Alpha']);
    expect(csv.text).not.toContain('Bêta');
    const json = await agent.get('/admin/api/billing-reports?format=json').expect(200);
    expect(json.text).not.toContain('Bêta');
    expect((JSON.parse(json.text) as unknown[]).length).toBe(2);
    // Asking for company B by name gets nothing of it.
    const asked = await agent.get(`/admin/api/billing-reports?format=json&companyId=${ids.b}`).expect(200);
    expect(JSON.parse(asked.text)).toEqual([]);
  });

  it('should refuse a bad parameter by name and a visitor who is not signed in', async () => {
    const agent = await signedInAgent(EDITOR);
    for (const [query, field] of [
      ['format=xls', 'format'],
      ['format=csv&year=27', 'year'],
      ['format=csv&year=2027&month=13', 'month'],
      ['format=csv&companyId=abc', 'companyId'],
    ]) {
      const refused = await agent.get(`/admin/api/billing-reports?${query}`);
      expect({ query, status: refused.status, text: refused.text }).toEqual({
        query,
        status: 400,
        text: `${field} : valeur invalide.`,
      });
    }
    const month = await agent.get('/admin/api/billing-reports?format=csv&month=3').expect(400);
    expect(month.text).toMatch(/^month : indiquez aussi l’année/);
    await request(t.app.getHttpServer()).get('/admin/api/billing-reports?format=csv').expect(401);
  });

  it('should say in French that a company now has two active Bridge configurations, by its name', async () => {
    const agent = await signedInAgent(EDITOR);
    const answer = await agent
      .post('/admin/api/resources/BridgeConfig/actions/new')
      .set('Origin', origin)
      .type('form')
      .send({
        name: 'Bridge Alpha bis',
        companyIds: String(ids.a),
        url: 'https://api.bridgeapi.io',
        version: '2025-01-15',
        clientId: 'client-a-bis-51d2',
        clientSecret: 'secret-a-bis-9e8d7c',
        active: 'true',
      })
      .expect(200);
    try {
      expect(answer.body.notice).toEqual({
        type: 'info',
        message:
          'La société « Boulangerie Alpha » a 2 configurations Bridge actives : elle n’est facturée qu’une fois, mais désactivez celles qui ne servent pas.',
      });
    } finally {
      await t.api().patch(`/api/v1/bridge-configs/${answer.body.record.params.id}`, { active: false }).expect(200);
    }
  });
});
