import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { ApiKeysService } from '../../src/auth/api-keys.service.js';
import { newCompany } from './utils/factories.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

describe(`The api-keys resource (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let companyA: number;
  let companyB: number;

  beforeAll(async () => {
    t = await createTestApp();
    companyA = (await newCompany(t.api(), { name: 'A' })).id;
    companyB = (await newCompany(t.api(), { name: 'B' })).id;
  });

  afterAll(async () => {
    await t.close();
  });

  it('should create a scoped key shown once, store only its hash, and let it see its companies only', async () => {
    const created = await t
      .api()
      .post('/api/v1/api-keys', { name: ' ERP of A ', companyIds: [companyA] })
      .expect(201);
    expect(created.body).toEqual({
      id: expect.any(Number),
      name: 'ERP of A',
      prefix: created.body.key.slice(0, 12),
      editor: false,
      companyIds: [companyA],
      createdAt: expect.any(String),
      lastUsedAt: null,
      revokedAt: null,
      key: expect.stringMatching(/^tcb_[\w-]{43}$/),
    });
    const key: string = created.body.key;
    const rows: { hash: string }[] = await t.dataSource.query(`SELECT hash FROM api_key WHERE id = ${created.body.id}`);
    expect(JSON.stringify(rows)).not.toContain(key);

    await t.api(key).get(`/api/v1/companies/${companyA}`).expect(200);
    await t.api(key).get(`/api/v1/companies/${companyB}`).expect(404);

    const read = await t.api().get(`/api/v1/api-keys/${created.body.id}`).expect(200);
    expect(read.body.key).toBeUndefined();
    expect(read.body.companyIds).toEqual([companyA]);
    const list = await t.api().get('/api/v1/api-keys?limit=500').expect(200);
    expect(list.body.items.map((item: { id: number }) => item.id)).toContain(created.body.id);
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect(list.body.items.every((item: object) => !('key' in item) && !('hash' in item))).toBe(true);
  });

  it('should refuse bad input naming the field', async () => {
    const noCompany = await t.api().post('/api/v1/api-keys', { name: 'X', companyIds: [] }).expect(400);
    expect(noCompany.body.field).toBe('companyIds');
    const unknown = await t
      .api()
      .post('/api/v1/api-keys', { name: 'X', companyIds: [999999] })
      .expect(400);
    expect(unknown.body).toMatchObject({ code: 'api_key.unknown_company', field: 'companyIds' });
    const noName = await t
      .api()
      .post('/api/v1/api-keys', { companyIds: [companyA] })
      .expect(400);
    expect(noName.body.field).toBe('name');
    await t.api().get('/api/v1/api-keys/abc').expect(400);
  });

  it('should answer 404 api_key.not_found for an unknown key', async () => {
    const response = await t.api().get('/api/v1/api-keys/999999').expect(404);
    expect(response.body.code).toBe('api_key.not_found');
    const revoke = await t.api().post('/api/v1/api-keys/999999/revoke').expect(404);
    expect(revoke.body.code).toBe('api_key.not_found');
  });

  it('should keep the resource to editor keys: a scoped key gets 403 api_key.editor_only', async () => {
    const { key, apiKey } = await t.app
      .get(ApiKeysService)
      .create({ name: 'Scoped', editor: false, companyIds: [companyA] });
    const api = t.api(key);
    for (const call of [
      api.get('/api/v1/api-keys'),
      api.get(`/api/v1/api-keys/${apiKey.id}`),
      api.post('/api/v1/api-keys', { name: 'Escalate', companyIds: [companyB] }),
      api.post(`/api/v1/api-keys/${apiKey.id}/revoke`),
    ]) {
      const response = await call.expect(403);
      expect(response.body.code).toBe('api_key.editor_only');
    }
  });

  it('should refuse a revoked key at once, and keep revoking idempotent', async () => {
    const created = await t
      .api()
      .post('/api/v1/api-keys', { name: 'To revoke', companyIds: [companyB] })
      .expect(201);
    await t.api(created.body.key).get(`/api/v1/companies/${companyB}`).expect(200);
    const revoked = await t.api().post(`/api/v1/api-keys/${created.body.id}/revoke`).expect(201);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    const refused = await t.api(created.body.key).get(`/api/v1/companies/${companyB}`).expect(401);
    expect(refused.body.code).toBe('api_key.invalid');
    const again = await t.api().post(`/api/v1/api-keys/${created.body.id}/revoke`).expect(201);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
  });

  it('should refuse to revoke the key making the call', async () => {
    const { key, apiKey } = await t.app.get(ApiKeysService).create({ name: 'Editor 2', editor: true, companyIds: [] });
    const response = await t.api(key).post(`/api/v1/api-keys/${apiKey.id}/revoke`).expect(409);
    expect(response.body.code).toBe('api_key.self_revoke');
    await t.api(key).get('/api/v1/api-keys').expect(200);
  });
});
