import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createBridgeSandbox } from '@telecollecte/bridge-sandbox';

import type { ServiceProcess } from '../support/processes.js';
import type { SandboxServer } from '../support/sandbox-control.js';
import { TEST_NOW } from '../support/test-clock.js';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-database.js';
import { apiOf, serviceScene, startInstance, type Answer, type Api, type ServiceScene } from './utils/service-scene.js';

// Issue 9, D6: ten Synchros of different journals at once froze the whole service for good, /health too (each lock
// holder kept a pooled connection while its import needed another), and under fifty clients most timed out. With the
// default pool of 10, every request must now answer, and /health keep answering meanwhile.
// Concurrency between instances is a MariaDB matter: SQLite is the single-process embedded default.

jest.setTimeout(600_000);

const describeOnMariaDb = TEST_ENGINE === 'mysql' ? describe : describe.skip;
// What a client waits at most for one answer: far above a normal Synchro, far below "for ever".
const CLIENT_TIMEOUT_MS = 180_000;

describeOnMariaDb('many Synchros of different journals at once on MariaDB, default pool', () => {
  let database: TestDatabase;
  let service: ServiceProcess;
  let api: Api;
  let sandbox: SandboxServer;
  const scenes: ServiceScene[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    service = await startInstance(database, { BRIDGE_RETRY_BASE_MS: '5' });
    api = apiOf(service.url, CLIENT_TIMEOUT_MS);
    sandbox = await createBridgeSandbox({
      seed: 41,
      historyMonths: 2,
      transactionsPerMonth: 30,
      startTime: TEST_NOW,
      rateLimits: false,
    }).listen();
    // Sixty companies, each with its user, journal and bank connection; nothing imported yet. Each test takes its own
    // (the first ten for the first test, the other fifty for the second), so either passes alone or in any order.
    for (let index = 0; index < 60; index++) {
      const scene = await serviceScene(api, sandbox, {
        version: '2025-01-15',
        email: `concurrent-${index}@cabinet.fr`,
        bankAccount: { includeOlderLines: true },
      });
      await scene.connectAtBridge();
      scenes.push(scene);
    }
  });

  afterAll(async () => {
    await service?.stop();
    await sandbox?.close();
    await database?.drop();
  });

  /** Runs `work` while /health is polled every 200 ms; returns its result and every health answer's status. */
  async function whileHealthPolled<T>(work: () => Promise<T>): Promise<{ result: T; health: number[] }> {
    const health: number[] = [];
    let done = false;
    const poller = (async () => {
      while (!done) {
        const status = await fetch(`${service.url}/health`, { signal: AbortSignal.timeout(10_000) }).then(
          (response) => response.status,
          () => 0, // no answer within 10 s
        );
        health.push(status);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    try {
      return { result: await work(), health };
    } finally {
      done = true;
      await poller;
    }
  }

  async function expectExactLines(scene: ServiceScene, answer: Answer): Promise<void> {
    const lines = await scene.lines();
    expect(new Set(lines.map((line) => line.bridgeTransactionId)).size).toBe(lines.length);
    if (answer.body.imported as number) expect(lines.length).toBeGreaterThanOrEqual(answer.body.imported as number);
    expect(lines.length).toBeGreaterThan(20);
  }

  it('should answer every one of 10 simultaneous Synchros, and /health all along', async () => {
    const { result, health } = await whileHealthPolled(() =>
      Promise.all(scenes.slice(0, 10).map((scene) => scene.sync())),
    );
    expect(result.map((answer) => [answer.status, answer.body.status])).toEqual(
      Array.from({ length: 10 }, () => [200, 'synced']),
    );
    expect(health.length).toBeGreaterThan(0);
    expect(health.filter((status) => status !== 200)).toEqual([]);
    for (const [index, answer] of result.entries()) await expectExactLines(scenes[index]!, answer);
  });

  it('should answer every one of 50 simultaneous Synchros (40 first imports, 10 with nothing new), and /health all along', async () => {
    const fifty = scenes.slice(10, 60);
    for (const scene of fifty.slice(0, 10)) expect((await scene.sync()).body.status).toBe('synced');
    const { result, health } = await whileHealthPolled(() => Promise.all(fifty.map((scene) => scene.sync())));
    expect(result.map((answer) => [answer.status, answer.body.status])).toEqual(
      Array.from({ length: 50 }, () => [200, 'synced']),
    );
    expect(result.slice(0, 10).map((answer) => answer.body.imported)).toEqual(Array.from({ length: 10 }, () => 0));
    expect(result.slice(10).every((answer) => (answer.body.imported as number) > 20)).toBe(true);
    expect(health.filter((status) => status !== 200)).toEqual([]);
    for (const [index, answer] of result.entries()) await expectExactLines(fifty[index]!, answer);
  });
});
