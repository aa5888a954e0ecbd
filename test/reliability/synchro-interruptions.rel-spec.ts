import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createBridgeSandbox, type BridgeSandboxOptions } from '@telecollecte/bridge-sandbox';

import type { BridgeVersion } from '../../src/bridge-config/bridge-config.entity.js';
import { addMoney } from '../../src/common/money/money.js';
import type { StatementLineResponse } from '../../src/statements/dto/statement.dto.js';
import type { ServiceProcess } from '../support/processes.js';
import { sandboxControl, type SandboxServer } from '../support/sandbox-control.js';
import { TEST_NOW } from '../support/test-clock.js';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-database.js';
import {
  apiOf,
  bridgeTransactions,
  faultsUsedUp,
  lineKeys,
  mirrorOf,
  serviceScene,
  startInstance,
  type Api,
  type ServiceScene,
} from './utils/service-scene.js';

// Issue 9, D1 against the built service: a Synchro stopped half-way, by kill -9 or by Bridge failing beyond the
// retries, then run again, ends with exactly the mirror Bridge holds and exactly the lines of a Synchro that never
// stopped (the oracle: the same seed on a second sandbox, synced without faults by the same service).

jest.setTimeout(300_000);

// ~600 operations on the checking account: two pages of 500.
const BIG: BridgeSandboxOptions = {
  seed: 11,
  historyMonths: 14,
  transactionsPerMonth: 40,
  startTime: TEST_NOW,
  rateLimits: false,
};
const V3: BridgeVersion = '2025-01-15';
const V2: BridgeVersion = '2021-06-01';

const byDateDesc = (a: StatementLineResponse, b: StatementLineResponse) =>
  a.date === b.date ? b.bridgeTransactionId! - a.bridgeTransactionId! : a.date < b.date ? 1 : -1;

/**
 * The bank changes amounts and deletes operations among the newest (the first page of a listing, newest first) and the
 * oldest (its last page). `round` picks other rows each time, so successive rounds change different operations. It
 * relabels every other operation, so that its changes since the cursor fill two pages too (a Synchro reads only what
 * changed): answers how many were relabelled.
 */
async function changeAtBank(sandbox: SandboxServer, lines: StatementLineResponse[], round = 0): Promise<number> {
  const control = sandboxControl(sandbox.url, sandbox.controlToken);
  await control.post('/clock/advance', { seconds: 60 });
  const sorted = [...lines].sort(byDateDesc);
  const at = 10 * round;
  const changed = [...sorted.slice(at, at + 6), ...sorted.slice(sorted.length - at - 6, sorted.length - at)];
  const deleted = [...sorted.slice(at + 6, at + 9), ...sorted.slice(sorted.length - at - 9, sorted.length - at - 6)];
  for (const line of changed) {
    await control.patch(`/transactions/${line.bridgeTransactionId}`, { amount: addMoney(line.amount, '-1.00') });
  }
  for (const line of deleted) {
    await control.delete(`/transactions/${line.bridgeTransactionId}`);
  }
  const touched = new Set([...changed, ...deleted].map((line) => line.bridgeTransactionId));
  const relabelled = sorted
    .slice(at + 9, sorted.length - at - 9)
    .filter((line) => !touched.has(line.bridgeTransactionId));
  for (const line of relabelled) {
    await control.patch(`/transactions/${line.bridgeTransactionId}`, { label: `${line.label} (${round})` });
  }
  return relabelled.length;
}

describe(`a Synchro stopped half-way, then run again, with the built service (${TEST_ENGINE})`, () => {
  let database: TestDatabase;
  let service: ServiceProcess;
  let api: Api;
  const sandboxes: SandboxServer[] = [];
  const env = {
    BRIDGE_RETRY_BASE_MS: '5',
    BRIDGE_MAX_RETRIES: '1',
    BRIDGE_TIMEOUT_MS: '3000',
    SYNC_LOCK_WAIT_MS: '30000',
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    service = await startInstance(database, env);
    api = apiOf(service.url);
  });

  afterAll(async () => {
    await service?.stop();
    await Promise.all(sandboxes.map((sandbox) => sandbox.close()));
    await database?.drop();
  });

  async function sandbox(): Promise<SandboxServer> {
    const server = await createBridgeSandbox(BIG).listen();
    sandboxes.push(server);
    return server;
  }

  /** Connected and synced once, the whole history in the statement. */
  async function synced(
    server: SandboxServer,
    version: BridgeVersion,
    email: string,
  ): Promise<{ scene: ServiceScene; lines: StatementLineResponse[] }> {
    const scene = await serviceScene(api, server, { version, email, bankAccount: { includeOlderLines: true } });
    await scene.connectAtBridge();
    expect((await scene.sync()).body).toMatchObject({ status: 'synced' });
    const lines = await scene.lines();
    expect(lines.length).toBeGreaterThan(500);
    return { scene, lines };
  }

  async function restart(): Promise<void> {
    const port = new URL(service.url).port;
    service = await startInstance(database, { ...env }, Number(port));
    api = apiOf(service.url);
  }

  it('kill -9 while the listing is held after its first page, restart, rerun: mirror and lines exact, bank changes applied', async () => {
    const email = 'kill9@cabinet.fr';
    const failing = await sandbox();
    const clean = await sandbox();
    const { scene, lines } = await synced(failing, V3, email);
    const relabelled = await changeAtBank(failing, lines);
    const control = sandboxControl(failing.url, failing.controlToken);

    // Hold the 1st page a moment; while it is held, queue a hold of the 2nd "for ever": once Bridge holds the 2nd page,
    // the 1st is committed (with its pending line changes) and the service is waiting. Then the machine dies.
    await control.post('/faults', {
      path: '/v3/aggregation/transactions',
      method: 'GET',
      kind: 'slow',
      delayMs: 1000,
      times: 1,
    });
    const running = scene.sync().catch((error: Error) => error);
    await faultsUsedUp(failing);
    await control.post('/faults', {
      path: '/v3/aggregation/transactions',
      method: 'GET',
      kind: 'slow',
      delayMs: 600_000,
      times: 1,
    });
    await faultsUsedUp(failing);
    await service.kill9();
    // The client saw its connection drop (fetch's TypeError comes from another realm than Jest's: match its message).
    expect(await running).toHaveProperty('message', 'fetch failed');
    await control.delete('/faults');

    await restart();
    const rerun = await scene.sync();
    expect(rerun).toMatchObject({
      status: 200,
      body: { status: 'synced', imported: 0, updated: 12 + relabelled, removed: 6, reviewRequired: 0, rejected: 0 },
    });

    const reference = await synced(clean, V3, email);
    await changeAtBank(clean, reference.lines);
    expect((await reference.scene.sync()).body).toMatchObject({
      status: 'synced',
      updated: 12 + relabelled,
      removed: 6,
    });
    expect(lineKeys(await scene.lines())).toEqual(lineKeys(await reference.scene.lines()));
    expect(await mirrorOf(database, scene.bankAccountId)).toEqual(await bridgeTransactions(failing, api, scene));
  });

  it('kill -9 at random moments of three Synchros in a row: the fourth ends exact', async () => {
    const email = 'kill9-random@cabinet.fr';
    const failing = await sandbox();
    const clean = await sandbox();
    const { scene, lines } = await synced(failing, V3, email);
    const reference = await synced(clean, V3, email);
    const control = sandboxControl(failing.url, failing.controlToken);

    for (let round = 0; round < 3; round++) {
      await changeAtBank(failing, lines, round);
      await changeAtBank(clean, reference.lines, round);
      // Each page a little slower, so that the kill lands anywhere from the first Bridge call to the last line.
      await control.post('/faults', {
        path: '/v3/aggregation/transactions',
        method: 'GET',
        kind: 'slow',
        delayMs: 300,
        times: 2,
      });
      const running = scene.sync().catch((error: Error) => error);
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 1500)));
      await service.kill9();
      await running;
      await control.delete('/faults');
      await restart();
    }
    expect((await scene.sync()).body).toMatchObject({ status: 'synced', rejected: 0 });
    expect((await reference.scene.sync()).body).toMatchObject({ status: 'synced' });
    expect(lineKeys(await scene.lines())).toEqual(lineKeys(await reference.scene.lines()));
    expect(await mirrorOf(database, scene.bankAccountId)).toEqual(await bridgeTransactions(failing, api, scene));
  });

  it('Bridge failing beyond the retries after the first page (connection resets, then timeouts), then back: exact, and each answer says what was kept', async () => {
    const email = 'outage@cabinet.fr';
    const failing = await sandbox();
    const clean = await sandbox();
    const { scene, lines } = await synced(failing, V2, email);
    const relabelled = await changeAtBank(failing, lines);
    const control = sandboxControl(failing.url, failing.controlToken);
    const path = `/v2/accounts/${scene.checkingId}/transactions/updated`;

    // Connection resets on the 2nd page, on every attempt.
    await control.post('/faults', { path, method: 'GET', kind: 'slow', delayMs: 500, times: 1 });
    const reset = scene.sync();
    await faultsUsedUp(failing);
    await control.post('/faults', { path, method: 'GET', kind: 'network', times: 2 });
    const resetAnswer = await reset;
    expect(resetAnswer.status).toBe(503);
    expect(resetAnswer.body.message).toMatch(
      /after 2 attempt\(s\) \(last: a network error .*\)\. The Synchro of statement \d+ stopped after saving 1 page\(s\) \(500 operation\(s\)\) of Bridge account \d+: they are kept, and running the Synchro again resumes from there\.$/,
    );

    // No answer within BRIDGE_TIMEOUT_MS, on the first page this time: nothing new was saved, and the answer says so.
    await control.post('/faults', { path, method: 'GET', kind: 'slow', delayMs: 5000, times: 2 });
    const timedOut = await scene.sync();
    expect(timedOut.status).toBe(503);
    expect(timedOut.body.message).toMatch(
      /after 2 attempt\(s\) \(last: no answer within 3000 ms\); nothing was changed, try again in a few minutes$/,
    );
    await control.delete('/faults');

    expect((await scene.sync()).body).toMatchObject({
      status: 'synced',
      imported: 0,
      updated: 12 + relabelled,
      removed: 6,
    });
    const reference = await synced(clean, V2, email);
    await changeAtBank(clean, reference.lines);
    expect((await reference.scene.sync()).body).toMatchObject({
      status: 'synced',
      updated: 12 + relabelled,
      removed: 6,
    });
    expect(lineKeys(await scene.lines())).toEqual(lineKeys(await reference.scene.lines()));
    expect(await mirrorOf(database, scene.bankAccountId)).toEqual(await bridgeTransactions(failing, api, scene));
  });
});
