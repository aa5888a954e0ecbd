import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';

import { createBridgeSandbox } from '../../src/bridge-sandbox/sandbox.js';
import { synchroScene } from '../e2e/utils/synchro-scene.js';
import { createTestApp, TEST_ENGINE, type TestApp } from '../e2e/utils/test-app.js';
import { startFakeHost, type FakeHost } from '../support/fake-hosts.js';
import type { SandboxServer } from '../support/sandbox-control.js';
import { TEST_NOW } from '../support/test-clock.js';

jest.setTimeout(60_000);

const SECRET = 'client-secret-that-must-stay-home';

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
    trap = await startFakeHost((_request, response) => response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"resources":[],"internal":"TRAP-BODY"}'));
    redirector = await startFakeHost((_request, response) => response.writeHead(307, { Location: `${trap.url}/v3/aggregation/users`, 'Content-Type': 'application/json' }).end('{"moved":"REDIRECT-BODY"}'));
    sandbox = await createBridgeSandbox({ seed: 41, historyMonths: 1, rateLimits: false, startTime: TEST_NOW }).listen();
    // Production-like: only the real Bridge, plus the two test hosts named one by one.
    t = await createTestApp({ BRIDGE_ALLOWED_ORIGINS: `https://api.bridgeapi.io,${sandbox.url},${redirector.url}`, BRIDGE_MAX_RETRIES: '0', BRIDGE_RETRY_BASE_MS: '5' });
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
    for (const url of [trap.url, 'http://169.254.169.254', 'http://10.0.0.5:8080', 'http://192.168.1.1', 'http://localhost:3000', 'http://api.bridgeapi.io', 'https://bridge.internal', 'https://api.bridgeapi.io.evil.example', `${sandbox.url.replace('127.0.0.1', 'localhost')}`]) {
      const created = await t.api().post('/api/v1/bridge-configs', { companyIds: [scene.companyId], name: 'X', url, clientId: 'x', clientSecret: SECRET });
      expect({ url, status: created.status, message: created.body.message }).toEqual({ url, status: 400, message: expect.stringMatching(/^url: must be an allowed Bridge origin/) });
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
    const rows: { status: number; responseBody: string | null; error: string | null }[] = await t.dataSource.query('SELECT status, responseBody, error FROM api_log WHERE bridgeConfigId = ?', [scene.configId]);
    expect(rows).toEqual([{ status: 307, responseBody: null, error: expect.stringMatching(/redirect/) }]);
    const everything = JSON.stringify(await t.api().get('/api/v1/api-logs?limit=500').expect(200).then((page) => page.body));
    expect(everything).not.toContain('REDIRECT-BODY');
    expect(everything).not.toContain('TRAP-BODY');
  });
});
