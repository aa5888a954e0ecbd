import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createBridgeSandbox } from '@telecollecte/bridge-sandbox';

import { sandboxControl, type SandboxServer } from '../support/sandbox-control.js';
import { TEST_NOW } from '../support/test-clock.js';
import { synchroScene, type SynchroScene } from './utils/synchro-scene.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

/** A Synchro that Bridge turns away (rate limits, outage) tells the ERP when to come back. */
describe(`Retry-After on the answers that say "try again later" (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let sandbox: SandboxServer;
  let control: ReturnType<typeof sandboxControl>;
  let scene: SynchroScene;

  beforeAll(async () => {
    // No waiting budget and no retries: the first 429 or 503 from Bridge reaches the ERP.
    t = await createTestApp({ BRIDGE_RATE_LIMIT_MAX_WAIT_MS: '0', BRIDGE_MAX_RETRIES: '0', BRIDGE_RETRY_BASE_MS: '5' });
    sandbox = await createBridgeSandbox({
      seed: 21,
      historyMonths: 1,
      rateLimits: false,
      startTime: TEST_NOW,
    }).listen();
    control = sandboxControl(sandbox.url, sandbox.controlToken);
    scene = await synchroScene(t, sandbox, { version: '2025-01-15', email: 'retry-after@cabinet.fr' });
  });

  afterAll(async () => {
    await sandbox.close();
    await t.close();
  });

  const sync = () => t.api().post(`/api/v1/statements/${scene.statementId}/sync`, { userId: scene.userId });

  it('should pass on the wait Bridge asked for after a rate limit', async () => {
    await control.post('/faults', {
      path: '/v3/aggregation/users',
      kind: 'rate_limit',
      retryAfterSeconds: 120,
      times: 1,
    });
    const response = await sync().expect(503);
    expect(response.headers['retry-after']).toBe('120');
    expect(response.body).toMatchObject({ code: 'bridge.rate_limited', field: null });
  });

  it('should give a wait of its own when Bridge rate-limits without Retry-After', async () => {
    await control.post('/faults', { path: '/v3/aggregation/users', kind: 'rate_limit', times: 1 });
    const response = await sync().expect(503);
    expect(response.headers['retry-after']).toMatch(/^[1-9]\d*$/);
  });

  it('should give a wait when Bridge is unavailable', async () => {
    await control.post('/faults', { path: '/v3/aggregation/users', kind: 'status', status: 503, times: 1 });
    const response = await sync().expect(503);
    expect(response.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(response.body).toMatchObject({ code: 'bridge.unavailable', field: null });
  });

  it('should not add one to answers that are not about waiting', async () => {
    await control.delete('/faults');
    const response = await t.api().post(`/api/v1/statements/${scene.statementId}/sync`, { userId: 0 }).expect(400);
    expect(response.headers['retry-after']).toBeUndefined();
    expect((await sync().expect(200)).headers['retry-after']).toBeUndefined();
  });
});
