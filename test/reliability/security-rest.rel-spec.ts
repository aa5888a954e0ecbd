import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createBridgeSandbox, driveConnectFunnel } from '@telecollecte/bridge-sandbox';

import { ApiKeysService } from '../../src/auth/api-keys.service.js';
import type { BridgeVersion } from '../../src/bridge-config/bridge-config.entity.js';
import { SynchroScheduler } from '../../src/synchro/synchro.scheduler.js';
import { synchroScene } from '../e2e/utils/synchro-scene.js';
import { createTestApp, TEST_ENGINE, type TestApp } from '../e2e/utils/test-app.js';
import { startFakeHost, type FakeHost } from '../support/fake-hosts.js';
import { sandboxControl, type SandboxServer } from '../support/sandbox-control.js';
import { TEST_NOW } from '../support/test-clock.js';

jest.setTimeout(60_000);

const SECRET = 'client-secret-that-must-stay-home';
const VERSIONS: BridgeVersion[] = ['2025-01-15', '2021-06-01'];

async function count(t: TestApp, table: string): Promise<number> {
  return Number((await t.dataSource.query(`SELECT COUNT(*) AS count FROM ${table}`))[0].count);
}

/**
 * Two client companies of one group, C and D, served by one shared Bridge configuration; D is connected to its bank
 * and has synced. The attacker holds a key scoped to C only.
 */
async function sharedConfiguration(t: TestApp, sandbox: SandboxServer, version: BridgeVersion) {
  const api = t.api();
  const companyC = (await api.post('/api/v1/companies', { name: `C ${version}`, subscriptionActive: true }).expect(201))
    .body.id as number;
  const companyD = (await api.post('/api/v1/companies', { name: `D ${version}`, subscriptionActive: true }).expect(201))
    .body.id as number;
  const config = await api
    .post('/api/v1/bridge-configs', {
      companyIds: [companyC, companyD],
      name: 'Groupe',
      url: sandbox.url,
      version,
      clientId: 'sandbox-client-id',
      clientSecret: 'sandbox-client-secret',
    })
    .expect(201);
  const keyC = (await t.app.get(ApiKeysService).create({ name: `C ${version}`, editor: false, companyIds: [companyC] }))
    .key;

  const emailD = `dirigeant-${version}@societe-d.fr`;
  const userD = (
    await api
      .post('/api/v1/users', { companyId: companyD, name: 'Dirigeant D', login: 'dirigeant', email: emailD })
      .expect(201)
  ).body.id as number;
  const preview = await sandboxControl(sandbox.url, sandbox.controlToken).post<{
    accounts: { type: string; iban: string }[];
  }>('/preview-accounts', { userKey: emailD, providerId: 574 });
  const ibanD = preview.accounts.find((account) => account.type === 'checking')!.iban;
  const accountD = (
    await api
      .post('/api/v1/bank-accounts', { companyId: companyD, journalCode: 'BQD', journalName: 'Banque D', iban: ibanD })
      .expect(201)
  ).body.id as number;
  const statementD = (
    await api.post('/api/v1/statements', { bankAccountId: accountD, dateStart: '2026-11-01' }).expect(201)
  ).body.id as number;
  const first = await api.post(`/api/v1/statements/${statementD}/sync`, { userId: userD }).expect(200);
  const funnel = await driveConnectFunnel(first.body.connectUrl, { providerId: 574 });
  const callback = new URL(funnel.location!);
  await t.api(null).get(`${callback.pathname}${callback.search}`).expect(200);
  expect((await api.post(`/api/v1/statements/${statementD}/sync`, { userId: userD }).expect(200)).body).toMatchObject({
    status: 'synced',
  });
  return { companyC, companyD, configId: config.body.id as number, keyC, emailD, ibanD, statementD, userD };
}

/**
 * Attacks on the REST side, as an outside tester ran them: each one must fail and leave no trace of its success.
 * The app runs in-process against test sandboxes and fake hosts on 127.0.0.1.
 */
describe(`S2: the Bridge host is an allowed https origin and redirects are never followed (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let sandbox: SandboxServer;
  let trap: FakeHost;
  let redirector: FakeHost;

  beforeAll(async () => {
    // The internal service an attacker would like to reach, and an allowed "Bridge" that sends the product there.
    trap = await startFakeHost((_request, response) =>
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"resources":[],"internal":"TRAP-BODY"}'),
    );
    redirector = await startFakeHost((_request, response) =>
      response
        .writeHead(307, { Location: `${trap.url}/v3/aggregation/users`, 'Content-Type': 'application/json' })
        .end('{"moved":"REDIRECT-BODY"}'),
    );
    sandbox = await createBridgeSandbox({
      seed: 41,
      historyMonths: 1,
      rateLimits: false,
      startTime: TEST_NOW,
    }).listen();
    // Production-like: only the real Bridge, plus the two test hosts named one by one.
    t = await createTestApp({
      BRIDGE_ALLOWED_ORIGINS: `https://api.bridgeapi.io,${sandbox.url},${redirector.url}`,
      BRIDGE_MAX_RETRIES: '0',
      BRIDGE_RETRY_BASE_MS: '5',
    });
  });

  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
    await trap?.close();
    await redirector?.close();
  });

  it('should refuse to save a URL that is not an allowed Bridge origin, naming url', async () => {
    const scene = await synchroScene(t, sandbox, { version: '2025-01-15', email: 's2-save@cabinet.fr' });
    const before = await t.api().get(`/api/v1/bridge-configs/${scene.configId}`).expect(200);
    for (const url of [
      trap.url,
      'http://169.254.169.254',
      'http://10.0.0.5:8080',
      'http://192.168.1.1',
      'http://localhost:3000',
      'http://api.bridgeapi.io',
      'https://bridge.internal',
      'https://api.bridgeapi.io.evil.example',
      `${sandbox.url.replace('127.0.0.1', 'localhost')}`,
    ]) {
      const created = await t.api().post('/api/v1/bridge-configs', {
        companyIds: [scene.companyId],
        name: 'X',
        url,
        clientId: 'x',
        clientSecret: SECRET,
      });
      expect({ url, status: created.status, message: created.body.message }).toEqual({
        url,
        status: 400,
        message: expect.stringMatching(/^url: must be an allowed Bridge origin/),
      });
      const patched = await t.api().patch(`/api/v1/bridge-configs/${scene.configId}`, { url });
      expect({ url, status: patched.status }).toEqual({ url, status: 400 });
    }
    expect((await t.api().get(`/api/v1/bridge-configs/${scene.configId}`).expect(200)).body).toEqual(before.body);
    expect(trap.requests).toHaveLength(0);
  });

  it('should not call a stored URL that is not allowed (any more), and say so', async () => {
    const scene = await synchroScene(t, sandbox, { version: '2025-01-15', email: 's2-stored@cabinet.fr' });
    await t.dataSource.query('UPDATE bridge_config SET url = ? WHERE id = ?', [trap.url, scene.configId]);
    const logsBefore = await t.dataSource.query('SELECT COUNT(*) AS count FROM api_log');
    const response = await t.api().post(`/api/v1/statements/${scene.statementId}/sync`, { userId: scene.userId });
    expect(response.status).toBe(409);
    expect(response.body.message).toMatch(/not an allowed Bridge origin/);
    expect(trap.requests).toHaveLength(0);
    expect(await t.dataSource.query('SELECT COUNT(*) AS count FROM api_log')).toEqual(logsBefore);
  });

  it('should not follow a redirect from an allowed host, nor log what it answered', async () => {
    const scene = await synchroScene(t, sandbox, { version: '2025-01-15', email: 's2-redirect@cabinet.fr' });
    await t.api().patch(`/api/v1/bridge-configs/${scene.configId}`, { url: redirector.url }).expect(200);
    const response = await t.api().post(`/api/v1/statements/${scene.statementId}/sync`, { userId: scene.userId });
    expect(response.status).toBe(502);
    expect(response.body.message).toMatch(/redirect/);
    expect(redirector.requests.length).toBeGreaterThan(0);
    expect(trap.requests).toHaveLength(0);
    const rows: { status: number; responseBody: string | null; error: string | null }[] = await t.dataSource.query(
      'SELECT status, responseBody, error FROM api_log WHERE bridgeConfigId = ?',
      [scene.configId],
    );
    expect(rows).toEqual([{ status: 307, responseBody: null, error: expect.stringMatching(/redirect/) }]);
    const everything = JSON.stringify(
      await t
        .api()
        .get('/api/v1/api-logs?limit=500')
        .expect(200)
        .then((page) => page.body),
    );
    expect(everything).not.toContain('REDIRECT-BODY');
    expect(everything).not.toContain('TRAP-BODY');
  });
});

describe.each(VERSIONS)(
  `S1: a Bridge configuration shared by companies C and D, seen with a key of C, %s (${TEST_ENGINE})`,
  (version) => {
    let t: TestApp;
    let sandbox: SandboxServer;
    let world: Awaited<ReturnType<typeof sharedConfiguration>>;

    beforeAll(async () => {
      t = await createTestApp({ BRIDGE_RETRY_BASE_MS: '5', PUBLIC_URL: 'http://127.0.0.1:9' });
      sandbox = await createBridgeSandbox({
        seed: 51,
        historyMonths: 1,
        rateLimits: false,
        startTime: TEST_NOW,
      }).listen();
      world = await sharedConfiguration(t, sandbox, version);
    });

    afterAll(async () => {
      await t?.close();
      await sandbox?.close();
    });

    it("should not show D's Bridge exchanges in C's API logs", async () => {
      const all = await t.api().get(`/api/v1/api-logs?bridgeConfigId=${world.configId}&limit=500`).expect(200);
      expect(JSON.stringify(all.body.items)).toContain(world.ibanD);
      const seenByC = await t.api(world.keyC).get('/api/v1/api-logs?limit=500').expect(200);
      expect(seenByC.body.total).toBe(0);
      for (const query of [
        `companyId=${world.companyD}`,
        `bridgeConfigId=${world.configId}`,
        `companyId=${world.companyC}`,
      ]) {
        const filtered = await t.api(world.keyC).get(`/api/v1/api-logs?${query}`).expect(200);
        expect({ query, total: filtered.body.total }).toEqual({ query, total: 0 });
      }
      // The editor still sees every exchange, by company too.
      const ofD = await t.api().get(`/api/v1/api-logs?companyId=${world.companyD}&limit=500`).expect(200);
      expect(ofD.body.total).toBe(all.body.total);
    });

    it("should refuse C's Synchro with D's e-mail before anything reaches Bridge, and import none of D's operations", async () => {
      const apiC = t.api(world.keyC);
      const userC = (
        await apiC
          .post('/api/v1/users', { companyId: world.companyC, name: 'Intrus', login: 'intrus', email: world.emailD })
          .expect(201)
      ).body.id;
      const accountC = (
        await apiC
          .post('/api/v1/bank-accounts', {
            companyId: world.companyC,
            journalCode: 'BQX',
            journalName: 'Copie',
            iban: world.ibanD,
          })
          .expect(201)
      ).body.id;
      const statementC = (
        await apiC.post('/api/v1/statements', { bankAccountId: accountC, dateStart: '2026-11-01' }).expect(201)
      ).body.id;
      const exchanges = await count(t, 'api_log');
      const connections = await count(t, 'connection_log');

      const refused = await apiC.post(`/api/v1/statements/${statementC}/sync`, { userId: userC });
      expect(refused.status).toBe(409);
      expect(refused.body.message).toMatch(/^userId: the e-mail .* is already the Bridge identity of another company/);
      expect(refused.body.message).not.toMatch(new RegExp(`compan(y|ies) ${world.companyD}\\b|D ${version}`));
      expect(await count(t, 'api_log')).toBe(exchanges);
      expect(await count(t, 'connection_log')).toBe(connections);
      expect((await apiC.get(`/api/v1/statements/${statementC}/lines`).expect(200)).body.total).toBe(0);

      // D keeps its identity and its bank.
      expect(
        (await t.api().post(`/api/v1/statements/${world.statementD}/sync`, { userId: world.userD }).expect(200)).body,
      ).toMatchObject({ status: 'synced' });
    });

    it('should let only a key holding every company it serves change the shared configuration', async () => {
      const before = await t.api().get(`/api/v1/bridge-configs/${world.configId}`).expect(200);
      for (const change of [
        { url: 'https://api.bridgeapi.io' },
        { active: false },
        { clientSecret: 'another-secret' },
        { name: 'Renommée' },
        { companyIds: [world.companyC] },
      ]) {
        const response = await t.api(world.keyC).patch(`/api/v1/bridge-configs/${world.configId}`, change);
        expect({ change, status: response.status }).toEqual({ change, status: 403 });
        expect(response.body.message).toMatch(/serves companies outside this API key's scope/);
      }
      expect((await t.api().get(`/api/v1/bridge-configs/${world.configId}`).expect(200)).body).toEqual(before.body);
      const both = (
        await t.app
          .get(ApiKeysService)
          .create({ name: 'C and D', editor: false, companyIds: [world.companyC, world.companyD] })
      ).key;
      await t.api(both).patch(`/api/v1/bridge-configs/${world.configId}`, { name: 'Groupe C et D' }).expect(200);
      const own = (
        await t
          .api(world.keyC)
          .post('/api/v1/bridge-configs', {
            companyIds: [world.companyC],
            name: 'C seule',
            url: sandbox.url,
            version,
            clientId: 'c',
            clientSecret: 's',
          })
          .expect(201)
      ).body.id;
      await t.api(world.keyC).patch(`/api/v1/bridge-configs/${own}`, { active: false }).expect(200);
    });
  },
);

describe.each(VERSIONS)(
  `S8: the Bridge callback, signed once, trusted only as far as Bridge confirms it, %s (${TEST_ENGINE})`,
  (version) => {
    let t: TestApp;
    let sandbox: SandboxServer;
    let counter = 0;

    beforeAll(async () => {
      t = await createTestApp({ BRIDGE_RETRY_BASE_MS: '5', PUBLIC_URL: 'http://127.0.0.1:9' });
      sandbox = await createBridgeSandbox({
        seed: 61,
        historyMonths: 1,
        rateLimits: false,
        startTime: TEST_NOW,
      }).listen();
    });

    afterAll(async () => {
      await t?.close();
      await sandbox?.close();
    });

    /** A company whose user opened the funnel and went through it: the callback URL Bridge sent the browser to. */
    async function funnelDone(options: { cancelAt?: 'credentials' } = {}) {
      const scene = await synchroScene(t, sandbox, { version, email: `s8-${++counter}-${version}@cabinet.fr` });
      const first = await scene.sync();
      const funnel = await driveConnectFunnel(first.connectUrl as string, { providerId: 574, ...options });
      const callback = new URL(funnel.location!);
      expect(callback.searchParams.get('context')).toMatch(/^[A-Za-z0-9-]{1,100}$/);
      return { scene, callback };
    }

    const visit = (url: URL | string) =>
      t.api(null).get(typeof url === 'string' ? url : `${url.pathname}${url.search}`);
    const callbacksOf = async (companyId: number) =>
      (await t.api().get(`/api/v1/connection-logs?companyId=${companyId}&limit=500`).expect(200)).body.items.filter(
        (log: { action: string }) => log.action.startsWith('callback_'),
      );

    it('should record a callback once: a replay writes nothing and says so in French', async () => {
      const { scene, callback } = await funnelDone();
      expect((await visit(callback).expect(200)).text).toMatch(/Banque connectée : \d+ opérations importées/);
      for (let replay = 0; replay < 3; replay++) {
        const again = await visit(callback);
        expect(again.status).toBe(410);
        expect(again.text).toContain('déjà été enregistré');
      }
      expect(await callbacksOf(scene.companyId)).toHaveLength(1);
    });

    it("should record the item, bank and Bridge user Bridge confirms, not the caller's", async () => {
      const { scene, callback } = await funnelDone();
      const realItem = Number(callback.searchParams.get('item_id'));
      const realUuid = callback.searchParams.get('user_uuid');
      const forged = new URL(callback);
      forged.searchParams.set('item_id', '999999999');
      forged.searchParams.set('user_uuid', 'attacker-chosen-uuid');
      expect((await visit(forged).expect(200)).text).toContain("n'a pas abouti");
      expect(await callbacksOf(scene.companyId)).toEqual([
        expect.objectContaining({
          action: 'callback_failure',
          result: 'failure',
          itemId: null,
          bridgeUserUuid: realUuid,
          message: expect.stringMatching(/Bridge ne connaît aucune connexion 999999999/),
        }),
      ]);
      expect(realItem).toBeGreaterThan(0);
    });

    it('should not turn a cancelled funnel into a success by rewriting the query', async () => {
      const { scene, callback } = await funnelDone({ cancelAt: 'credentials' });
      const forged = new URL(callback);
      forged.searchParams.set('success', 'true');
      forged.searchParams.set('item_id', '1');
      forged.searchParams.delete('step');
      expect((await visit(forged).expect(200)).text).toContain("n'a pas abouti");
      const logs = await callbacksOf(scene.companyId);
      expect(logs).toEqual([expect.objectContaining({ action: 'callback_failure', itemId: null })]);
    });

    it('should keep the item and bank of a real success', async () => {
      const { scene, callback } = await funnelDone();
      await visit(callback).expect(200);
      expect(await callbacksOf(scene.companyId)).toEqual([
        expect.objectContaining({
          action: 'callback_success',
          result: 'success',
          itemId: Number(callback.searchParams.get('item_id')),
          bankId: 574,
          bridgeUserUuid: callback.searchParams.get('user_uuid'),
        }),
      ]);
    });

    it('should refuse an expired context and write nothing', async () => {
      const { scene, callback } = await funnelDone();
      t.clock.advance(25 * 3600 * 1000);
      try {
        const late = await visit(callback);
        expect(late.status).toBe(410);
        expect(late.text).toContain('expiré');
      } finally {
        t.clock.advance(-25 * 3600 * 1000);
      }
      expect(await callbacksOf(scene.companyId)).toHaveLength(0);
    });

    it('should purge expired contexts at night, and still refuse their callback as expired', async () => {
      const { scene, callback } = await funnelDone();
      const nonce = callback.searchParams.get('context')!.split('-')[1];
      t.clock.advance(26 * 3600 * 1000);
      try {
        await t.app.get(SynchroScheduler).purge();
        expect(await t.dataSource.query('SELECT id FROM funnel_context WHERE nonce = ?', [nonce])).toEqual([]);
        const late = await visit(callback);
        expect(late.status).toBe(410);
        expect(late.text).toContain('expiré');
      } finally {
        t.clock.advance(-26 * 3600 * 1000);
      }
      expect(await callbacksOf(scene.companyId)).toHaveLength(0);
    });

    it('should refuse a forged or tampered context and write nothing', async () => {
      const { scene, callback } = await funnelDone();
      const context = callback.searchParams.get('context')!;
      const flipped = context.slice(0, -1) + (context.endsWith('0') ? '1' : '0');
      for (const value of [
        flipped,
        `tcb-${'a'.repeat(32)}-9999999999-${'0'.repeat(32)}`,
        'tcb-s1-u1-0000000000000000',
        '',
        'x'.repeat(5000),
      ]) {
        const forged = new URL(callback);
        forged.searchParams.set('context', value);
        const page = await visit(forged);
        expect({ value: value.slice(0, 40), status: page.status }).toEqual({ value: value.slice(0, 40), status: 400 });
        expect(page.text).toContain("n'a pas abouti");
      }
      expect(await callbacksOf(scene.companyId)).toHaveLength(0);
      await visit(callback).expect(200);
    });

    it('should answer any query with a page, never a 500', async () => {
      const { scene, callback } = await funnelDone({ cancelAt: 'credentials' });
      const context = callback.searchParams.get('context')!;
      const queries = [
        '?step=constructor',
        '?step=__proto__',
        '?step=toString&success=false',
        '?step=a&step=b',
        '?context=a&context=b',
        '?success=true&success=false',
        '?item_id=1e20&user_uuid=x&user_uuid=y',
        '?__proto__=1&constructor=2',
        `?context=${context}&context=${context}`,
        `?context=${context}&step=constructor&step=__proto__&success=false&item_id=9007199254740993`,
      ];
      for (const query of queries) {
        const page = await visit(`/bridge/callback${query}`);
        expect({ query, status: page.status < 500, html: page.type }).toEqual({
          query,
          status: true,
          html: 'text/html',
        });
      }
      const logs = await callbacksOf(scene.companyId);
      expect(logs).toEqual([
        expect.objectContaining({
          action: 'callback_failure',
          itemId: null,
          message: expect.stringMatching(/arrêté à l’étape inconnue/),
        }),
      ]);
    });
  },
);
