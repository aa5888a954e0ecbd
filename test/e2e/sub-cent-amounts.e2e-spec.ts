import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createBridgeSandbox } from '@telecollecte/bridge-sandbox';

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
  let tamper: 'transaction' | 'balance' | null = null;

  beforeAll(async () => {
    t = await createTestApp({ BRIDGE_MAX_RETRIES: '0', BRIDGE_RETRY_BASE_MS: '5' });
    sandbox = await createBridgeSandbox({
      seed: 31,
      historyMonths: 1,
      rateLimits: false,
      startTime: TEST_NOW,
    }).listen();
    // A Bridge that writes one more decimal on the transactions it lists.
    // A Bridge that writes one more decimal on the first amount of a transaction page, or on the accounts' balances.
    proxy = await startRewritingProxy(sandbox.url, (request, body) => {
      if (tamper === 'transaction' && request.url.startsWith('/v3/aggregation/transactions'))
        return body.replace(/"amount":(-?\d+\.\d\d)(?=[,}])/, '"amount":$15');
      if (tamper === 'balance' && request.url.startsWith('/v3/aggregation/accounts'))
        return body.replace(/"balance":(-?\d+\.\d\d)(?=[,}])/g, '"balance":$15');
      return body;
    });
  });

  afterAll(async () => {
    await proxy.close();
    await sandbox.close();
    await t.close();
  });

  // Bridge's rows are checked one by one (a bad row is reported and skipped, the others go in): the amount is never rounded.
  it('should refuse, not round, a Bridge amount with more than 2 decimals, and import the other operations', async () => {
    const scene = await synchroScene(
      t,
      { url: proxy.url, controlToken: sandbox.controlToken },
      { version: '2025-01-15', email: 'sub-cent@cabinet.fr', statement: { dateStart: '2026-10-01' } },
    );
    await scene.connectAtBridge();
    tamper = 'transaction';
    const response = await t
      .api()
      .post(`/api/v1/statements/${scene.statementId}/sync`, { userId: scene.userId })
      .expect(200);
    expect(response.body).toMatchObject({ status: 'synced', rejected: 1 });
    expect((response.body.warnings as string[]).join(' ')).toMatch(/champ « amount »/);
    const mirrored: { amount: string | number }[] = await t.dataSource.query('SELECT amount FROM bank_transaction');
    expect(mirrored.length).toBeGreaterThan(1);
    // Nothing was stored rounded: every stored amount is the sandbox's, to the cent.
    expect(mirrored.every((row) => /^-?\d+(\.\d{1,2})?$/.test(String(row.amount)))).toBe(true);
    const lines = await t.api().get(`/api/v1/statements/${scene.statementId}/lines?limit=500`).expect(200);
    expect(lines.body.total).toBeGreaterThan(0);

    tamper = null;
    expect(
      (await t.api().post(`/api/v1/statements/${scene.statementId}/sync`, { userId: scene.userId }).expect(200)).body,
    ).toMatchObject({ status: 'synced', rejected: 0 });
  });

  it('should refuse the Synchro when the bank balance has more than 2 decimals, naming it, and change nothing', async () => {
    const scene = await synchroScene(
      t,
      { url: proxy.url, controlToken: sandbox.controlToken },
      { version: '2025-01-15', email: 'sub-cent-balance@cabinet.fr' },
    );
    await scene.connectAtBridge();
    tamper = 'balance';
    const response = await t.api().post(`/api/v1/statements/${scene.statementId}/sync`, { userId: scene.userId });
    expect(response.status).toBe(503);
    expect(response.body.message).toMatch(/"balance" is .*, with more than 2 decimals/);
    expect((await t.api().get(`/api/v1/statements/${scene.statementId}/lines`).expect(200)).body.total).toBe(0);
    expect((await t.api().get(`/api/v1/statements/${scene.statementId}`).expect(200)).body.bankBalance).toBeNull();
    tamper = null;
  });
});
