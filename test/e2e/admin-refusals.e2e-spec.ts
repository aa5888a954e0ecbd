import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';

import { AdminAccountsService } from '../../src/admin-accounts/admin-accounts.service.js';
import { ERROR_CODES } from '../../src/common/errors/error-codes.js';
import { newBankAccount, newCompany, newStatement } from './utils/factories.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

// A fresh MariaDB database, its migrations and the scrypt of the login take more than Jest's 5 s.
jest.setTimeout(60_000);

const ORIGIN = 'http://127.0.0.1:4598';
const PASSWORD = 'correct-horse-battery';
const FIX_FIELDS = 'Corrigez les champs signalés.';

/**
 * The back-office shows a service's refusals in French, from the code table: on the field the refusal names, or as the
 * message of the form or of the Synchro. Each test makes the data it refuses.
 */
describe(`back-office refusals in French (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let editor: TestAgent;

  beforeAll(async () => {
    t = await createTestApp({ ADMIN: 'on', PUBLIC_URL: ORIGIN });
    await t.app
      .get(AdminAccountsService)
      .create({ email: 'editeur@telecollecte.fr', name: 'Éditeur', password: PASSWORD, userId: null, role: 'editor' });
    editor = request.agent(t.app.getHttpServer());
    await editor
      .post('/admin/login')
      .set('Origin', ORIGIN)
      .type('form')
      .send({ email: 'editeur@telecollecte.fr', password: PASSWORD })
      .expect(302);
  });

  afterAll(async () => {
    await t?.close();
  });

  const post = (path: string, form: Record<string, string>) =>
    editor.post(`/admin/api/resources/${path}`).set('Origin', ORIGIN).type('form').send(form).expect(200);

  it('should put a taken journal code on its field', async () => {
    const companyId = (await newCompany(t.api(), { name: 'Journal pris' })).id;
    await newBankAccount(t.api(), companyId, { journalCode: 'BQ1' });
    const answer = await post('BankAccount/actions/new', {
      companyId: String(companyId),
      journalCode: 'BQ1',
      journalName: 'Doublon',
    });
    expect(answer.body.record.errors).toEqual({ journalCode: { message: ERROR_CODES['journal_code.taken'].fr } });
    expect(answer.body.notice).toMatchObject({ message: FIX_FIELDS, type: 'error' });
  });

  it('should put a taken login and an unknown company on their fields', async () => {
    const companyId = (await newCompany(t.api(), { name: 'Login pris' })).id;
    await t.api().post('/api/v1/users', { companyId, name: 'Claire', login: 'claire' }).expect(201);
    const taken = await post('User/actions/new', {
      companyId: String(companyId),
      name: 'Autre Claire',
      login: 'claire',
      active: 'true',
    });
    expect(taken.body.record.errors).toEqual({ login: { message: ERROR_CODES['login.taken'].fr } });
    const unknown = await post('User/actions/new', {
      companyId: '999999',
      name: 'Personne',
      login: 'personne',
      active: 'true',
    });
    expect(unknown.body.record.errors).toEqual({ companyId: { message: ERROR_CODES['company.not_found'].fr } });
  });

  it('should put a period ending before it starts on its end date', async () => {
    const companyId = (await newCompany(t.api(), { name: 'Période' })).id;
    const bankAccountId = (await newBankAccount(t.api(), companyId, { journalCode: 'BQ1' })).id;
    const statementId = (await newStatement(t.api(), bankAccountId, { dateStart: '2026-11-01' })).id;
    const answer = await post(`BankStatement/records/${statementId}/edit`, {
      name: 'Novembre',
      dateStart: '2026-11-01',
      dateEnd: '2026-10-01',
      balanceStart: '0.00',
      state: 'open',
    });
    expect(answer.body.record.errors).toEqual({ dateEnd: { message: ERROR_CODES['date_range.invalid'].fr } });
  });

  it('should keep the typed values next to a refusal, but never echo a typed secret', async () => {
    const companyId = (await newCompany(t.api(), { name: 'Secret' })).id;
    const config = await t
      .api()
      .post('/api/v1/bridge-configs', {
        companyIds: [companyId],
        name: 'Bridge',
        url: 'https://api.bridgeapi.io',
        clientId: 'client-id',
        clientSecret: 'stored-secret-value',
      })
      .expect(201);
    const answer = await post(`BridgeConfig/records/${config.body.id}/edit`, {
      name: 'Bridge renommée',
      companyIds: String(companyId),
      url: 'https://api.bridgeapi.io/v3',
      version: '2025-01-15',
      clientId: 'client-id',
      clientSecret: 'typed-secret-value',
      active: 'true',
    });
    expect(Object.keys(answer.body.record.errors)).toEqual(['url']);
    expect(answer.body.record.params).toMatchObject({ name: 'Bridge renommée', url: 'https://api.bridgeapi.io/v3' });
    expect(JSON.stringify(answer.body)).not.toContain('typed-secret-value');
    expect(JSON.stringify(answer.body)).not.toContain('stored-secret-value');
    const unchanged = await t.api().get(`/api/v1/bridge-configs/${config.body.id}`).expect(200);
    expect(unchanged.body.name).toBe('Bridge');
  });

  it('should explain a refused Synchro with the message of its code', async () => {
    const companyId = (await newCompany(t.api(), { name: 'Sans e-mail' })).id;
    const bankAccountId = (await newBankAccount(t.api(), companyId, { journalCode: 'BQ1' })).id;
    const statementId = (await newStatement(t.api(), bankAccountId)).id;
    const userId = (await t.api().post('/api/v1/users', { companyId, name: 'Paul', login: 'paul' }).expect(201)).body
      .id;
    const answer = await post(`BankStatement/records/${statementId}/synchro`, { userId: String(userId) });
    expect(answer.body).toMatchObject({ code: 'user.email_missing', failure: ERROR_CODES['user.email_missing'].fr });
    // The same refusal over REST: the code and the field.
    const rest = await t.api().post(`/api/v1/statements/${statementId}/sync`, { userId }).expect(400);
    expect(rest.body).toMatchObject({ code: 'user.email_missing', field: 'userId' });
  });

  it('should explain a Synchro of a closed statement', async () => {
    const companyId = (await newCompany(t.api(), { name: 'Clôturé' })).id;
    const bankAccountId = (await newBankAccount(t.api(), companyId, { journalCode: 'BQ1' })).id;
    const statementId = (await newStatement(t.api(), bankAccountId)).id;
    await t
      .api()
      .patch(`/api/v1/statements/${statementId}`, { state: 'closed', forceClose: true, closeComment: 'Fin' })
      .expect(200);
    const userId = (
      await t.api().post('/api/v1/users', { companyId, name: 'Léa', login: 'lea', email: 'lea@cabinet.fr' }).expect(201)
    ).body.id;
    const answer = await post(`BankStatement/records/${statementId}/synchro`, { userId: String(userId) });
    expect(answer.body).toMatchObject({ code: 'statement.closed', failure: ERROR_CODES['statement.closed'].fr });
    const rest = await t.api().post(`/api/v1/statements/${statementId}/sync`, { userId }).expect(409);
    expect(rest.body).toMatchObject({ code: 'statement.closed', field: null });
  });
});
