import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';

import { newBankAccount, newCompany } from './utils/factories.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

describe(`bank accounts (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let companyId: number;

  beforeAll(async () => {
    t = await createTestApp();
  });

  // Each test has a company of its own: the accounts of the others are not in its lists.
  beforeEach(async () => {
    companyId = (await newCompany(t.api())).id;
  });

  afterAll(async () => {
    await t.close();
  });

  it('should store the IBAN in electronic format with the defaults of the télécollecte settings', async () => {
    const response = await t
      .api()
      .post('/api/v1/bank-accounts', {
        companyId,
        journalCode: 'bq1',
        journalName: 'BNP Paribas',
        iban: 'FR76 3000 6000 0112 3456 7890 189',
      })
      .expect(201);
    expect(response.body).toEqual({
      id: expect.any(Number),
      companyId,
      journalCode: 'BQ1',
      journalName: 'BNP Paribas',
      iban: 'FR7630006000011234567890189',
      bic: null,
      currency: 'EUR',
      glAccount: '512000',
      glAccountLabel: null,
      suspenseAccount: '471000',
      suspenseAccountLabel: null,
      cardClearingAccount: null,
      cardClearingAccountLabel: null,
      accountTypes: ['checking'],
      bridgeBankId: null,
      bridgeAccountId: null,
      includeOlderLines: false,
      useCleanLabel: false,
      cardDatingMode: 'transaction',
      cardKeepDeferredTotal: false,
      cardIncludeFuture: false,
    });
    const stored = await t.dataSource.query('SELECT iban FROM bank_account WHERE id = ?', [response.body.id]);
    expect(stored[0].iban).toBe('FR7630006000011234567890189');
    const found = await t
      .api()
      .get(`/api/v1/bank-accounts?companyId=${companyId}&iban=fr76%203000%206000%200112%203456%207890%20189`)
      .expect(200);
    expect(found.body.items.map((item: { id: number }) => item.id)).toEqual([response.body.id]);
  });

  it('should refuse an IBAN with a wrong checksum, naming iban, and write nothing', async () => {
    const before = await t.api().get(`/api/v1/bank-accounts?companyId=${companyId}`).expect(200);
    const response = await t
      .api()
      .post('/api/v1/bank-accounts', {
        companyId,
        journalCode: 'BQ9',
        journalName: 'X',
        iban: 'FR7630006000011234567890188',
      })
      .expect(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      code: 'iban.invalid',
      message: expect.stringMatching(/^iban: .*IBAN/),
      field: 'iban',
    });
    const after = await t.api().get(`/api/v1/bank-accounts?companyId=${companyId}`).expect(200);
    expect(after.body.total).toBe(before.body.total);
  });

  it('should take every télécollecte setting and validate each one by name', async () => {
    const account = await newBankAccount(t.api(), companyId);
    const updated = await t
      .api()
      .patch(`/api/v1/bank-accounts/${account.id}`, {
        accountTypes: ['Checking', 'card'],
        bridgeBankId: 574,
        bridgeAccountId: 12345678901234,
        includeOlderLines: true,
        useCleanLabel: true,
        cardDatingMode: 'debit',
        cardKeepDeferredTotal: true,
        cardIncludeFuture: true,
        cardClearingAccount: '467100',
        bic: 'agrifrpp',
      })
      .expect(200);
    expect(updated.body).toMatchObject({
      accountTypes: ['checking', 'card'],
      bridgeBankId: 574,
      bridgeAccountId: 12345678901234,
      includeOlderLines: true,
      useCleanLabel: true,
      cardDatingMode: 'debit',
      cardKeepDeferredTotal: true,
      cardIncludeFuture: true,
      cardClearingAccount: '467100',
      bic: 'AGRIFRPP',
    });
    const reread = await t.api().get(`/api/v1/bank-accounts/${account.id}`).expect(200);
    expect(reread.body).toEqual(updated.body);

    const cases: [Record<string, unknown>, RegExp][] = [
      [{ cardDatingMode: 'monthly' }, /^cardDatingMode: must be one of transaction, debit/],
      [{ accountTypes: 'checking' }, /^accountTypes: /],
      [{ accountTypes: ['check ing'] }, /^accountTypes: each account type/],
      [{ accountTypes: [] }, /^accountTypes: /],
      [{ iban: 'FR7630006000011234567890188' }, /^iban: /],
      [{ bic: 'XX' }, /^bic: /],
      [{ currency: 'euro' }, /^currency: /],
      [{ glAccount: '5' }, /^glAccount: /],
      [{ bridgeAccountId: -4 }, /^bridgeAccountId: /],
      [{ includeOlderLines: 'yes' }, /^includeOlderLines: /],
      [{ companyId: 2 }, /^companyId: property companyId should not exist/],
      [{ journalName: null }, /^journalName: /],
      [{ currency: null }, /^currency: /],
      [{ accountTypes: null }, /^accountTypes: /],
      [{ cardDatingMode: null }, /^cardDatingMode: /],
    ];
    for (const [body, message] of cases) {
      const response = await t.api().patch(`/api/v1/bank-accounts/${account.id}`, body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(response.body.message).toMatch(message);
    }
    const unchanged = await t.api().get(`/api/v1/bank-accounts/${account.id}`).expect(200);
    expect(unchanged.body).toEqual(updated.body);
  });

  it('should keep journal codes unique within a company', async () => {
    await newBankAccount(t.api(), companyId, { journalCode: 'BQ7' });
    const response = await t
      .api()
      .post('/api/v1/bank-accounts', { companyId, journalCode: 'bq7', journalName: 'Twice' })
      .expect(409);
    expect(response.body.message).toMatch(/^journalCode: journal BQ7 already exists/);
  });

  it('should accept a bank account without IBAN and clear an IBAN with null', async () => {
    const account = await newBankAccount(t.api(), companyId, { iban: null });
    expect((await t.api().get(`/api/v1/bank-accounts/${account.id}`)).body.iban).toBeNull();
    const withIban = await t
      .api()
      .patch(`/api/v1/bank-accounts/${account.id}`, { iban: 'DE89 3704 0044 0532 0130 00' })
      .expect(200);
    expect(withIban.body.iban).toBe('DE89370400440532013000');
    const cleared = await t.api().patch(`/api/v1/bank-accounts/${account.id}`, { iban: null }).expect(200);
    expect(cleared.body.iban).toBeNull();
  });

  it('should answer 404 for an unknown company', async () => {
    const response = await t
      .api()
      .post('/api/v1/bank-accounts', { companyId: 9999, journalCode: 'BQ1', journalName: 'X' })
      .expect(404);
    expect(response.body.message).toBe('companyId: Company 9999 not found');
  });
});
