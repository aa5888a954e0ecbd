import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createBridgeSandbox, type BridgeSandboxOptions } from '@telecollecte/bridge-sandbox';

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
  queryDatabase,
  serviceScene,
  startInstance,
  type Api,
  type ServiceScene,
} from './utils/service-scene.js';

// Two processes of the service on one MariaDB database (docs/rules.md#several-instances), syncing the same journal
// at the same time, round after round with changes at the bank: every answer is a Synchro done or a clear 409, never a
// duplicate, never a loss; and an instance killed while it holds the bank account's lock never keeps it.

jest.setTimeout(600_000);

const describeOnMariaDb = TEST_ENGINE === 'mysql' ? describe : describe.skip;
const SANDBOX: BridgeSandboxOptions = {
  seed: 51,
  historyMonths: 8,
  transactionsPerMonth: 40,
  startTime: TEST_NOW,
  rateLimits: false,
};

describeOnMariaDb('two instances on one MariaDB database', () => {
  let database: TestDatabase;
  let first: ServiceProcess;
  let second: ServiceProcess;
  let a: Api;
  let b: Api;
  let failing: SandboxServer;
  let clean: SandboxServer;
  // With the back-office on and an administrator to make sure of: both instances create it at the same time too.
  const env = {
    BRIDGE_RETRY_BASE_MS: '5',
    SYNC_LOCK_WAIT_MS: '20000',
    ADMIN: 'on',
    ADMIN_EMAIL: 'editeur@cabinet.fr',
    ADMIN_PASSWORD: 'correct-horse-battery',
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    // Both start at the same time on a fresh database (one migrates, both make sure the bootstrap key and the
    // administrator exist); they share the database and the data folder (encryption key, session secret).
    const started = await Promise.allSettled([startInstance(database, env), startInstance(database, env)]);
    const failed = started.find((outcome) => outcome.status === 'rejected');
    if (failed) {
      // Stop the one that did start, or Jest would wait on it for ever.
      await Promise.all(started.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value.stop()] : [])));
      throw failed.reason;
    }
    [first, second] = started.map((outcome) => (outcome as PromiseFulfilledResult<ServiceProcess>).value) as [
      ServiceProcess,
      ServiceProcess,
    ];
    a = apiOf(first.url);
    b = apiOf(second.url);
    failing = await createBridgeSandbox(SANDBOX).listen();
    clean = await createBridgeSandbox(SANDBOX).listen();
  });

  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    await failing?.close();
    await clean?.close();
    await database?.drop();
  });

  async function changeAtBank(sandbox: SandboxServer, lines: StatementLineResponse[], round: number): Promise<void> {
    const control = sandboxControl(sandbox.url, sandbox.controlToken);
    await control.post('/clock/advance', { seconds: 60 });
    const sorted = [...lines].sort((x, y) => x.bridgeTransactionId! - y.bridgeTransactionId!);
    for (const line of sorted.slice(round * 7, round * 7 + 4))
      await control.patch(`/transactions/${line.bridgeTransactionId}`, { amount: addMoney(line.amount, '-2.50') });
    for (const line of sorted.slice(round * 7 + 4, round * 7 + 6))
      await control.delete(`/transactions/${line.bridgeTransactionId}`);
    await control.post(`/accounts/${sorted[0]!.bridgeAccountId}/transactions`, {
      amount: '-12.34',
      date: '2026-11-20',
      label: `CB BOULANGERIE TOUR ${round}`,
    });
  }

  it('should sync one journal from both at once, round after round, with neither duplicate nor loss', async () => {
    const email = 'two-instances@cabinet.fr';
    const scene = await serviceScene(a, failing, {
      version: '2025-01-15',
      email,
      bankAccount: { includeOlderLines: true },
    });
    await scene.connectAtBridge();
    const reference = await serviceScene(a, clean, {
      version: '2025-01-15',
      email,
      bankAccount: { includeOlderLines: true },
    });
    await reference.connectAtBridge();
    expect((await reference.sync()).status).toBe(200);

    let lines: StatementLineResponse[] = [];
    for (let round = 0; round < 4; round++) {
      if (round > 0) {
        await changeAtBank(failing, lines, round);
        await changeAtBank(clean, await reference.lines(), round);
        expect((await reference.sync()).status).toBe(200);
      }
      const answers = await Promise.all([scene.sync(a), scene.sync(b)]);
      // Each is a Synchro done, or waited for the other one and then did it (nothing left), or a clear 409.
      for (const answer of answers) {
        expect([200, 409]).toContain(answer.status);
        if (answer.status === 409)
          expect(answer.body.message).toMatch(/^Bank account \d+ \(journal BQ1\) is busy: a Synchro/);
      }
      expect(answers.some((answer) => answer.status === 200)).toBe(true);
      lines = await scene.lines(round % 2 === 0 ? a : b);
      expect(lineKeys(lines)).toEqual(lineKeys(await reference.lines()));
    }

    const counts = await queryDatabase(
      database,
      'SELECT COUNT(*) AS rows_, COUNT(DISTINCT bridgeAccountId, bridgeTransactionId) AS distinct_ FROM bank_transaction WHERE bankAccountId = ?',
      [scene.bankAccountId],
    );
    expect(Number(counts[0]!.rows_)).toBe(Number(counts[0]!.distinct_));
    expect(await mirrorOf(database, scene.bankAccountId)).toEqual(await bridgeTransactions(failing, a, scene));
  });

  it('should let the other instance take the lock as soon as the instance holding it is killed', async () => {
    const scene: ServiceScene = await serviceScene(a, failing, {
      version: '2025-01-15',
      email: 'lock-holder-killed@cabinet.fr',
      bankAccount: { includeOlderLines: true },
    });
    await scene.connectAtBridge();
    const control = sandboxControl(failing.url, failing.controlToken);
    // The first instance takes the bank account's lock, then Bridge holds its listing for a long time.
    await control.post('/faults', {
      path: '/v3/aggregation/transactions',
      method: 'GET',
      kind: 'slow',
      delayMs: 600_000,
      times: 1,
    });
    const held = scene.sync(a).catch((error: Error) => error);
    await faultsUsedUp(failing);
    await first.kill9();
    await held;
    await control.delete('/faults');

    // The server released the dead instance's locks with its connection: the other one syncs (well within its wait).
    const answer = await scene.sync(b);
    expect(answer).toMatchObject({ status: 200, body: { status: 'synced' } });
    expect((answer.body.imported as number) > 100).toBe(true);
    expect(await scene.lines(b)).toHaveLength(answer.body.imported as number);

    // Leave two live instances behind, whatever test runs next (the restarted one listens on a new port).
    first = await startInstance(database, env);
    a = apiOf(first.url);
  });
});
