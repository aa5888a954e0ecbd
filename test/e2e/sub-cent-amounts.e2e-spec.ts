import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { createBridgeSandbox } from '../../src/bridge-sandbox/sandbox.js';
import { startRewritingProxy, type FakeHost } from '../support/fake-hosts.js';
import type { SandboxServer } from '../support/sandbox-control.js';
import { TEST_NOW } from '../support/test-clock.js';
import { synchroScene } from './utils/synchro-scene.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

/** Amounts are kept to the cent, never rounded: an amount with more decimals is refused, not guessed. */
describe(`amounts finer than a cent (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let sandbox: SandboxServer;
  let proxy: FakeHost;
  let tamper = false;

  beforeAll(async () => {
    t = await createTestApp({ BRIDGE_MAX_RETRIES: '0', BRIDGE_RETRY_BASE_MS: '5' });
    sandbox = await createBridgeSandbox({ seed: 31, historyMonths: 1, rateLimits: false, startTime: TEST_NOW }).listen();
    // A Bridge that writes one more decimal on the transactions it lists.
    proxy = await startRewritingProxy(sandbox.url, (request, body) =>
      tamper && request.url.startsWith('/v3/aggregation/transactions') ? body.replace(/"amount":(-?\d+\.\d\d)(?=[,}])/, '"amount":$15') : body,
    );
  });

  afterAll(async () => {
    await proxy.close();
    await sandbox.close();
    await t.close();
  });

  it('should refuse a Bridge amount with more than 2 decimals and import nothing', async () => {
    const scene = await synchroScene(t, { url: proxy.url, controlToken: sandbox.controlToken }, { version: '2025-01-15', email: 'sub-cent@cabinet.fr' });
    await scene.connect();
    tamper = true;
    const response = await t.api().post(`/api/v1/statements/${scene.statementId}/sync`, { userId: scene.userId });
    expect(response.status).toBe(503);
    expect(response.body.message).toMatch(/"amount" .*more than 2 decimals/);
    const lines = await t.api().get(`/api/v1/statements/${scene.statementId}/lines`).expect(200);
    expect(lines.body.total).toBe(0);
    const mirrored = await t.dataSource.query('SELECT COUNT(*) AS count FROM bank_transaction');
    expect(Number(mirrored[0].count)).toBe(0);

    tamper = false;
    expect((await t.api().post(`/api/v1/statements/${scene.statementId}/sync`, { userId: scene.userId }).expect(200)).body).toMatchObject({ status: 'synced' });
  });
});
