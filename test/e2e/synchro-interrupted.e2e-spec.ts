import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { type BridgeSandboxOptions, createBridgeSandbox } from '@telecollecte/bridge-sandbox';

import type { BridgeVersion } from '../../src/bridge-config/bridge-config.entity.js';
import { addMoney } from '../../src/common/money/money.js';
import { BankTransaction } from '../../src/statements/bank-transaction.entity.js';
import type { StatementLineResponse } from '../../src/statements/dto/statement.dto.js';
import { StatementLine } from '../../src/statements/statement-line.entity.js';
import { sandboxControl, type SandboxServer } from '../support/sandbox-control.js';
import { TEST_NOW } from '../support/test-clock.js';
import { expectTotalsKept } from './utils/statement-totals.js';
import { synchroScene, type SynchroScene } from './utils/synchro-scene.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

// Bank-side changes met by a sync that stops half-way (issue 9, D1): the pages read before the stop are committed with
// the mirror's new values, so the rerun finds the mirror equal to Bridge. The lines must still follow the bank.

jest.setTimeout(60_000);

const VERSIONS: BridgeVersion[] = ['2025-01-15', '2021-06-01'];
const V3: BridgeVersion = '2025-01-15';
const MAX_RETRIES = 2;
// 40 a month over 14 months puts ~600 operations on the checking account: two pages of 500.
const BIG: BridgeSandboxOptions = {
  seed: 11,
  historyMonths: 14,
  transactionsPerMonth: 40,
  startTime: TEST_NOW,
  rateLimits: false,
};

interface LineKey {
  bridgeTransactionId: number;
  date: string;
  label: string;
  amount: string;
  reviewRequired: boolean;
  reviewNote: string | null;
}

describe.each(VERSIONS)(`Synchro %s stopped by Bridge after some pages, then run again (${TEST_ENGINE})`, (version) => {
  let t: TestApp;
  let failing: SandboxServer;
  let clean: SandboxServer;

  beforeAll(async () => {
    // The timeout is above the 1 s hold of the "slow" fault that paces the stop.
    t = await createTestApp({
      BRIDGE_RETRY_BASE_MS: '5',
      BRIDGE_MAX_RETRIES: String(MAX_RETRIES),
      BRIDGE_TIMEOUT_MS: '5000',
      PUBLIC_URL: 'http://127.0.0.1:9',
    });
    failing = await createBridgeSandbox(BIG).listen();
    // The same seed, clock and e-mail give the same bank data: the reference of a sync that never stopped.
    clean = await createBridgeSandbox(BIG).listen();
  });

  afterEach(async () => {
    await expectTotalsKept(t.dataSource);
  });

  afterAll(async () => {
    await failing?.close();
    await clean?.close();
    await t?.close();
  });

  async function linesOf(statementId: number): Promise<StatementLineResponse[]> {
    const lines: StatementLineResponse[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await t.api().get(`/api/v1/statements/${statementId}/lines?limit=500&offset=${offset}`).expect(200);
      lines.push(...(page.body.items as StatementLineResponse[]));
      if (lines.length >= page.body.total) return lines;
    }
  }

  const keysOf = (lines: StatementLineResponse[]): LineKey[] =>
    lines
      .map(({ bridgeTransactionId, date, label, amount, reviewRequired, reviewNote }) => ({
        bridgeTransactionId: bridgeTransactionId!,
        date,
        label,
        amount,
        reviewRequired,
        reviewNote,
      }))
      .sort((a, b) => a.bridgeTransactionId - b.bridgeTransactionId);

  /** Connected and synced once, the whole history in the statement, the two newest lines posted. */
  async function syncedScene(
    sandbox: SandboxServer,
    email: string,
  ): Promise<{ scene: SynchroScene; lines: StatementLineResponse[] }> {
    const scene = await synchroScene(t, sandbox, { version, email, bankAccount: { includeOlderLines: true } });
    await scene.connectAtBridge();
    await scene.sync();
    const lines = (await linesOf(scene.statementId)).sort((a, b) =>
      a.date === b.date ? b.bridgeTransactionId! - a.bridgeTransactionId! : a.date < b.date ? 1 : -1,
    );
    expect(lines.length).toBeGreaterThan(500);
    await t.dataSource.getRepository(StatementLine).update(
      lines.slice(0, 2).map((line) => line.id),
      { postedAt: new Date('2026-11-26T10:00:00Z') },
    );
    return { scene, lines };
  }

  /**
   * The bank changes the amount of 12 operations and deletes 6, among the newest (the listing's first page, newest first)
   * and among the oldest (its second page); the two newest, posted, are among them. It relabels every other one, so
   * that its changes since the cursor fill two pages too (a Synchro reads only what changed).
   */
  async function changeAtBank(
    sandbox: SandboxServer,
    lines: StatementLineResponse[],
  ): Promise<{ changed: StatementLineResponse[]; deleted: StatementLineResponse[]; relabelled: number }> {
    const control = sandboxControl(sandbox.url, sandbox.controlToken);
    await control.post('/clock/advance', { seconds: 60 });
    const changed = [...lines.slice(0, 6), ...lines.slice(-6)];
    const deleted = [...lines.slice(6, 9), ...lines.slice(-9, -6)];
    const relabelled = lines.slice(9, -9);
    for (const line of changed)
      await control.patch(`/transactions/${line.bridgeTransactionId}`, { amount: addMoney(line.amount, '-1.00') });
    for (const line of deleted) await control.delete(`/transactions/${line.bridgeTransactionId}`);
    for (const line of relabelled)
      await control.patch(`/transactions/${line.bridgeTransactionId}`, { label: `${line.label} (corrigé)` });
    return { changed, deleted, relabelled: relabelled.length };
  }

  it('should apply every bank change to the lines on the rerun, as a sync that never stopped does', async () => {
    const email = `stopped-${version}@cabinet.fr`;
    const { scene, lines } = await syncedScene(failing, email);
    const { changed, deleted, relabelled } = await changeAtBank(failing, lines);
    expect(changed.length + deleted.length + relabelled).toBeGreaterThan(500);
    const control = sandboxControl(failing.url, failing.controlToken);
    const path =
      version === V3 ? '/v3/aggregation/transactions' : `/v2/accounts/${scene.checking.id}/transactions/updated`;

    // Hold the 1st page a moment (a `slow` fault, used up by it); while it is held, queue the 503s that meet the 2nd.
    await control.post('/faults', { path, method: 'GET', kind: 'slow', delayMs: 1000, times: 1 });
    Logger.overrideLogger(false);
    const failed = await (async () => {
      try {
        const interrupted = t
          .api()
          .post(`/api/v1/statements/${scene.statementId}/sync`, { userId: scene.userId })
          .then((response) => response);
        await waitUntil(async () => (await control.get<{ faults: unknown[] }>('/faults')).faults.length === 0);
        await control.post('/faults', { path, method: 'GET', kind: 'status', status: 503, times: MAX_RETRIES + 1 });
        return await interrupted;
      } finally {
        Logger.overrideLogger(['error']);
      }
    })();
    expect(failed.status).toBe(503);
    // The first page was committed: the answer says so, and that a rerun resumes.
    expect(failed.body.message).not.toMatch(/nothing was changed/);
    expect(failed.body.message).toMatch(
      /^Bridge did not answer GET .* after 3 attempt\(s\) \(last: HTTP 503\)\. The Synchro of statement \d+ stopped after saving 1 page\(s\) \(500 operation\(s\)\) of Bridge account \d+: they are kept, and running the Synchro again resumes from there\.$/,
    );
    // The newest changes are in the mirror already.
    const mirror = new Map(
      (await t.dataSource.getRepository(BankTransaction).findBy({ bankAccountId: scene.bankAccountId })).map((row) => [
        row.bridgeTransactionId,
        row,
      ]),
    );
    expect(mirror.get(changed[2]!.bridgeTransactionId!)!.amount).toBe(addMoney(changed[2]!.amount, '-1.00'));
    expect(mirror.get(deleted[0]!.bridgeTransactionId!)!.deleted).toBe(true);

    const rerun = await scene.sync();
    // 10 unposted changed and the relabelled ones, 2 posted changed (flagged), 6 deleted (unposted).
    expect(rerun).toMatchObject({
      status: 'synced',
      imported: 0,
      updated: 10 + relabelled,
      removed: 6,
      reviewRequired: 2,
    });

    const reference = await syncedScene(clean, email);
    await changeAtBank(clean, reference.lines);
    expect(await reference.scene.sync()).toMatchObject({
      status: 'synced',
      imported: 0,
      updated: 10 + relabelled,
      removed: 6,
      reviewRequired: 2,
    });
    expect(keysOf(await linesOf(scene.statementId))).toEqual(keysOf(await linesOf(reference.scene.statementId)));

    // Followed once: nothing is left to re-decide.
    expect(await scene.sync()).toMatchObject({
      status: 'synced',
      imported: 0,
      updated: 0,
      removed: 0,
      reviewRequired: 0,
    });
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
