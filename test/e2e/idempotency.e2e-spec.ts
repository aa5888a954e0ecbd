import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { ApiKeysService } from '../../src/auth/api-keys.service.js';
import { IdempotencyService } from '../../src/idempotency/idempotency.service.js';
import { newCompany } from './utils/factories.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

describe(`Idempotency-Key on the API's POSTs (${TEST_ENGINE})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  async function companiesNamed(name: string): Promise<number> {
    const rows: { n: number | string }[] = await t.dataSource.query(
      `SELECT COUNT(*) AS n FROM company WHERE name = '${name}'`,
    );
    return Number(rows[0]!.n);
  }

  it('should replay the stored answer for the same key and body, creating once', async () => {
    const key = randomUUID();
    const name = `Idem ${key}`;
    const first = await t.api().post('/api/v1/companies', { name }).set('Idempotency-Key', key).expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const second = await t.api().post('/api/v1/companies', { name }).set('Idempotency-Key', key).expect(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(await companiesNamed(name)).toBe(1);
  });

  it('should replay a created API key without storing it in clear', async () => {
    const companyId = (await newCompany(t.api())).id;
    const key = randomUUID();
    const body = { name: 'ERP', companyIds: [companyId] };
    const first = await t.api().post('/api/v1/api-keys', body).set('Idempotency-Key', key).expect(201);
    const second = await t.api().post('/api/v1/api-keys', body).set('Idempotency-Key', key).expect(201);
    expect(second.body.key).toBe(first.body.key);
    expect(second.headers['idempotent-replayed']).toBe('true');
    const rows: { response: string }[] = await t.dataSource.query('SELECT response FROM idempotency_record');
    expect(JSON.stringify(rows)).not.toContain(first.body.key);
  });

  it('should answer 422 idempotency_key.reused for the same key with another body or path', async () => {
    const key = randomUUID();
    await t
      .api()
      .post('/api/v1/companies', { name: `A ${key}` })
      .set('Idempotency-Key', key)
      .expect(201);
    const other = await t
      .api()
      .post('/api/v1/companies', { name: `B ${key}` })
      .set('Idempotency-Key', key)
      .expect(422);
    expect(other.body).toMatchObject({ code: 'idempotency_key.reused', field: 'Idempotency-Key' });
    const path = await t
      .api()
      .post('/api/v1/users', { name: `A ${key}` })
      .set('Idempotency-Key', key)
      .expect(422);
    expect(path.body.code).toBe('idempotency_key.reused');
    expect(await companiesNamed(`B ${key}`)).toBe(0);
  });

  it('should treat the same body with its fields in another order as the same request', async () => {
    const key = randomUUID();
    await t
      .api()
      .post('/api/v1/companies', { name: `O ${key}`, siren: null })
      .set('Idempotency-Key', key)
      .expect(201);
    const again = await t
      .api()
      .post('/api/v1/companies', { siren: null, name: `O ${key}` })
      .set('Idempotency-Key', key)
      .expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('should let concurrent requests with one key create once: one 201, the others 409 or the replay', async () => {
    const key = randomUUID();
    const name = `Concurrent ${key}`;
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => t.api().post('/api/v1/companies', { name }).set('Idempotency-Key', key)),
    );
    const fresh = answers.filter((answer) => answer.status === 201 && !answer.headers['idempotent-replayed']);
    expect(fresh).toHaveLength(1);
    for (const answer of answers) {
      if (answer.status === 409) expect(answer.body.code).toBe('idempotency_key.in_progress');
      else expect(answer.status).toBe(201);
    }
    expect(await companiesNamed(name)).toBe(1);
  });

  it('should answer 409 idempotency_key.in_progress while the first request runs', async () => {
    const { apiKey, key: secret } = await t.app
      .get(ApiKeysService)
      .create({ name: 'Slow', editor: true, companyIds: [] });
    const key = randomUUID();
    // The first request holds the key (as if still running): the service's record, taken as the interceptor does.
    await t.app.get(IdempotencyService).begin({
      apiKeyId: apiKey.id,
      key,
      method: 'POST',
      path: '/api/v1/companies',
      body: { name: 'Slow' },
    });
    const response = await t.api(secret).post('/api/v1/companies', { name: 'Slow' }).set('Idempotency-Key', key);
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'idempotency_key.in_progress', field: 'Idempotency-Key' });
    expect(await companiesNamed('Slow')).toBe(0);
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(256)],
    ['non-printable', 'abc\tdef'],
    ['non-ASCII', 'clé-é'],
  ])('should answer 400 idempotency_key.invalid for a key that is %s', async (_case, key) => {
    const response = await t
      .api()
      .post('/api/v1/companies', { name: 'Invalid key' })
      .set('Idempotency-Key', key)
      .expect(400);
    expect(response.body).toMatchObject({ code: 'idempotency_key.invalid', field: 'Idempotency-Key' });
    expect(await companiesNamed('Invalid key')).toBe(0);
  });

  it('should keep the keys of two API keys independent', async () => {
    const other = (await t.app.get(ApiKeysService).create({ name: 'Other', editor: true, companyIds: [] })).key;
    const key = randomUUID();
    const name = `Two callers ${key}`;
    await t.api().post('/api/v1/companies', { name }).set('Idempotency-Key', key).expect(201);
    const second = await t.api(other).post('/api/v1/companies', { name }).set('Idempotency-Key', key).expect(201);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(await companiesNamed(name)).toBe(2);
  });

  it('should not store a refused request: the same key may be retried once the input is fixed', async () => {
    const key = randomUUID();
    await t.api().post('/api/v1/companies', { name: '' }).set('Idempotency-Key', key).expect(400);
    await t.api().post('/api/v1/companies', { name: '' }).set('Idempotency-Key', key).expect(400);
    const rows: unknown[] = await t.dataSource.query(`SELECT id FROM idempotency_record WHERE \`key\` = '${key}'`);
    expect(rows).toHaveLength(0);
  });

  it('should purge the records older than 24 hours', async () => {
    const key = randomUUID();
    await t
      .api()
      .post('/api/v1/companies', { name: `Purge ${key}` })
      .set('Idempotency-Key', key)
      .expect(201);
    const service = t.app.get(IdempotencyService);
    await service.purgeOlderThan(new Date(t.clock.nowMs() - 24 * 3_600_000));
    const kept: unknown[] = await t.dataSource.query(`SELECT id FROM idempotency_record WHERE \`key\` = '${key}'`);
    expect(kept).toHaveLength(1);
    await service.purgeOlderThan(new Date(t.clock.nowMs() + 1000));
    const gone: unknown[] = await t.dataSource.query(`SELECT id FROM idempotency_record WHERE \`key\` = '${key}'`);
    expect(gone).toHaveLength(0);
  });

  it('should leave requests without the header as they were', async () => {
    const name = `No key ${randomUUID()}`;
    await t.api().post('/api/v1/companies', { name }).expect(201);
    await t.api().post('/api/v1/companies', { name }).expect(201);
    expect(await companiesNamed(name)).toBe(2);
  });
});
