import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';

import type { BankAccount } from '../bank-accounts/bank-account.entity.js';
import { ACCOUNT_TYPE_MAX } from '../bridge/bridge-mappers.js';
import { BridgeClient } from '../bridge/bridge.client.js';
import { BridgeDataError, BridgeError } from '../bridge/bridge.errors.js';
import type {
  BridgeAccount,
  BridgeConnection,
  BridgeTransaction,
  BridgeUser,
  RejectedTransaction,
} from '../bridge/bridge.types.js';
import { readAhead } from '../common/async/read-ahead.js';
import { Clock } from '../common/clock/clock.js';
import { ConflictError, NotFoundError } from '../common/errors/domain-errors.js';
import { isMoney } from '../common/money/money.js';
import { StatementImportService, type DecideLine, type MirrorRow } from '../statements/statement-import.service.js';
import { decideLine, lowestLatestDate, type LineSettings } from './line-rules.js';
import { BankAccountSyncCursor } from './sync-cursor.entity.js';
import { SyncInterruptedError } from './sync-errors.js';
import type { SyncCounts } from './sync-result.js';

const LABEL_MAX = 500;
// How many skipped rows the Synchro's answer names; the log names every one.
const REJECTED_SHOWN = 3;
// Bridge stamps may land slightly out of order: re-read a margin before the cursor (rows are upserted, never doubled),
// as long as that margin holds at most one page of rows. A history Bridge stamped at one instant is never re-read.
const CURSOR_OVERLAP_MS = 2 * 60_000;
const CURSOR_OVERLAP_ROWS = 500;

export interface ImportResult {
  counts: SyncCounts;
  /** What the person should know (French, shown as is): operations Bridge sent that could not be stored. */
  warnings: string[];
}

/** What a run has committed so far, for the answer when Bridge stops it half-way. */
interface SavedProgress {
  pages: number;
  operations: number;
  accounts: Set<number>;
}

/** A row skipped while mirroring, with the Bridge account it came from. */
interface Skipped extends RejectedTransaction {
  bridgeAccountId: number;
}

/** The rows a run skipped: how many, and the first few for the answer (the log names each one). */
interface Drift {
  count: number;
  examples: Skipped[];
}

export interface ImportParams {
  /** Read again by the importer: it runs under the bank account's lock, where the statement cannot change. */
  statementId: number;
  bankAccount: BankAccount;
  feeding: BridgeAccount[];
  connection: BridgeConnection;
  user: BridgeUser;
}

/**
 * docs/rules.md#the-mirror-and-its-cursor: mirrors Bridge transactions page by page (batched writes, memory independent of history size),
 * moves each account's cursor only once its whole listing is committed, applies bank-side changes to the lines, then
 * files the unassigned operations of the period into the statement. Run under the bank account's lock. The mirror and
 * the lines are the statements module's tables: this hands them the rows and the line rules (`StatementImportService`).
 */
@Injectable()
export class StatementImporter {
  private readonly logger = new Logger(StatementImporter.name);

  constructor(
    @InjectRepository(BankAccountSyncCursor) private readonly cursors: Repository<BankAccountSyncCursor>,
    private readonly statements: StatementImportService,
    private readonly bridge: BridgeClient,
    private readonly clock: Clock,
  ) {}

  async run(params: ImportParams): Promise<ImportResult> {
    // Fresh, under the lock: a statement closed or narrowed since the Synchro's first checks is seen as it is now.
    const statement = await this.statements.currentStatement(params.statementId);
    if (!statement) {
      throw new NotFoundError('Statement', params.statementId);
    }
    if (statement.state === 'closed') {
      throw new ConflictError(
        'statement.closed',
        `Statement ${statement.id} is closed: reopen it before running the Synchro`,
      );
    }
    const counts: SyncCounts = { imported: 0, updated: 0, removed: 0, skipped: 0, reviewRequired: 0, rejected: 0 };
    const drift: Drift = { count: 0, examples: [] };
    const saved: SavedProgress = { pages: 0, operations: 0, accounts: new Set() };
    try {
      for (const account of params.feeding) {
        await this.mirrorAccount(params, account, drift, saved);
      }
    } catch (error) {
      // Pages already read stay committed, with their pending line work: the answer must not say nothing changed.
      if (error instanceof BridgeError && saved.pages > 0) {
        throw new SyncInterruptedError(error, statement.id, saved);
      }
      throw error;
    }
    counts.rejected = drift.count;
    const settings = lineSettings(params.bankAccount, params.feeding);
    const deferredDates = await this.statements.deferredDebitDates(params.bankAccount.id);
    const decide: DecideLine = (row) => decideLine(row, settings, deferredDates);
    const followed = await this.statements.applyBankChanges(params.bankAccount.id, decide);
    counts.updated += followed.updated;
    counts.removed += followed.removed;
    counts.reviewRequired += followed.reviewRequired;
    const lowest = params.bankAccount.includeOlderLines
      ? null
      : lowestLatestDate(statement.dateStart, settings.cardDatingMode, deferredDates);
    const filed = await this.statements.fileUnassigned(statement, params.bankAccount, decide, lowest);
    counts.imported += filed.imported;
    counts.skipped += filed.skipped;
    this.logger.log(
      `Statement ${statement.id} (bank account ${params.bankAccount.id}) synced: ${counts.imported} imported, ${counts.updated} updated, ${counts.removed} removed, ${counts.skipped} left out, ${counts.reviewRequired} to review, ${counts.rejected} invalid at Bridge`,
    );
    return { counts, warnings: drift.count > 0 ? [driftWarning(drift)] : [] };
  }

  /**
   * Mirrors one Bridge account. A row with a value the mirror cannot store exactly is skipped and reported (`drift`),
   * never stored: the rest of its page goes on. A page with no usable row at all is a change of Bridge's answers, not a
   * stray value: the Synchro stops there, naming the field.
   */
  private async mirrorAccount(
    params: ImportParams,
    account: BridgeAccount,
    drift: Drift,
    saved: SavedProgress,
  ): Promise<void> {
    const cursor = await this.cursors.findOneBy({ bankAccountId: params.bankAccount.id, bridgeAccountId: account.id });
    const since = cursor ? await this.since(params.bankAccount.id, account.id, cursor.updatedAt) : undefined;
    let newest = cursor?.updatedAt ?? null;

    // The next page is fetched and read while this one is written (its failure surfaces after this one is saved).
    const pages = readAhead(
      this.bridge.transactionPages(params.connection, params.user, { accountId: account.id, since }),
    );
    for await (const page of pages) {
      const storable: BridgeTransaction[] = [];
      const skipped = page.rejected.map((row) => ({ ...row, bridgeAccountId: account.id }));
      for (const transaction of page.transactions) {
        const problem = unstorable(account, transaction);
        if (problem) skipped.push({ bridgeId: String(transaction.id), bridgeAccountId: account.id, ...problem });
        else storable.push(transaction);
      }
      for (const row of skipped) {
        this.logger.warn(
          `Bridge transaction ${row.bridgeId ?? '(no id)'} of account ${account.id} (bank account ${params.bankAccount.id}) was not stored: "${row.field}" ${row.reason}`,
        );
      }
      if (storable.length === 0 && skipped.length > 0) {
        const [first] = skipped;
        throw new BridgeDataError(
          `Bridge sent a page of ${skipped.length} operation(s) of account ${account.id} and none can be stored: transaction ${first!.bridgeId ?? '(no id)'} "${first!.field}" ${first!.reason}${skipped.length > 1 ? ` (and ${skipped.length - 1} more)` : ''}; nothing of that page was stored`,
        );
      }
      drift.count += skipped.length;
      drift.examples.push(...skipped.slice(0, REJECTED_SHOWN - drift.examples.length));
      // Each page is committed on its own: a failure later leaves the cursor where it was, and the rerun re-reads.
      await this.statements.mirrorPage(
        storable.map((transaction) => mirrorRow(params.bankAccount.id, account, transaction)),
      );
      saved.pages++;
      saved.operations += storable.length;
      saved.accounts.add(account.id);
      for (const transaction of storable) {
        if (newest === null || Date.parse(transaction.updatedAt) > Date.parse(newest)) newest = transaction.updatedAt;
      }
    }
    if (newest !== null && newest !== cursor?.updatedAt) {
      if (cursor) {
        await this.cursors.update(cursor.id, { updatedAt: newest, syncedAt: this.clock.now() });
      } else {
        await this.cursors.insert({
          bankAccountId: params.bankAccount.id,
          bridgeAccountId: account.id,
          updatedAt: newest,
          syncedAt: this.clock.now(),
        });
      }
    }
  }

  /**
   * docs/rules.md#the-mirror-and-its-cursor: where the account's listing starts again. The cursor minus the overlap
   * when the mirror holds at most CURSOR_OVERLAP_ROWS rows stamped in that margin, else the cursor itself.
   */
  private async since(bankAccountId: number, bridgeAccountId: number, cursorUpdatedAt: string): Promise<string> {
    const overlapStart = new Date(Date.parse(cursorUpdatedAt) - CURSOR_OVERLAP_MS);
    const inOverlap = await this.statements.rowsStampedSince(
      bankAccountId,
      bridgeAccountId,
      overlapStart,
      CURSOR_OVERLAP_ROWS + 1,
    );
    return inOverlap <= CURSOR_OVERLAP_ROWS ? overlapStart.toISOString() : cursorUpdatedAt;
  }
}

function lineSettings(bankAccount: BankAccount, feeding: BridgeAccount[]): LineSettings {
  return {
    useCleanLabel: bankAccount.useCleanLabel,
    cardDatingMode: bankAccount.cardDatingMode,
    cardKeepDeferredTotal: bankAccount.cardKeepDeferredTotal,
    cardIncludeFuture: bankAccount.cardIncludeFuture,
    cardAccountFed: feeding.some((account) => account.type === 'card'),
  };
}

function mirrorRow(bankAccountId: number, account: BridgeAccount, transaction: BridgeTransaction): MirrorRow {
  return {
    bankAccountId,
    bridgeAccountId: account.id,
    bridgeTransactionId: transaction.id,
    bridgeItemId: account.itemId,
    accountType: account.type,
    cleanLabel: bounded(transaction.cleanLabel, LABEL_MAX),
    originalLabel: bounded(transaction.originalLabel, LABEL_MAX),
    amount: transaction.amount,
    currency: transaction.currency,
    date: transaction.date,
    transactionDate: transaction.transactionDate,
    bookingDate: transaction.bookingDate,
    valueDate: transaction.valueDate,
    operationType: transaction.operationType,
    categoryId: transaction.categoryId,
    future: transaction.future,
    deleted: transaction.deleted,
    bridgeUpdatedAt: new Date(transaction.updatedAt),
  };
}

/** Labels are kept to the column's size, cut on a character (never inside a surrogate pair, which utf8mb4 refuses). */
function bounded(text: string, max: number): string {
  const characters = [...text];
  return characters.length > max ? characters.slice(0, max).join('') : text;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The last guard before the mirror, whatever the client: each value must fit its column exactly (the client's readers
 * check Bridge's JSON; this checks what reaches the database, e.g. an account type longer than the column).
 */
function unstorable(
  account: BridgeAccount,
  transaction: BridgeTransaction,
): Pick<RejectedTransaction, 'field' | 'value' | 'reason'> | null {
  const checks: [string, unknown, boolean, string][] = [
    ['amount', transaction.amount, isMoney(transaction.amount), 'is not an amount of at most 16 digits and 2 decimals'],
    ['currency_code', transaction.currency, /^[A-Z]{3}$/.test(transaction.currency), 'is not a 3-letter currency code'],
    ['date', transaction.date, DAY.test(transaction.date), 'is not a date YYYY-MM-DD'],
    [
      'booking_date',
      transaction.bookingDate,
      transaction.bookingDate === null || DAY.test(transaction.bookingDate),
      'is not a date YYYY-MM-DD',
    ],
    [
      'transaction_date',
      transaction.transactionDate,
      transaction.transactionDate === null || DAY.test(transaction.transactionDate),
      'is not a date YYYY-MM-DD',
    ],
    [
      'value_date',
      transaction.valueDate,
      transaction.valueDate === null || DAY.test(transaction.valueDate),
      'is not a date YYYY-MM-DD',
    ],
    [
      'updated_at',
      transaction.updatedAt,
      transaction.updatedAt.length <= 40 && Number.isFinite(Date.parse(transaction.updatedAt)),
      'is not an instant',
    ],
    [
      'operation_type',
      transaction.operationType,
      transaction.operationType === null || transaction.operationType.length <= 40,
      'is longer than 40 characters',
    ],
    [
      'account type',
      account.type,
      account.type.length <= ACCOUNT_TYPE_MAX,
      `is longer than ${ACCOUNT_TYPE_MAX} characters`,
    ],
  ];
  const failed = checks.find(([, , ok]) => !ok);
  return failed ? { field: failed[0], value: String(failed[1]).slice(0, 40), reason: failed[3] } : null;
}

/** French, for the Synchro's answer: how many operations were left at Bridge, and the first ones with their field. */
function driftWarning(drift: Drift): string {
  const shown = drift.examples
    .map(
      (row) =>
        `opération ${row.bridgeId ?? 'sans identifiant'} du compte Bridge ${row.bridgeAccountId}, champ « ${row.field} » : ${row.value}`,
    )
    .join(' ; ');
  const more = drift.count > drift.examples.length ? ` ; et ${drift.count - drift.examples.length} autre(s)` : '';
  return `${drift.count} opération(s) envoyée(s) par Bridge n’ont pas été importées, car une de leurs valeurs est invalide (${shown}${more}). Elles le seront quand Bridge les aura corrigées.`;
}
