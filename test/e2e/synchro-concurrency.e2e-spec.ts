import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';

import { createBridgeSandbox } from '@telecollecte/bridge-sandbox';
import type { Response } from 'supertest';

import type { StatementLineResponse } from '../../src/statements/dto/statement.dto.js';
import { sandboxControl, type SandboxServer } from '../support/sandbox-control.js';
import { TEST_NOW } from '../support/test-clock.js';
import { expectTotalsKept } from './utils/statement-totals.js';
import { synchroScene, type SynchroScene } from './utils/synchro-scene.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

// A bank account's statements changed while one of its Synchros runs (issue 9, D3–D5), and a Synchro that cannot get
// its bank account's lock (D6). Every change of a bank account's statements and lines runs under that account's lock,
// and the Synchro checks its statement again, fresh, under the lock.

jest.setTimeout(60_000);

const TRANSACTIONS = '/v3/aggregation/transactions';

describe(`statements of one bank account changed during its Synchro (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let sandbox: SandboxServer;
  let control: ReturnType<typeof sandboxControl>;

  beforeAll(async () => {
    t = await createTestApp({
      BRIDGE_RETRY_BASE_MS: '5',
      BRIDGE_TIMEOUT_MS: '10000',
      SYNC_LOCK_WAIT_MS: '30000',
      PUBLIC_URL: 'http://127.0.0.1:9',
    });
    sandbox = await createBridgeSandbox({
      seed: 31,
      historyMonths: 1,
      startTime: TEST_NOW,
      rateLimits: false,
    }).listen();
    control = sandboxControl(sandbox.url, sandbox.controlToken);
  });

  afterEach(async () => {
    await expectTotalsKept(t.dataSource);
  });

  afterAll(async () => {
    await sandbox?.close();
    await t?.close();
  });

  async function connected(email: string): Promise<SynchroScene> {
    const scene = await synchroScene(t, sandbox, { version: '2025-01-15', email });
    await scene.connectAtBridge();
    return scene;
  }

  const linesOf = async (statementId: number): Promise<StatementLineResponse[]> =>
    (await t.api().get(`/api/v1/statements/${statementId}/lines?limit=500`).expect(200)).body.items;

  /**
   * Starts a Synchro whose first transaction page Bridge holds `holdMs`, and returns once Bridge holds it: it runs under
   * its bank account's lock meanwhile. (Wrapped: an async function returning the promise would wait for the answer.)
   */
  async function heldSync(
    scene: SynchroScene,
    statementId: number,
    holdMs: number,
  ): Promise<{ answer: Promise<Response> }> {
    await control.post('/faults', { path: TRANSACTIONS, method: 'GET', kind: 'slow', delayMs: holdMs, times: 1 });
    const answer = Promise.resolve(t.api().post(`/api/v1/statements/${statementId}/sync`, { userId: scene.userId }));
    await waitUntil(async () => (await control.get<{ faults: unknown[] }>('/faults')).faults.length === 0);
    return { answer };
  }

  /** How many account listings this scene's Bridge configuration made: the last call of a Synchro before its lock. */
  async function accountListings(scene: SynchroScene): Promise<number> {
    const rows = await t.dataSource.query(
      "SELECT COUNT(*) AS count FROM api_log WHERE bridgeConfigId = ? AND path LIKE '%/accounts%'",
      [scene.configId],
    );
    return Number(rows[0].count);
  }

  it('D5: ten simultaneous creations of one period make one statement, the others are refused', async () => {
    const scene = await synchroScene(t, sandbox, { version: '2025-01-15', email: 'd5@cabinet.fr' });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.api().post('/api/v1/statements', {
          bankAccountId: scene.bankAccountId,
          dateStart: '2026-09-01',
          dateEnd: '2026-09-30',
        }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    expect(
      answers
        .filter((answer) => answer.status === 409)
        .every((answer) => /^dateStart: the period overlaps statement \d+/.test(answer.body.message)),
    ).toBe(true);
    expect(
      answers
        .filter((answer) => answer.status === 409)
        .every((answer) => answer.body.code === 'statement.overlap' && answer.body.field === 'dateStart'),
    ).toBe(true);
    const statements = await t.api().get(`/api/v1/statements?bankAccountId=${scene.bankAccountId}`).expect(200);
    expect(
      statements.body.items.filter((statement: { dateStart: string }) => statement.dateStart === '2026-09-01'),
    ).toHaveLength(1);
  });

  it('D3: closing a statement while its Synchro runs waits for it, and no line arrives after the close', async () => {
    const scene = await connected('d3@cabinet.fr');
    const { answer: sync } = await heldSync(scene, scene.statementId, 1500);
    const close = t.api().patch(`/api/v1/statements/${scene.statementId}`, {
      state: 'closed',
      forceClose: true,
      closeComment: 'Clôture de test',
    });
    const [synced, closed] = await Promise.all([sync, close]);
    expect(synced.status).toBe(200);
    expect(synced.body.imported).toBeGreaterThan(5);
    // The close ran after the Synchro, under the same lock: it saw every line the Synchro brought, none of them posted.
    expect({ status: closed.status, code: closed.body.code }).toEqual({
      status: 409,
      code: 'statement.unposted_lines',
    });
    expect(closed.body.message).toContain(`${synced.body.imported} line(s)`);
    await t.api().post(`/api/v1/statements/${scene.statementId}/post`, {}).expect(200);
    const reclosed = await t.api().patch(`/api/v1/statements/${scene.statementId}`, {
      state: 'closed',
      forceClose: true,
      closeComment: 'Clôture de test',
    });
    expect(reclosed.status).toBe(200);
    expect(reclosed.body).toMatchObject({ state: 'closed', lineCount: synced.body.imported });
    expect(await linesOf(scene.statementId)).toHaveLength(synced.body.imported);
  });

  it('D4: narrowing a statement while its Synchro runs is checked against the lines it brought', async () => {
    const scene = await connected('d4@cabinet.fr');
    const { answer: sync } = await heldSync(scene, scene.statementId, 1500);
    const narrow = t.api().patch(`/api/v1/statements/${scene.statementId}`, { dateEnd: '2026-11-10' });
    const [synced, narrowed] = await Promise.all([sync, narrow]);
    expect(synced.status).toBe(200);
    const lines = await linesOf(scene.statementId);
    expect(lines.some((line) => line.date > '2026-11-10')).toBe(true);
    expect({
      status: narrowed.status,
      code: narrowed.body.code,
      field: narrowed.body.field,
      message: narrowed.body.message,
    }).toEqual({
      status: 409,
      code: 'statement.lines_outside_period',
      field: 'dateEnd',
      message: expect.stringMatching(/^dateEnd: \d+ line\(s\) of statement \d+ would fall outside the new period$/),
    });
    const statement = (await t.api().get(`/api/v1/statements/${scene.statementId}`).expect(200)).body;
    expect(statement.dateEnd).toBeNull();
    expect(lines.every((line) => line.date >= statement.dateStart)).toBe(true);
  });

  // Another instance may change the statement between a Synchro's first checks and its lock (instances take the lock
  // in no set order): here the change is written straight into the database while the Synchro waits for the lock.

  it('should refuse, under the lock, a Synchro whose statement was closed while it waited', async () => {
    const scene = await connected('closed-while-waiting@cabinet.fr');
    const before = await accountListings(scene);
    const { answer: first } = await heldSync(scene, scene.statementId, 2000);
    const second = Promise.resolve(
      t.api().post(`/api/v1/statements/${scene.statementId}/sync`, { userId: scene.userId }),
    );
    await waitUntil(async () => (await accountListings(scene)) >= before + 2);
    await t.dataSource.query("UPDATE bank_statement SET state = 'closed' WHERE id = ?", [scene.statementId]);
    const [firstAnswer, secondAnswer] = await Promise.all([first, second]);
    expect(firstAnswer.status).toBe(200);
    expect({ status: secondAnswer.status, message: secondAnswer.body.message }).toEqual({
      status: 409,
      message: `Statement ${scene.statementId} is closed: reopen it before running the Synchro`,
    });
  });

  it('should file only within the period the statement has when the Synchro gets the lock', async () => {
    const scene = await connected('narrowed-while-waiting@cabinet.fr');
    // October's statement, synced first and held; November's waits behind it for the bank account's lock.
    const october = (
      await t
        .api()
        .post('/api/v1/statements', {
          bankAccountId: scene.bankAccountId,
          dateStart: '2026-10-01',
          dateEnd: '2026-10-31',
        })
        .expect(201)
    ).body;
    const before = await accountListings(scene);
    const { answer: first } = await heldSync(scene, october.id, 2000);
    const second = Promise.resolve(
      t.api().post(`/api/v1/statements/${scene.statementId}/sync`, { userId: scene.userId }),
    );
    await waitUntil(async () => (await accountListings(scene)) >= before + 2);
    await t.dataSource.query("UPDATE bank_statement SET dateEnd = '2026-11-10' WHERE id = ?", [scene.statementId]);
    const [firstAnswer, secondAnswer] = await Promise.all([first, second]);
    expect([firstAnswer.status, secondAnswer.status]).toEqual([200, 200]);
    const november = await linesOf(scene.statementId);
    expect(november.length).toBeGreaterThan(0);
    expect(november.every((line) => line.date >= '2026-11-01' && line.date <= '2026-11-10')).toBe(true);
    expect((await linesOf(october.id)).every((line) => line.date >= '2026-10-01' && line.date <= '2026-10-31')).toBe(
      true,
    );
  });
});

describe(`a Synchro that cannot get its bank account's lock (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let sandbox: SandboxServer;

  beforeAll(async () => {
    t = await createTestApp({
      BRIDGE_RETRY_BASE_MS: '5',
      BRIDGE_TIMEOUT_MS: '10000',
      SYNC_LOCK_WAIT_MS: '200',
      PUBLIC_URL: 'http://127.0.0.1:9',
    });
    sandbox = await createBridgeSandbox({
      seed: 32,
      historyMonths: 1,
      startTime: TEST_NOW,
      rateLimits: false,
    }).listen();
  });

  afterEach(async () => {
    await expectTotalsKept(t.dataSource);
  });

  afterAll(async () => {
    await sandbox?.close();
    await t?.close();
  });

  it('D6: should answer 409 at once, naming the bank account, while the other one goes on', async () => {
    const scene = await synchroScene(t, sandbox, { version: '2025-01-15', email: 'busy@cabinet.fr' });
    await scene.connectAtBridge();
    const control = sandboxControl(sandbox.url, sandbox.controlToken);
    await control.post('/faults', { path: TRANSACTIONS, method: 'GET', kind: 'slow', delayMs: 4000, times: 1 });
    let firstDone = false;
    const first = Promise.resolve(
      t.api().post(`/api/v1/statements/${scene.statementId}/sync`, { userId: scene.userId }),
    ).then((answer) => {
      firstDone = true;
      return answer;
    });
    await waitUntil(async () => (await control.get<{ faults: unknown[] }>('/faults')).faults.length === 0);
    const second = await t.api().post(`/api/v1/statements/${scene.statementId}/sync`, { userId: scene.userId });
    expect(firstDone).toBe(false);
    expect({ status: second.status, code: second.body.code, message: second.body.message }).toEqual({
      status: 409,
      code: 'sync.busy',
      message: `Bank account ${scene.bankAccountId} (journal BQ1) is busy: a Synchro or a change of one of its statements has been running for more than 0.2 s; try again when it has finished`,
    });
    expect((await first).status).toBe(200);
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
