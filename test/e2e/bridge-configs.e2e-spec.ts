import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { BridgeConfigsService } from '../../src/bridge-config/bridge-configs.service.js';
import { newCompany } from './utils/factories.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

const SECRET = 'bridge-client-secret-Zx81Qw';
const WEBHOOK_SECRET = 'webhook-secret-Kp42Lm';

describe(`Bridge configurations (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let companyId: number;

  beforeAll(async () => {
    t = await createTestApp();
    companyId = (await newCompany(t.api())).id;
  });

  afterAll(async () => {
    await t.close();
  });

  it('should store the client secret encrypted and never return it', async () => {
    const bodies: string[] = [];
    const created = await t
      .api()
      .post('/api/v1/bridge-configs', {
        companyIds: [companyId],
        name: 'Bridge sandbox',
        url: 'http://127.0.0.1:4010/',
        clientId: 'client-id-1',
        clientSecret: SECRET,
        webhookSecret: WEBHOOK_SECRET,
        countryCodes: ['fr', 'BE'],
        preselectedBankIds: [574],
      })
      .expect(201);
    bodies.push(created.text);
    expect(created.body).toEqual({
      id: expect.any(Number),
      companyIds: [companyId],
      name: 'Bridge sandbox',
      url: 'http://127.0.0.1:4010',
      version: '2025-01-15',
      clientId: 'client-id-1',
      clientSecretSet: true,
      webhookSecretSet: true,
      countryCodes: ['FR', 'BE'],
      preselectedBankIds: [574],
      active: true,
      // The other tests' configurations of the company may be active too (docs/rules.md#one-active-bridge-configuration).
      warnings: expect.any(Array),
    });
    const id = created.body.id as number;
    bodies.push((await t.api().get(`/api/v1/bridge-configs/${id}`).expect(200)).text);
    bodies.push((await t.api().get('/api/v1/bridge-configs').expect(200)).text);
    bodies.push(
      (await t.api().patch(`/api/v1/bridge-configs/${id}`, { name: 'Renamed', version: '2021-06-01' }).expect(200))
        .text,
    );

    const [row] = await t.dataSource.query(
      'SELECT clientSecretEncrypted, webhookSecretEncrypted FROM bridge_config WHERE id = ?',
      [id],
    );
    expect(row.clientSecretEncrypted).not.toContain(SECRET);
    expect(row.webhookSecretEncrypted).not.toContain(WEBHOOK_SECRET);
    const config = await t.app
      .get(BridgeConfigsService)
      .get(id, (await import('../../src/auth/access-scope.js')).AccessScope.editor());
    expect(t.app.get(BridgeConfigsService).revealClientSecret(config)).toBe(SECRET);

    for (const body of bodies) {
      expect(body).not.toContain(SECRET);
      expect(body).not.toContain(WEBHOOK_SECRET);
      expect(body).not.toContain('clientSecret"');
      expect(body).not.toContain('Encrypted');
    }
  });

  it('should replace the secret on update without revealing either', async () => {
    const created = await t
      .api()
      .post('/api/v1/bridge-configs', {
        companyIds: [companyId],
        name: 'B',
        clientId: 'c',
        clientSecret: 'old-secret-1',
      })
      .expect(201);
    const updated = await t
      .api()
      .patch(`/api/v1/bridge-configs/${created.body.id}`, { clientSecret: 'new-secret-2' })
      .expect(200);
    expect(updated.text).not.toContain('secret-');
    const [row] = await t.dataSource.query('SELECT clientSecretEncrypted FROM bridge_config WHERE id = ?', [
      created.body.id,
    ]);
    const service = t.app.get(BridgeConfigsService);
    expect(service.revealClientSecret({ clientSecretEncrypted: row.clientSecretEncrypted } as never)).toBe(
      'new-secret-2',
    );
  });

  it('should refuse bad values by name and leave the configuration as it was', async () => {
    const created = await t
      .api()
      .post('/api/v1/bridge-configs', { companyIds: [companyId], name: 'C', clientId: 'c', clientSecret: 's' })
      .expect(201);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ url: 'https://bridge.example.com/v3/aggregation' }, /^url: must be the API origin without the version path/],
      [{ url: 'https://bridge.example.com/v2/' }, /^url: must be the API origin without the version path/],
      [{ url: 'https://bridge.example.com/?x=1' }, /^url: /],
      [{ url: 'ftp://x' }, /^url: /],
      [{ version: '2019-02-18' }, /^version: must be one of 2025-01-15, 2021-06-01/],
      [{ countryCodes: ['FRA'] }, /^countryCodes: each value must be an ISO 3166/],
      [{ companyIds: [] }, /^companyIds: /],
      [{ preselectedBankIds: ['abc'] }, /^preselectedBankIds: /],
      [{ clientSecret: '' }, /^clientSecret: /],
      [{ clientSecret: null }, /^clientSecret: /],
      [{ active: null }, /^active: /],
      [{ clientSecretSet: false }, /^clientSecretSet: property clientSecretSet should not exist/],
    ];
    for (const [body, message] of cases) {
      const response = await t.api().patch(`/api/v1/bridge-configs/${created.body.id}`, body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(response.body.message).toMatch(message);
    }
    const mounted = await t
      .api()
      .patch(`/api/v1/bridge-configs/${created.body.id}`, { url: 'http://127.0.0.1:4010/bridge-sandbox/' })
      .expect(200);
    expect(mounted.body.url).toBe('http://127.0.0.1:4010/bridge-sandbox');
    await t.api().patch(`/api/v1/bridge-configs/${created.body.id}`, { url: created.body.url }).expect(200);
    const missingCompany = await t
      .api()
      .patch(`/api/v1/bridge-configs/${created.body.id}`, { companyIds: [424242] })
      .expect(404);
    expect(missingCompany.body.message).toBe('companyIds: Company 424242 not found');
    const after = await t.api().get(`/api/v1/bridge-configs/${created.body.id}`).expect(200);
    // POST answers its warnings too; a GET does not.
    expect(after.body).toEqual({ ...created.body, warnings: undefined });
  });

  it('should let configurations serve several companies and filter by company', async () => {
    const other = (await newCompany(t.api(), { name: 'Other' })).id;
    const shared = await t
      .api()
      .post('/api/v1/bridge-configs', {
        companyIds: [other, companyId],
        name: 'Shared',
        clientId: 'c',
        clientSecret: 's',
      })
      .expect(201);
    expect(shared.body.companyIds).toEqual([companyId, other].sort((a, b) => a - b));
    const list = await t.api().get(`/api/v1/bridge-configs?companyId=${other}`).expect(200);
    expect(list.body.items.map((item: { id: number }) => item.id)).toEqual([shared.body.id]);
  });

  it('should refuse placeholder credentials by name, on create and on update', async () => {
    const base = { companyIds: [companyId], name: 'Placeholder', clientId: 'client-id-7', clientSecret: SECRET };
    const cases: [string, string][] = [
      ['clientId', 'changeme'],
      ['clientId', 'your-client-id'],
      ['clientId', 'YOUR_CLIENT_ID'],
      ['clientId', '<client id>'],
      ['clientId', '…'],
      ['clientSecret', 'xxx'],
      ['clientSecret', 'placeholder'],
      ['clientSecret', 'Test'],
      ['clientSecret', '<secret>'],
      ['clientSecret', '********'],
    ];
    const [{ count: before }] = await t.dataSource.query('SELECT COUNT(*) AS count FROM bridge_config');
    for (const [field, value] of cases) {
      const refused = await t.api().post('/api/v1/bridge-configs', { ...base, [field]: value });
      expect({ value, status: refused.status, field: refused.body.field }).toEqual({ value, status: 400, field });
      expect(refused.body.message).toMatch(new RegExp(`^${field}: .*placeholder`));
    }
    const [{ count: after }] = await t.dataSource.query('SELECT COUNT(*) AS count FROM bridge_config');
    expect(Number(after)).toBe(Number(before));

    const id = (await t.api().post('/api/v1/bridge-configs', base).expect(201)).body.id as number;
    const patched = await t.api().patch(`/api/v1/bridge-configs/${id}`, { clientSecret: 'changeme' }).expect(400);
    expect(patched.body.field).toBe('clientSecret');
    await t.api().patch(`/api/v1/bridge-configs/${id}`, { active: false }).expect(200);
  });

  it('should warn when a company gets a second active configuration, and no more once one is off', async () => {
    const own = (await newCompany(t.api())).id;
    const body = (name: string) => ({ companyIds: [own], name, clientId: `${name}-id-81`, clientSecret: SECRET });
    const first = await t.api().post('/api/v1/bridge-configs', body('first')).expect(201);
    expect(first.body.warnings).toEqual([]);
    const second = await t.api().post('/api/v1/bridge-configs', body('second')).expect(201);
    expect(second.body.warnings).toEqual([
      {
        code: 'bridge_config.several_active',
        message: expect.stringContaining(
          `Company ${own} has 2 active Bridge configurations (${first.body.id}, ${second.body.id})`,
        ),
      },
    ]);
    const renamed = await t.api().patch(`/api/v1/bridge-configs/${first.body.id}`, { name: 'renamed' }).expect(200);
    expect(renamed.body.warnings).toHaveLength(1);
    const off = await t.api().patch(`/api/v1/bridge-configs/${second.body.id}`, { active: false }).expect(200);
    expect(off.body.warnings).toEqual([]);
    const read = await t.api().get(`/api/v1/bridge-configs/${first.body.id}`).expect(200);
    expect(read.body).not.toHaveProperty('warnings');
  });
});
