import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { createBridgeSandbox, type BridgeSandboxOptions } from '@telecollecte/bridge-sandbox';

import type { CardDatingMode } from '../../src/bank-accounts/bank-account.entity.js';
import type { BridgeVersion } from '../../src/bridge-config/bridge-config.entity.js';
import { addMoney, sumMoney } from '../../src/common/money/money.js';
import { BankTransaction } from '../../src/statements/bank-transaction.entity.js';
import type { StatementLineResponse } from '../../src/statements/dto/statement.dto.js';
import { sandboxControl, type SandboxServer } from '../support/sandbox-control.js';
import { TEST_NOW } from '../support/test-clock.js';
import { sandboxOperations, type SandboxOperation } from './utils/sandbox-fixtures.js';
import { expectTotalsKept } from './utils/statement-totals.js';
import { synchroScene, type SynchroScene } from './utils/synchro-scene.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

// docs/rules.md#account-options (télécollecte settings, card dating), docs/rules.md#filing-lines-into-a-statement and
// docs/rules.md#bank-side-changes (statements, bank-side changes, idempotence), end to end against the local Bridge
// sandbox. Every expected line is computed from the operations the sandbox serves (read from the sandbox itself,
// utils/sandbox-fixtures.ts), by this file's own statement of the rules (expectedLines below), never from the
// product's mirror: the mirror is read only to check what the product keeps in it.

const VERSIONS: BridgeVersion[] = ['2025-01-15', '2021-06-01'];
const V3: BridgeVersion = '2025-01-15';
const SANDBOX: BridgeSandboxOptions = {
  // Seed 3 gives the debit-mode scenes below a card purchase made on 2026-09-30, the day September's deferred total is
  // debited: the boundary case of the "debit" dating (the purchase belongs to September's total, not October's).
  seed: 3,
  historyMonths: 2, // September and October 2026 (settled), November up to the 26th (card purchases still `future`)
  startTime: TEST_NOW,
  rateLimits: false,
};
const OCTOBER: Period = { dateStart: '2026-10-01', dateEnd: '2026-10-31' };
const NOVEMBER: Period = { dateStart: '2026-11-01', dateEnd: null };
const MAX_RETRIES = 2;

interface Period {
  dateStart: string;
  dateEnd: string | null;
}

/** What identifies a statement line for the comparisons below. */
interface LineKey {
  bridgeTransactionId: number;
  date: string;
  label: string;
  amount: string;
}

interface Rules {
  mode: CardDatingMode;
  cardFed: boolean;
  keepDeferredTotal: boolean;
  includeFuture: boolean;
  includeOlder: boolean;
  cleanLabel: boolean;
}

const DEFAULT_RULES: Rules = {
  mode: 'transaction',
  cardFed: false,
  keepDeferredTotal: false,
  includeFuture: false,
  includeOlder: false,
  cleanLabel: false,
};

describe(`Synchro options (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let sandbox: SandboxServer;

  beforeAll(async () => {
    t = await createTestApp({
      BRIDGE_RETRY_BASE_MS: '5',
      BRIDGE_MAX_RETRIES: String(MAX_RETRIES),
      // Above the 1 s hold of the "slow" fault used to pace the interrupted sync.
      BRIDGE_TIMEOUT_MS: '5000',
      PUBLIC_URL: 'http://127.0.0.1:9',
    });
    sandbox = await createBridgeSandbox(SANDBOX).listen();
  });

  afterEach(async () => {
    await expectTotalsKept(t.dataSource);
  });

  afterAll(async () => {
    await sandbox?.close();
    await t?.close();
  });

  // ---------------------------------------------------------------------------------------------------------------
  // Helpers

  /** A company whose bank is connected through the funnel; nothing imported yet. */
  async function connectedScene(
    version: BridgeVersion,
    email: string,
    bankAccount: Record<string, unknown>,
    period: Period,
    sandboxServer: SandboxServer = sandbox,
  ): Promise<SynchroScene> {
    const scene = await synchroScene(t, sandboxServer, {
      version,
      email,
      bankAccount,
      statement: { dateStart: period.dateStart, dateEnd: period.dateEnd },
    });
    await scene.connectAtBridge();
    return scene;
  }

  /** The mirror of the scene's bank account (through the entity, so amounts are decimal strings on both engines). */
  function mirrorOf(scene: SynchroScene): Promise<BankTransaction[]> {
    return t.dataSource
      .getRepository(BankTransaction)
      .find({ where: { bankAccountId: scene.bankAccountId }, order: { bridgeTransactionId: 'ASC' } });
  }

  /**
   * The operations the sandbox serves on the accounts that feed the scene's journal (docs/rules.md#feeding-accounts): the account whose
   * IBAN is the journal's, and the accounts of the same bank whose type is in the journal's list and which carry no IBAN
   * or the same one.
   */
  async function servedTo(
    scene: SynchroScene,
    accountTypes: string[] = ['checking'],
    sandboxServer: SandboxServer = sandbox,
  ): Promise<SandboxOperation[]> {
    const iban = scene.checking.iban;
    const operations = await sandboxOperations(t, sandboxServer, scene);
    return operations.filter(
      (operation) =>
        operation.accountIban === iban ||
        (accountTypes.includes(operation.accountType) &&
          (operation.accountIban === null || operation.accountIban === iban)),
    );
  }

  /** Every line of a statement through the REST API, page after page. */
  async function linesOf(statementId: number): Promise<StatementLineResponse[]> {
    const lines: StatementLineResponse[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await t.api().get(`/api/v1/statements/${statementId}/lines?limit=500&offset=${offset}`).expect(200);
      lines.push(...(page.body.items as StatementLineResponse[]));
      if (lines.length >= page.body.total) return lines;
    }
  }

  function keysOf(lines: StatementLineResponse[]): LineKey[] {
    return lines
      .map((line) => ({
        bridgeTransactionId: line.bridgeTransactionId!,
        date: line.date,
        label: line.label,
        amount: line.amount,
      }))
      .sort(byTransactionId);
  }

  function syncStatement(scene: SynchroScene, statementId: number) {
    return t.api().post(`/api/v1/statements/${statementId}/sync`, { userId: scene.userId });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // 1. Card dating mode on a settled month

  describe.each(VERSIONS)('card dating mode on October 2026, a month settled by a deferred debit (%s)', (version) => {
    it.each(['transaction', 'debit'] as const)(
      '%s mode: dates each card purchase as the mode says, every other line on its date',
      async (mode) => {
        const scene = await connectedScene(
          version,
          `card-${mode}-${version}@cabinet.fr`,
          { accountTypes: ['checking', 'card'], cardDatingMode: mode },
          OCTOBER,
        );
        const result = await scene.sync();
        const served = await servedTo(scene, ['checking', 'card']);
        const rules: Rules = { ...DEFAULT_RULES, mode, cardFed: true };
        const expected = expectedLines(served, rules, OCTOBER, version);
        const lines = await linesOf(scene.statementId);

        expect(result).toMatchObject({
          status: 'synced',
          imported: expected.length,
          skipped: served.length - expected.length,
          updated: 0,
          removed: 0,
          reviewRequired: 0,
        });
        expect(keysOf(lines)).toEqual(expected);
        // The product mirrored exactly what the sandbox serves on these accounts.
        expect((await mirrorOf(scene)).map((row) => row.bridgeTransactionId)).toEqual(
          served.map((operation) => operation.bridgeTransactionId),
        );

        const purchases = served.filter(
          (row) => row.accountType === 'card' && /^CARTE X\d{4} \d{2}\/\d{2} /.test(row.originalLabel) && !row.future,
        );
        const byId = new Map(lines.map((line) => [line.bridgeTransactionId, line]));
        for (const purchase of purchases) {
          const line = byId.get(purchase.bridgeTransactionId);
          // transaction: the purchase day; debit: the month's settlement day (its booking_date, = the deferred debit's date).
          const day = mode === 'transaction' ? purchase.transactionDate! : settlementDay(served, purchase);
          expect({ id: purchase.bridgeTransactionId, date: line?.date ?? null }).toEqual({
            id: purchase.bridgeTransactionId,
            date: day >= OCTOBER.dateStart && day <= OCTOBER.dateEnd! ? day : null,
          });
        }

        const deferred = deferredTotals(served, '2026-10');
        if (version === V3) {
          // The card detail lines stand for the month's total: neither the checking debit nor the card credit is a line.
          expect(lines.filter((line) => line.operationType === 'deferred_debit_card')).toEqual([]);
          expect([byId.has(deferred.debit.bridgeTransactionId), byId.has(deferred.credit.bridgeTransactionId)]).toEqual(
            [false, false],
          );
        } else {
          // 2021-06-01 gives no operation_type: the settlement lines cannot be told from ordinary ones and come in as such
          // (the card credit cancels the card detail lines, so the journal still follows the checking account).
          expect(byId.get(deferred.debit.bridgeTransactionId)).toMatchObject({
            date: deferred.debit.date,
            amount: deferred.debit.amount,
            operationType: null,
          });
          expect(byId.get(deferred.credit.bridgeTransactionId)).toMatchObject({
            date: deferred.credit.date,
            amount: deferred.credit.amount,
            operationType: null,
          });
        }

        if (mode === 'debit') {
          // The boundary case this seed provides: bought on September's settlement day, so debited with September's total.
          const onSeptemberDebitDay = purchases.filter(
            (row) => row.transactionDate === deferredTotals(served, '2026-09').debit.date,
          );
          expect(onSeptemberDebitDay.map((row) => byId.get(row.bridgeTransactionId) ?? null)).toEqual(
            onSeptemberDebitDay.map(() => null),
          );
          expect(onSeptemberDebitDay).not.toHaveLength(0);

          // On the debit day the card detail lines add up to the total the checking account pays...
          const detailOnDebitDay = lines.filter(
            (line) =>
              line.accountType === 'card' &&
              line.date === deferred.debit.date &&
              line.bridgeTransactionId !== deferred.credit.bridgeTransactionId,
          );
          expect(sumMoney(detailOnDebitDay.map((line) => line.amount))).toBe(deferred.debit.amount);
          expect(addMoney(sumMoney(detailOnDebitDay.map((line) => line.amount)), deferred.credit.amount)).toBe('0.00');
          // ...so the journal's movement since the start of the statement equals the checking account's on that day.
          expect(movementUntil(lines, deferred.debit.date)).toBe(
            checkingMovement(served, OCTOBER.dateStart, deferred.debit.date),
          );
        }
      },
    );
  });

  describe(`card: keep deferred total (${V3} only: 2021-06-01 has no operation_type, so deferred_debit_card lines cannot be recognised)`, () => {
    it.each(['transaction', 'debit'] as const)(
      '%s mode: keeps both compensation lines, and the journal still follows the checking account',
      async (mode) => {
        const scene = await connectedScene(
          V3,
          `card-${mode}-total-${V3}@cabinet.fr`,
          { accountTypes: ['checking', 'card'], cardDatingMode: mode, cardKeepDeferredTotal: true },
          OCTOBER,
        );
        const result = await scene.sync();
        const served = await servedTo(scene, ['checking', 'card']);
        const expected = expectedLines(
          served,
          { ...DEFAULT_RULES, mode, cardFed: true, keepDeferredTotal: true },
          OCTOBER,
          V3,
        );
        const lines = await linesOf(scene.statementId);

        expect(result).toMatchObject({
          status: 'synced',
          imported: expected.length,
          skipped: served.length - expected.length,
        });
        expect(keysOf(lines)).toEqual(expected);

        const deferred = deferredTotals(served, '2026-10');
        const kept = lines
          .filter((line) => line.operationType === 'deferred_debit_card')
          .map((line) => [line.accountType, line.date, line.label, line.amount]);
        expect(kept).toEqual([
          ['checking', deferred.debit.date, deferred.debit.originalLabel, deferred.debit.amount],
          ['card', deferred.credit.date, deferred.credit.originalLabel, deferred.credit.amount],
        ]);
        expect(addMoney(deferred.credit.amount, deferred.debit.amount)).toBe('0.00');

        if (mode === 'debit') {
          // Detail lines on the debit day + the card credit cancel out; the checking debit remains, as at the bank.
          const cardOnDebitDay = lines.filter(
            (line) => line.accountType === 'card' && line.date === deferred.debit.date,
          );
          expect(sumMoney(cardOnDebitDay.map((line) => line.amount))).toBe('0.00');
          expect(movementUntil(lines, deferred.debit.date)).toBe(
            checkingMovement(served, OCTOBER.dateStart, deferred.debit.date),
          );
        }
      },
    );
  });

  // ---------------------------------------------------------------------------------------------------------------
  // 2. Card future lines

  describe.each(VERSIONS)('card: include future lines, November 2026 (%s)', (version) => {
    const cases: [string, { cardIncludeFuture?: boolean; cardDatingMode: CardDatingMode }][] = [
      ['off', { cardDatingMode: 'transaction' }],
      ['transaction', { cardIncludeFuture: true, cardDatingMode: 'transaction' }],
      ['debit', { cardIncludeFuture: true, cardDatingMode: 'debit' }],
    ];

    it.each(cases)(
      '%s: pending card purchases follow the option, pending lines of the checking account never come in',
      async (name, settings) => {
        const scene = await connectedScene(
          version,
          `future-${name}-${version}@cabinet.fr`,
          { accountTypes: ['checking', 'card'], ...settings },
          NOVEMBER,
        );
        // A pending direct debit on the checking account: `future`, but not a card line.
        const pendingDebit = await sandboxControl(sandbox.url, sandbox.controlToken).post<{ id: number }>(
          `/accounts/${scene.checking.id}/transactions`,
          {
            amount: '-54.90',
            date: '2026-11-28',
            label: 'PRLV SEPA FREE MOBILE',
            cleanLabel: 'Free Mobile',
            operationType: 'direct_debit',
            future: true,
          },
        );
        const result = await scene.sync();
        const served = await servedTo(scene, ['checking', 'card']);
        const include = settings.cardIncludeFuture === true;
        const expected = expectedLines(
          served,
          { ...DEFAULT_RULES, mode: settings.cardDatingMode, cardFed: true, includeFuture: include },
          NOVEMBER,
          version,
        );
        const lines = await linesOf(scene.statementId);

        expect(result).toMatchObject({
          status: 'synced',
          imported: expected.length,
          skipped: served.length - expected.length,
        });
        expect(keysOf(lines)).toEqual(expected);

        const pendingPurchases = served.filter((row) => row.accountType === 'card' && row.future);
        expect(
          pendingPurchases.every(
            (row) => row.transactionDate! >= NOVEMBER.dateStart && row.bookingDate === null && row.valueDate === null,
          ),
        ).toBe(true);
        // Not yet debited: no later deferred debit is known and they carry neither booking_date nor value_date, so both
        // modes end on `date`, the purchase day (docs/rules.md#card-dating-modes).
        const pendingLines = keysOf(
          lines.filter((line) => pendingPurchases.some((row) => row.bridgeTransactionId === line.bridgeTransactionId)),
        );
        expect(pendingLines.map((line) => [line.bridgeTransactionId, line.date, line.amount])).toEqual(
          include ? pendingPurchases.map((row) => [row.bridgeTransactionId, row.date, row.amount]) : [],
        );
        expect(pendingPurchases).not.toHaveLength(0);
        expect(lines.find((line) => line.bridgeTransactionId === pendingDebit.id)).toBeUndefined();
        expect((await mirrorOf(scene)).find((row) => row.bridgeTransactionId === pendingDebit.id)).toMatchObject({
          future: true,
          amount: '-54.90',
          accountType: 'checking',
        });
      },
    );
  });

  // ---------------------------------------------------------------------------------------------------------------
  // 3. Older lines

  describe.each(VERSIONS)('include older lines, statement from 2026-11-01 (%s)', (version) => {
    it('off: operations dated before the statement are left out, counted as skipped, and wait for their own statement', async () => {
      const scene = await connectedScene(version, `older-off-${version}@cabinet.fr`, {}, NOVEMBER);
      const result = await scene.sync();
      const served = await servedTo(scene);
      const older = served.filter((row) => row.date < NOVEMBER.dateStart);
      const expected = expectedLines(served, DEFAULT_RULES, NOVEMBER, version);

      expect(result).toMatchObject({ status: 'synced', imported: expected.length, skipped: older.length });
      expect(expected).toHaveLength(served.length - older.length);
      expect(keysOf(await linesOf(scene.statementId))).toEqual(expected);

      // Nothing fetched is lost: October's statement takes October's operations from the mirror (September's stay there).
      const october = await t
        .api()
        .post('/api/v1/statements', { bankAccountId: scene.bankAccountId, ...OCTOBER })
        .expect(201);
      const octoberSync = await syncStatement(scene, october.body.id).expect(200);
      const octoberExpected = expectedLines(served, DEFAULT_RULES, OCTOBER, version);
      expect(octoberSync.body).toMatchObject({
        status: 'synced',
        imported: octoberExpected.length,
        skipped: served.filter((row) => row.date < OCTOBER.dateStart).length,
      });
      expect(keysOf(await linesOf(october.body.id))).toEqual(octoberExpected);
    });

    it('on: operations dated before the statement are put into it, on their own date', async () => {
      const scene = await connectedScene(
        version,
        `older-on-${version}@cabinet.fr`,
        { includeOlderLines: true },
        NOVEMBER,
      );
      const result = await scene.sync();
      const served = await servedTo(scene);
      const expected = expectedLines(served, { ...DEFAULT_RULES, includeOlder: true }, NOVEMBER, version);

      const lines = keysOf(await linesOf(scene.statementId));
      const older = served.filter((row) => row.date < NOVEMBER.dateStart);

      expect(result).toMatchObject({ status: 'synced', imported: served.length, skipped: 0 });
      expect(lines).toEqual(expected);
      expect(lines.filter((line) => line.date < NOVEMBER.dateStart)).toHaveLength(older.length);
      expect(older.some((row) => row.date < OCTOBER.dateStart)).toBe(true); // September too, not just October
    });
  });

  // ---------------------------------------------------------------------------------------------------------------
  // 4. Labels

  describe.each(VERSIONS)('use cleaned label (%s)', (version) => {
    it.each([
      ['off', false, 'PRLV SEPA URSSAF'],
      ['on', true, 'Urssaf'],
    ] as const)(
      '%s: the line label is the chosen one, and both labels are always returned',
      async (name, useCleanLabel, urssafLabel) => {
        const scene = await connectedScene(version, `label-${name}-${version}@cabinet.fr`, { useCleanLabel }, NOVEMBER);
        await scene.sync();
        const served = await servedTo(scene);
        const lines = await linesOf(scene.statementId);

        expect(keysOf(lines)).toEqual(
          expectedLines(served, { ...DEFAULT_RULES, cleanLabel: useCleanLabel }, NOVEMBER, version),
        );
        const rowOf = new Map(served.map((row) => [row.bridgeTransactionId, row]));
        expect(lines.map((line) => [line.cleanLabel, line.originalLabel])).toEqual(
          lines.map((line) => [
            rowOf.get(line.bridgeTransactionId!)!.cleanLabel,
            rowOf.get(line.bridgeTransactionId!)!.originalLabel,
          ]),
        );
        expect(lines.filter((line) => line.cleanLabel !== line.originalLabel)).toHaveLength(lines.length);
        // The sandbox's URSSAF direct debit of November (PRLV SEPA URSSAF / Urssaf), on the 5th.
        expect(
          lines
            .filter((line) => line.originalLabel === 'PRLV SEPA URSSAF')
            .map((line) => [line.date, line.label, line.cleanLabel]),
        ).toEqual([['2026-11-05', urssafLabel, 'Urssaf']]);
      },
    );
  });

  // ---------------------------------------------------------------------------------------------------------------
  // 5–6. Bank-side changes

  // The bank changes lines a minute later: on a sandbox of the test's own, whose clock no other test reads.
  const ownSandboxes: SandboxServer[] = [];
  afterEach(async () => {
    for (const server of ownSandboxes.splice(0)) await server.close();
  });

  /** Connects to a sandbox of its own, imports November, and returns the URSSAF and account-fee lines the bank will change. */
  async function sceneWithChangedLines(version: BridgeVersion, email: string) {
    const bank = await createBridgeSandbox(SANDBOX).listen();
    ownSandboxes.push(bank);
    const scene = await connectedScene(version, email, {}, NOVEMBER, bank);
    await scene.sync();
    const before = await linesOf(scene.statementId);
    const urssaf = before.find((line) => line.label === 'PRLV SEPA URSSAF')!;
    const fee = before.find((line) => line.label === 'FRAIS TENUE DE COMPTE')!;
    expect([urssaf, fee].every(Boolean)).toBe(true);
    return { scene, bank, before, urssaf, fee };
  }

  /** The bank changes the URSSAF amount (and label, when given) and deletes the fee, a minute after the first sync. */
  async function changeAtBank(
    bank: SandboxServer,
    urssaf: StatementLineResponse,
    fee: StatementLineResponse,
    label?: string,
  ): Promise<string> {
    const control = sandboxControl(bank.url, bank.controlToken);
    await control.post('/clock/advance', { seconds: 60 });
    const amount = addMoney(urssaf.amount, '-10.00');
    await control.patch(`/transactions/${urssaf.bridgeTransactionId}`, { amount, ...(label && { label }) });
    await control.delete(`/transactions/${fee.bridgeTransactionId}`);
    return amount;
  }

  describe.each(VERSIONS)('bank-side update and deletion (%s)', (version) => {
    it('before posting: the line follows the bank, the deleted one goes', async () => {
      const { scene, bank, before, urssaf, fee } = await sceneWithChangedLines(
        version,
        `changes-unposted-${version}@cabinet.fr`,
      );
      const amount = await changeAtBank(bank, urssaf, fee);

      const result = await scene.sync();
      expect(result).toMatchObject({ status: 'synced', imported: 0, updated: 1, removed: 1, reviewRequired: 0 });
      const after = await linesOf(scene.statementId);
      expect(after).toEqual(
        before.filter((line) => line.id !== fee.id).map((line) => (line.id === urssaf.id ? { ...line, amount } : line)),
      );
      const mirror = new Map((await mirrorOf(scene)).map((row) => [row.bridgeTransactionId, row]));
      expect(mirror.get(urssaf.bridgeTransactionId!)).toMatchObject({ amount, deleted: false });
      expect(mirror.get(fee.bridgeTransactionId!)).toMatchObject({ amount: fee.amount, deleted: true });
    });

    it('after posting: the lines stay as posted and are flagged for review with the bank’s new values', async () => {
      const { scene, bank, before, urssaf, fee } = await sceneWithChangedLines(
        version,
        `changes-posted-${version}@cabinet.fr`,
      );
      await t.api().post(`/api/v1/statements/${scene.statementId}/post`, {}).expect(200);
      const posted = await linesOf(scene.statementId);
      expect(posted.every((line) => line.postedAt !== null || line.amount === '0.00')).toBe(true);
      const label = 'PRLV SEPA URSSAF REGULARISATION';
      const amount = await changeAtBank(bank, urssaf, fee, label);

      const result = await scene.sync();
      expect(result).toMatchObject({ status: 'synced', imported: 0, updated: 0, removed: 0, reviewRequired: 2 });
      const after = await linesOf(scene.statementId);
      expect(after).toEqual(
        posted.map((line) => {
          if (line.id === urssaf.id) {
            const reviewNote = `Modifiée par la banque : date ${urssaf.date}, libellé « ${label} », montant ${amount} EUR.`;
            const bankChange = { deleted: false, date: urssaf.date, label, amount };
            return { ...line, originalLabel: label, reviewRequired: true, reviewNote, bankChange };
          }
          if (line.id === fee.id) {
            return {
              ...line,
              reviewRequired: true,
              reviewNote:
                'Supprimée par la banque (opération supprimée) : la ligne passée en comptabilité est à revoir.',
              bankChange: { deleted: true, date: null, label: null, amount: null },
            };
          }
          return line;
        }),
      );
      expect(before.map((line) => line.id)).toEqual(posted.map((line) => line.id));
      expect(after.find((line) => line.id === urssaf.id)).toMatchObject({
        amount: urssaf.amount,
        label: 'PRLV SEPA URSSAF',
      });

      // Flagged once: a sync with no new change at the bank leaves everything as it is.
      expect(await scene.sync()).toMatchObject({
        status: 'synced',
        imported: 0,
        updated: 0,
        removed: 0,
        reviewRequired: 0,
      });
      expect(await linesOf(scene.statementId)).toEqual(after);
    });
  });

  // ---------------------------------------------------------------------------------------------------------------
  // 7. Concurrency

  describe.each(VERSIONS)('two syncs of one statement at the same time (%s)', (version) => {
    it('should both answer 200 and leave the lines of a single sync', async () => {
      const scene = await connectedScene(
        version,
        `concurrent-${version}@cabinet.fr`,
        { accountTypes: ['checking', 'card'] },
        NOVEMBER,
      );
      const answers = await Promise.all([
        syncStatement(scene, scene.statementId),
        syncStatement(scene, scene.statementId),
      ]);
      const [mirror, served] = [await mirrorOf(scene), await servedTo(scene, ['checking', 'card'])];
      const expected = expectedLines(served, { ...DEFAULT_RULES, cardFed: true }, NOVEMBER, version);

      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      // One of them imports, the other (serialised behind the bank account's lock) finds nothing left to import.
      expect(answers.map((answer) => answer.body.imported).sort((a, b) => a - b)).toEqual([0, expected.length]);
      const lines = await linesOf(scene.statementId);
      expect(keysOf(lines)).toEqual(expected);
      expect(new Set(lines.map((line) => line.bridgeTransactionId)).size).toBe(lines.length);
      expect(new Set(mirror.map((row) => `${row.bridgeAccountId}:${row.bridgeTransactionId}`)).size).toBe(
        mirror.length,
      );
    });
  });

  // ---------------------------------------------------------------------------------------------------------------
  // 8. Interrupted sync

  describe.each(VERSIONS)('sync interrupted after its first page, then run again (%s)', (version) => {
    // The product reads 500 transactions a page: 40 a month over 14 months puts ~600 on the checking account.
    const BIG: BridgeSandboxOptions = { ...SANDBOX, seed: 11, historyMonths: 14, transactionsPerMonth: 40 };
    let failing: SandboxServer;
    let clean: SandboxServer;

    beforeAll(async () => {
      failing = await createBridgeSandbox(BIG).listen();
      // The same seed, clock and e-mail give the same bank data: the reference of a sync that never failed.
      clean = await createBridgeSandbox(BIG).listen();
    });

    afterAll(async () => {
      await failing?.close();
      await clean?.close();
    });

    it('should keep the committed first page, then end with exactly the lines of a clean sync', async () => {
      const email = `interrupted-${version}@cabinet.fr`;
      const settings = { includeOlderLines: true }; // the whole history goes into the statement, both pages
      const scene = await connectedScene(version, email, settings, NOVEMBER, failing);
      const control = sandboxControl(failing.url, failing.controlToken);
      const path = version === V3 ? '/v3/aggregation/transactions' : `/v2/accounts/${scene.checking.id}/transactions`;

      // Faults are consumed in request order and the 1st and 2nd pages share their path, so: hold the 1st page a moment
      // (a `slow` fault, used up by it), and while it is held queue the 503s that will meet the 2nd page, one per attempt.
      await control.post('/faults', { path, method: 'GET', kind: 'slow', delayMs: 1000, times: 1 });
      // The 503 is the point of this test: keep the filter's stack trace out of the output.
      Logger.overrideLogger(false);
      const failed = await (async () => {
        try {
          const interrupted = syncStatement(scene, scene.statementId).then((response) => response);
          await waitUntil(async () => (await control.get<{ faults: unknown[] }>('/faults')).faults.length === 0);
          await control.post('/faults', { path, method: 'GET', kind: 'status', status: 503, times: MAX_RETRIES + 1 });
          return await interrupted;
        } finally {
          Logger.overrideLogger(['error']);
        }
      })();
      expect(failed.status).toBe(503);
      expect(failed.body.message).toMatch(new RegExp(`after ${MAX_RETRIES + 1} attempt\\(s\\) \\(last: HTTP 503\\)`));
      expect((await control.get<{ faults: unknown[] }>('/faults')).faults).toEqual([]);
      // The first page was committed on its own; no line was filed and the cursor did not move.
      expect(await mirrorOf(scene)).toHaveLength(500);
      expect(await linesOf(scene.statementId)).toEqual([]);
      const cursors = await t.dataSource.query(
        'SELECT COUNT(*) AS count FROM bank_account_sync_cursor WHERE bankAccountId = ?',
        [scene.bankAccountId],
      );
      expect(Number(cursors[0].count)).toBe(0);

      const rerun = await scene.sync();
      const [mirror, served] = [await mirrorOf(scene), await servedTo(scene, ['checking'], failing)];
      expect(mirror.length).toBeGreaterThan(500);
      expect(rerun).toMatchObject({ status: 'synced', imported: served.length, updated: 0, removed: 0, skipped: 0 });
      const lines = keysOf(await linesOf(scene.statementId));
      expect(lines).toEqual(expectedLines(served, { ...DEFAULT_RULES, includeOlder: true }, NOVEMBER, version));

      const reference = await connectedScene(version, email, settings, NOVEMBER, clean);
      expect(await reference.sync()).toMatchObject({ status: 'synced', imported: served.length });
      expect(lines).toEqual(keysOf(await linesOf(reference.statementId)));
      // Three connected scenes and four syncs of ~600 operations: on MariaDB on a busy machine, beyond Jest's default 5 s.
    }, 30_000);
  });
});

// -----------------------------------------------------------------------------------------------------------------
// The rules, in this test's words (docs/rules.md#line-rules), applied to the operations the sandbox serves.

/**
 * The lines a statement of `period` receives from these operations:
 * - a deleted operation never makes a line;
 * - a deferred total (`deferred_debit_card`) is left out when a card account feeds the journal, unless "keep deferred
 *   total" is on (the card's own lines stand for it). 2021-06-01 sends no operation_type, so there no operation is
 *   known to be a deferred total;
 * - a `future` operation makes no line, except a card line with "include future lines";
 * - a card line is dated by the card dating mode (cardLineDay), any other line on its `date`;
 * - the line goes in when its date is in the period, or before it with "include older lines";
 * - its label is the bank's original label, or the cleaned one with "use cleaned label" (the other one when the chosen
 *   one is empty).
 */
function expectedLines(served: SandboxOperation[], rules: Rules, period: Period, version: BridgeVersion): LineKey[] {
  const operationType = (operation: SandboxOperation): string | null =>
    version === V3 ? operation.operationType : null;
  const deferredDebitDays = served
    .filter((operation) => operationType(operation) === 'deferred_debit_card' && !operation.deleted)
    .map((operation) => operation.date)
    .sort();
  const lines: LineKey[] = [];
  for (const operation of served) {
    const deferredTotal = operationType(operation) === 'deferred_debit_card';
    const cardLine = operation.accountType === 'card' && !deferredTotal;
    if (
      operation.deleted ||
      (deferredTotal && rules.cardFed && !rules.keepDeferredTotal) ||
      (operation.future && !(cardLine && rules.includeFuture))
    ) {
      continue;
    }
    const date = cardLine ? cardLineDay(operation, rules.mode, deferredDebitDays) : operation.date;
    const inPeriod = date >= period.dateStart && (period.dateEnd === null || date <= period.dateEnd);
    if (inPeriod || (rules.includeOlder && date < period.dateStart)) {
      const [chosen, other] = rules.cleanLabel
        ? [operation.cleanLabel, operation.originalLabel]
        : [operation.originalLabel, operation.cleanLabel];
      lines.push({
        bridgeTransactionId: operation.bridgeTransactionId,
        date,
        label: chosen || other,
        amount: operation.amount,
      });
    }
  }
  return lines.sort(byTransactionId);
}

/**
 * transaction: the purchase day (`transaction_date`, else `date`). debit: the day the purchase's deferred total is
 * debited: its `booking_date` when later than the purchase, else the first deferred debit (not deleted) of the journal's
 * accounts on or after the purchase day (a purchase made on a debit day is in that day's total), else its `value_date`,
 * else its `date`.
 */
function cardLineDay(operation: SandboxOperation, mode: CardDatingMode, deferredDebitDays: string[]): string {
  const purchase = operation.transactionDate ?? operation.date;
  if (mode === 'transaction') return purchase;
  if (operation.bookingDate !== null && operation.bookingDate > purchase) return operation.bookingDate;
  return deferredDebitDays.find((day) => day >= purchase) ?? operation.valueDate ?? operation.date;
}

/** The debit day of a settled purchase, checked against the deferred debit of its month (the sandbox's README). */
function settlementDay(served: SandboxOperation[], purchase: SandboxOperation): string {
  const { debit } = deferredTotals(served, purchase.transactionDate!.slice(0, 7));
  expect(purchase.bookingDate).toBe(debit.date);
  return debit.date;
}

/** The month's settlement: the checking debit and the card credit (found by label: v2 carries no operation_type). */
function deferredTotals(
  served: SandboxOperation[],
  month: string,
): { debit: SandboxOperation; credit: SandboxOperation } {
  const ofMonth = served.filter((operation) => operation.date.startsWith(month));
  const debit = ofMonth.filter(
    (operation) => operation.accountType === 'checking' && / RELEVE DIFFERE$/.test(operation.originalLabel),
  );
  const credit = ofMonth.filter(
    (operation) => operation.accountType === 'card' && /^REGLEMENT RELEVE CARTE /.test(operation.originalLabel),
  );
  expect([debit.length, credit.length]).toEqual([1, 1]);
  return { debit: debit[0]!, credit: credit[0]! };
}

/** Sum of the statement's lines dated up to `day`. */
function movementUntil(lines: StatementLineResponse[], day: string): string {
  return sumMoney(lines.filter((line) => line.date <= day).map((line) => line.amount));
}

/** Sum of the checking account's booked operations dated from `from` to `to`. */
function checkingMovement(served: SandboxOperation[], from: string, to: string): string {
  return sumMoney(
    served
      .filter(
        (operation) =>
          operation.accountType === 'checking' &&
          !operation.future &&
          !operation.deleted &&
          operation.date >= from &&
          operation.date <= to,
      )
      .map((operation) => operation.amount),
  );
}

function byTransactionId(a: LineKey, b: LineKey): number {
  return a.bridgeTransactionId - b.bridgeTransactionId;
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
