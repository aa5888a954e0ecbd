import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createBridgeSandbox, driveConnectFunnel } from '@telecollecte/bridge-sandbox';

import { DEMO_EMAIL, DEMO_SIREN, DemoSeedService } from '../../src/demo/demo-seed.service.js';
import { checkFec, FEC_COLUMN_NAMES, fecEntries, netMovement, parseFec } from '../support/fec-parser.js';
import { freePort } from '../support/processes.js';
import { TEST_NOW } from '../support/test-clock.js';
import { binaryBody } from './utils/binary-body.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

describe(`zero-configuration demo seed (${TEST_ENGINE})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    // The demo is seeded only with the sandbox mounted (main.ts), which also makes its URL an allowed Bridge origin.
    t = await createTestApp({ BRIDGE_SANDBOX: 'on' });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it('should seed a company ready for the Synchro once, with the IBAN of a sandbox account', async () => {
    const sandbox = createBridgeSandbox({ startTime: TEST_NOW });
    const seeder = t.app.get(DemoSeedService);
    expect(await seeder.seedOnce(sandbox, '/bridge-sandbox', new Date('2026-11-26T10:00:00Z'))).toBe(true);
    expect(await seeder.seedOnce(sandbox, '/bridge-sandbox')).toBe(false);

    const companies = await t.api().get('/api/v1/companies').expect(200);
    expect(companies.body.items).toEqual([
      expect.objectContaining({ name: 'Boulangerie Martin (démo)', subscriptionActive: true }),
    ]);
    const companyId = companies.body.items[0].id;
    const configs = await t.api().get(`/api/v1/bridge-configs?companyId=${companyId}`).expect(200);
    expect(configs.body.items).toEqual([
      expect.objectContaining({
        url: `${t.config.publicUrl}/bridge-sandbox`,
        version: '2025-01-15',
        active: true,
        clientSecretSet: true,
      }),
    ]);
    const users = await t.api().get(`/api/v1/users?companyId=${companyId}`).expect(200);
    expect(users.body.items).toEqual([expect.objectContaining({ email: DEMO_EMAIL, active: true })]);
    const accounts = await t.api().get(`/api/v1/bank-accounts?companyId=${companyId}`).expect(200);
    const checking = sandbox.previewAccounts(DEMO_EMAIL, 574).accounts.find((account) => account.type === 'checking')!;
    expect(accounts.body.items).toEqual([
      expect.objectContaining({ iban: checking.iban, accountTypes: ['checking', 'card'] }),
    ]);
    const statements = await t.api().get(`/api/v1/statements?bankAccountId=${accounts.body.items[0].id}`).expect(200);
    expect(statements.body.items).toEqual([
      expect.objectContaining({ dateStart: '2026-11-01', dateEnd: null, state: 'open' }),
    ]);
    // Two rules, not doubled by the second seeding: fees and URSSAF, as the sandbox labels them.
    const rules = await t.api().get(`/api/v1/counterpart-rules?companyId=${companyId}`).expect(200);
    expect(rules.body.items).toEqual([
      expect.objectContaining({
        bankAccountId: null,
        labelContains: 'frais',
        sign: 'debit',
        account: '627000',
        active: true,
      }),
      expect.objectContaining({
        bankAccountId: null,
        labelContains: 'urssaf',
        sign: 'debit',
        account: '431000',
        active: true,
      }),
    ]);
    expect(companies.body.items[0].siren).toBe(DEMO_SIREN);
  });
});

// README.md, "A first tour": from the zero-configuration start, the Synchro, the posting, the entries and the FEC,
// with the curl commands' paths and bodies as written there.
describe(`the README tour on the demo company (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let origin: string;

  beforeAll(async () => {
    // The Synchro calls the mounted sandbox over HTTP at PUBLIC_URL: the app listens there, as `npm start` does.
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    t = await createTestApp({ BRIDGE_SANDBOX: 'on', PORT: String(port), PUBLIC_URL: origin });
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(port, '127.0.0.1', resolve));
    expect(await t.app.get(DemoSeedService).seedOnce(t.sandbox!, '/bridge-sandbox')).toBe(true);
  });

  afterAll(async () => {
    await t.close();
  });

  it('should run the Synchro, post the demo statement, list its entries and download a FEC that follows A47 A-1', async () => {
    const api = t.api();
    const statements = await api.get('/api/v1/statements').expect(200);
    expect(statements.body.items).toEqual([expect.objectContaining({ id: 1 })]);
    const first = await api.post('/api/v1/statements/1/sync', { userId: 1 }).expect(200);
    expect(first.body).toMatchObject({ status: 'connect_required' });
    expect(first.body.connectUrl.startsWith(`${origin}/bridge-sandbox/connect/session/`)).toBe(true);
    // The demo journal carries the IBAN of the sandbox's BNP Paribas account (README: choose BNP Paribas).
    const funnel = await driveConnectFunnel(first.body.connectUrl, { providerId: 574 });
    const callback = await fetch(funnel.location!);
    expect(callback.status).toBe(200);
    // The callback runs the Synchro at once: the page says how many operations arrived.
    const imported = /Banque connectée : (\d+) opérations importées/.exec(await callback.text());
    expect(imported).not.toBeNull();

    const synced = await api.post('/api/v1/statements/1/sync', { userId: 1 }).expect(200);
    expect(synced.body).toMatchObject({ status: 'synced', imported: 0 });
    const lines = (await api.get('/api/v1/statements/1/lines?limit=100').expect(200)).body.items as {
      amount: string;
      label: string;
    }[];
    expect(lines.length).toBeGreaterThan(5);
    expect(lines).toHaveLength(Number(imported![1]));
    // The demo's statement page shows no gap: its opening is the one that makes the computed end the bank's.
    const statement = (await api.get('/api/v1/statements/1').expect(200)).body;
    expect(statement.bankBalance).toBe(synced.body.bankBalance);
    expect(statement.balanceEnd).toBe(statement.bankBalance);
    // Taken once: a later Synchro leaves the opening as it is.
    await api.post('/api/v1/statements/1/sync', { userId: 1 }).expect(200);
    expect((await api.get('/api/v1/statements/1').expect(200)).body.balanceStart).toBe(statement.balanceStart);

    const posted = await api.post('/api/v1/statements/1/post', {}).expect(200);
    const nonZero = lines.filter((line) => !/^-?0\.00$/.test(line.amount));
    expect(posted.body).toEqual({ posted: nonZero.length, entryIds: expect.any(Array) });

    const entries = (await api.get('/api/v1/entries?statementId=1&limit=100').expect(200)).body.items as {
      number: string;
      ruleId: number | null;
      lines: { account: string; accountLabel: string }[];
    }[];
    expect(entries).toHaveLength(nonZero.length);
    // The seeded rules give their accounts to the sandbox's fees and URSSAF debit; the rest waits on 471000.
    const counterparts = new Set(entries.flatMap((entry) => entry.lines.map((line) => line.account)));
    expect([...counterparts].sort()).toEqual(['431000', '471000', '512000', '627000']);
    const rules = (await api.get('/api/v1/counterpart-rules?companyId=1').expect(200)).body.items;
    expect(rules.map((rule: { account: string }) => rule.account)).toEqual(['627000', '431000']);

    const year = TEST_NOW.getUTCFullYear();
    const fec = await api.get(`/api/v1/companies/1/fec?fiscalYear=${year}`).buffer(true).parse(binaryBody).expect(200);
    expect(fec.headers['content-disposition']).toMatch(/^attachment; filename="?([^"]+)"?$/);
    expect(/filename="?([^"]+)"?$/.exec(fec.headers['content-disposition']!)?.[1]).toBe(
      `${DEMO_SIREN}FEC${year}1231.txt`,
    );
    const parsed = parseFec(fec.body as Buffer, 'iso-8859-15');
    expect(parsed.header).toEqual([...FEC_COLUMN_NAMES]);
    expect(checkFec(parsed)).toEqual([]);
    expect(fecEntries(parsed).size).toBe(entries.length);
    expect(parsed.records.every((record) => record.fields.length === 18)).toBe(true);
    expect(netMovement(parsed, '627000')).toBeGreaterThan(0);
    expect(netMovement(parsed, '431000')).toBeGreaterThan(0);

    const description = await api.get(`/api/v1/companies/1/fec/description?fiscalYear=${year}`).expect(200);
    expect(description.text).toContain(`${DEMO_SIREN}FEC${year}1231.txt`);
  }, 60_000);
});
