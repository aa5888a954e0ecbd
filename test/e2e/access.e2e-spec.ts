import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { ApiKeysService } from '../../src/auth/api-keys.service.js';
import { newBankAccount, newCompany, newStatement } from './utils/factories.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

describe(`API keys and company scopes (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let companyA: number;
  let companyB: number;
  let keyA: string;
  let accountB: number;

  beforeAll(async () => {
    t = await createTestApp();
    companyA = (await newCompany(t.api(), { name: 'A' })).id;
    companyB = (await newCompany(t.api(), { name: 'B' })).id;
    keyA = (await t.app.get(ApiKeysService).create({ name: 'ERP of A', editor: false, companyIds: [companyA] })).key;
    accountB = (await newBankAccount(t.api(), companyB)).id;
  });

  afterAll(async () => {
    await t.close();
  });

  it('should store keys hashed only', async () => {
    const rows: { hash: string; prefix: string }[] = await t.dataSource.query('SELECT hash, prefix FROM api_key');
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(keyA).not.toBe(row.hash);
    }
    expect(JSON.stringify(rows)).not.toContain(keyA);
  });

  it("should answer 404 for another company's resources, as if they did not exist", async () => {
    const api = t.api(keyA);
    const response = await api.get(`/api/v1/bank-accounts/${accountB}`).expect(404);
    expect(response.body.message).toBe(`Bank account ${accountB} not found`);
    await api.get(`/api/v1/companies/${companyB}`).expect(404);
    await api.patch(`/api/v1/bank-accounts/${accountB}`, { journalName: 'Hijack' }).expect(404);
    await api.post('/api/v1/bank-accounts', { companyId: companyB, journalCode: 'X1', journalName: 'X' }).expect(404);
    await api.post('/api/v1/statements', { bankAccountId: accountB, dateStart: '2026-01-01' }).expect(404);
    const statementB = await newStatement(t.api(), accountB);
    await api.get(`/api/v1/statements/${statementB.id}`).expect(404);
    await api.get(`/api/v1/statements/${statementB.id}/lines`).expect(404);
    const unchanged = await t.api().get(`/api/v1/bank-accounts/${accountB}`).expect(200);
    expect(unchanged.body.journalName).toBe('Banque');
  });

  it("should keep another company's accounting out of reach: posting, rules, entries, exports, balance check", async () => {
    const api = t.api(keyA);
    const statementB = await newStatement(t.api(), accountB, { dateStart: '2025-01-01', dateEnd: '2025-01-31' });
    const ruleB = await t
      .api()
      .post('/api/v1/counterpart-rules', { companyId: companyB, name: 'B', account: '627000', accountLabel: 'Frais' })
      .expect(201);
    const refused: Record<string, PromiseLike<{ status: number }>> = {
      post: api.post(`/api/v1/statements/${statementB.id}/post`, {}),
      accept: api.post(`/api/v1/statements/${statementB.id}/lines/1/accept-bank-change`, {}),
      reject: api.post(`/api/v1/statements/${statementB.id}/lines/1/reject-bank-change`, { comment: 'non' }),
      export: api.get(`/api/v1/statements/${statementB.id}/export?format=csv`),
      fec: api.get(`/api/v1/companies/${companyB}/fec?fiscalYear=2025`),
      description: api.get(`/api/v1/companies/${companyB}/fec/description?fiscalYear=2025`),
      balanceCheck: api.get(`/api/v1/bank-accounts/${accountB}/balance-check`),
      rule: api.get(`/api/v1/counterpart-rules/${ruleB.body.id}`),
      ruleChange: api.patch(`/api/v1/counterpart-rules/${ruleB.body.id}`, { name: 'Hijack' }),
      ruleCreate: api.post('/api/v1/counterpart-rules', {
        companyId: companyB,
        name: 'X',
        account: '627000',
        accountLabel: 'X',
      }),
    };
    for (const [name, answer] of Object.entries(refused)) {
      expect({ name, status: (await answer).status }).toEqual({ name, status: 404 });
    }
    const rules = await api.get(`/api/v1/counterpart-rules?companyId=${companyB}`).expect(200);
    expect(rules.body.items).toEqual([]);
    const entries = await api.get(`/api/v1/entries?companyId=${companyB}`).expect(200);
    expect(entries.body.items).toEqual([]);
    const years = await api.get(`/api/v1/fiscal-years?companyId=${companyB}`).expect(200);
    expect(years.body.items).toEqual([]);
    expect((await t.api().get(`/api/v1/counterpart-rules/${ruleB.body.id}`).expect(200)).body.name).toBe('B');
  });

  it('should list only the companies and accounts of the scope', async () => {
    const api = t.api(keyA);
    const companies = await api.get('/api/v1/companies').expect(200);
    expect(companies.body.items.map((company: { id: number }) => company.id)).toEqual([companyA]);
    const accounts = await api.get(`/api/v1/bank-accounts?companyId=${companyB}`).expect(200);
    expect(accounts.body).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
  });

  it('should let only an editor key change a subscription, and start new companies inactive', async () => {
    const forbidden = await t
      .api(keyA)
      .patch(`/api/v1/companies/${companyA}`, { subscriptionActive: true })
      .expect(403);
    expect(forbidden.body.message).toMatch(/^subscriptionActive: only an editor key/);
    const company = await t.api().get(`/api/v1/companies/${companyA}`).expect(200);
    expect(company.body.subscriptionActive).toBe(false);
    const activated = await t.api().patch(`/api/v1/companies/${companyA}`, { subscriptionActive: true }).expect(200);
    expect(activated.body.subscriptionActive).toBe(true);
    // Renaming with a scoped key is fine, and sending the unchanged flag is not a change.
    await t
      .api(keyA)
      .patch(`/api/v1/companies/${companyA}`, { name: 'A renamed', subscriptionActive: true })
      .expect(200);
  });

  it('should add a company created through a scoped key to that key', async () => {
    // A key of its own: the company it creates joins its scope, which the other tests' key A must not see.
    const client = (await newCompany(t.api(), { name: 'C' })).id;
    const keyC = (await t.app.get(ApiKeysService).create({ name: 'ERP of C', editor: false, companyIds: [client] }))
      .key;
    const created = await t.api(keyC).post('/api/v1/companies', { name: 'New client' }).expect(201);
    expect(created.body.subscriptionActive).toBe(false);
    await t.api(keyC).get(`/api/v1/companies/${created.body.id}`).expect(200);
    await t.api(keyC).post('/api/v1/companies', { name: 'Paid', subscriptionActive: true }).expect(403);
  });

  it('should validate and de-duplicate SIREN numbers', async () => {
    const created = await t.api().post('/api/v1/companies', { name: 'Danone', siren: '552 032 534' }).expect(201);
    expect(created.body.siren).toBe('552032534');
    const bad = await t.api().post('/api/v1/companies', { name: 'Typo', siren: '552032535' }).expect(400);
    expect(bad.body.message).toMatch(/^siren: must be a valid SIREN/);
    const twice = await t.api().post('/api/v1/companies', { name: 'Again', siren: '552032534' }).expect(409);
    expect(twice.body.message).toMatch(/^siren: /);
    const blank = await t.api().post('/api/v1/companies', { name: '   ' }).expect(400);
    expect(blank.body.message).toMatch(/^name: /);
  });

  it('should refuse a key naming an unknown company, and keep nothing of it', async () => {
    const service = t.app.get(ApiKeysService);
    const [{ count: before }] = await t.dataSource.query('SELECT COUNT(*) AS count FROM api_key');
    await expect(
      service.create({ name: 'Typo', editor: false, companyIds: [companyA, 999_999, 999_998] }),
    ).rejects.toThrow('companyIds: unknown company id(s): 999999, 999998');
    const [{ count: after }] = await t.dataSource.query('SELECT COUNT(*) AS count FROM api_key');
    expect(Number(after)).toBe(Number(before));
    const [{ count: links }] = await t.dataSource.query(
      "SELECT COUNT(*) AS count FROM api_key_company link JOIN api_key k ON k.id = link.apiKeyId WHERE k.name = 'Typo'",
    );
    expect(Number(links)).toBe(0);
  });

  it('should reuse the bootstrap key on restart rather than adding one', async () => {
    const service = t.app.get(ApiKeysService);
    const [{ count: before }] = await t.dataSource.query('SELECT COUNT(*) AS count FROM api_key');
    await service.onApplicationBootstrap();
    const [{ count: after }] = await t.dataSource.query('SELECT COUNT(*) AS count FROM api_key');
    expect(Number(after)).toBe(Number(before));
  });
});
