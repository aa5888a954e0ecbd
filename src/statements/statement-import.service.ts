import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import Big from 'big.js';
import { In, MoreThanOrEqual, type DataSource, type EntityManager, type Repository } from 'typeorm';

import type { BankAccount } from '../bank-accounts/bank-account.entity.js';
import { Clock } from '../common/clock/clock.js';
import { afterCondition } from '../common/pagination/keyset.js';
import { insertRows } from '../database/bulk-insert.js';
import { BankStatement } from './bank-statement.entity.js';
import { BankTransaction } from './bank-transaction.entity.js';
import { takeLineSeq } from './line-changes.js';
import { MirrorFilingCursor } from './mirror-filing-cursor.entity.js';
import { MirrorUpsert, type MirrorValues } from './mirror-upsert.js';
import { StatementLineTombstone } from './statement-line-tombstone.entity.js';
import { StatementLine } from './statement-line.entity.js';
import { changeTotals } from './statement-totals.js';

// Rows per INSERT: 10 parameters each, far below both engines' limits.
const INSERT_CHUNK = 500;
const SCAN_CHUNK = 1000;

/** A mirror row as the Synchro hands it over: a Bridge transaction of one of the bank account's Bridge accounts. */
export type MirrorRow = Omit<MirrorValues, 'latestDate'>;

/** The latest of a mirrored operation's own dates (`BankTransaction.latestDate`); YYYY-MM-DD strings sort as dates. */
export function latestOwnDate(row: Pick<MirrorRow, 'date' | 'transactionDate' | 'bookingDate' | 'valueDate'>): string {
  return [row.transactionDate, row.bookingDate, row.valueDate].reduce<string>(
    (latest, date) => (date !== null && date > latest ? date : latest),
    row.date,
  );
}

/** Whether a mirrored operation is a line of the journal, on which date and with which label (the Synchro's rules). */
export type LineDecision =
  { kind: 'line'; date: string; label: string } | { kind: 'skip'; reason: 'deleted' | 'future' | 'deferred_total' };

export type DecideLine = (row: BankTransaction) => LineDecision;

/** What following the bank did to the lines already filed. */
export interface BankChangeCounts {
  updated: number;
  removed: number;
  reviewRequired: number;
}

/** What filing the unassigned operations did. */
export interface FilingCounts {
  imported: number;
  skipped: number;
}

/**
 * The statements' side of the Synchro: it writes the mirror of the bank's operations (`bank_transaction`) and the
 * statement lines the Synchro decides, in batches and in the transactions that keep a stopped run resumable (the
 * `lineStale` marker). The caller holds the bank account's lock (`StatementsService.withBankAccountLock`) throughout.
 */
@Injectable()
export class StatementImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(BankStatement) private readonly statements: Repository<BankStatement>,
    @InjectRepository(BankTransaction) private readonly mirror: Repository<BankTransaction>,
    @InjectRepository(MirrorFilingCursor) private readonly filingCursors: Repository<MirrorFilingCursor>,
    private readonly clock: Clock,
  ) {
    this.upsert = new MirrorUpsert(dataSource);
  }

  private readonly upsert: MirrorUpsert;

  /** The statement as it is now (read under the lock, where it cannot change); null when it is gone. */
  currentStatement(id: number): Promise<BankStatement | null> {
    return this.statements.findOneBy({ id });
  }

  /**
   * One page of one Bridge account, in one statement (MirrorUpsert): new rows inserted, changed rows given the bank's
   * values with their line marked stale, in the same statement. An older copy of a row never overwrites a newer one.
   */
  async mirrorPage(rows: MirrorRow[]): Promise<void> {
    if (rows.length === 0) {
      return;
    }
    // A page naming a row twice keeps its last copy, as Bridge's listing would be read.
    const unique = new Map(rows.map((row) => [row.bridgeTransactionId, row]));
    await this.upsert.write(
      this.dataSource.manager,
      [...unique.values()].map((row) => ({ ...row, latestDate: latestOwnDate(row) })),
      this.clock.now(),
    );
  }

  /**
   * Bank-side updates and deletions, from the rows the mirror marked stale (whatever run marked them): unposted lines
   * follow; posted lines (or lines of a closed statement) are flagged. Each chunk clears its marks in the transaction
   * that re-decides its lines, so a stop anywhere leaves exactly the remaining work.
   */
  async applyBankChanges(bankAccountId: number, decide: DecideLine): Promise<BankChangeCounts> {
    const counts: BankChangeCounts = { updated: 0, removed: 0, reviewRequired: 0 };
    let lastId = 0;
    for (;;) {
      const rows = await this.dataSource.transaction(async (manager) => {
        const stale = await manager
          .createQueryBuilder(BankTransaction, 'tx')
          .where('tx.bankAccountId = :bankAccountId', { bankAccountId })
          .andWhere('tx.lineStale = 1')
          .andWhere('tx.id > :lastId', { lastId })
          // In the order of IDX_bank_transaction_line_stale, never along the primary key (see fileUnassigned).
          .orderBy('tx.bankAccountId', 'ASC')
          .addOrderBy('tx.lineStale', 'ASC')
          .addOrderBy('tx.id', 'ASC')
          .limit(SCAN_CHUNK)
          .getMany();
        if (stale.length === 0) {
          return stale;
        }
        const byId = new Map(stale.map((row) => [row.id, row]));
        const lines = await manager.find(StatementLine, {
          where: { bankTransactionId: In([...byId.keys()]) },
          relations: { statement: true },
        });
        for (const line of lines) {
          await followBank(manager, line, byId.get(line.bankTransactionId!)!, decide, counts, this.clock.now());
        }
        await manager.update(BankTransaction, { id: In([...byId.keys()]) }, { lineStale: false });
        return stale;
      });
      if (rows.length === 0) {
        return counts;
      }
      lastId = rows.at(-1)!.id;
    }
  }

  /**
   * docs/rules.md#filing-lines-into-a-statement: files the bank account's mirrored operations that have no line yet
   * into the statement: those of its period, and older ones when the bank account includes them. Two reads, both
   * through an index, neither of the history: the rows filing left out before (`unfiled`) whose latest own date is
   * from `lowestLatestDate` on (earlier ones cannot be dated in the period; null: no bound), then the rows new to
   * filing (after the journal's `MirrorFilingCursor`). Each chunk's lines, marks and cursor move in one transaction.
   */
  async fileUnassigned(
    statement: BankStatement,
    bankAccount: Pick<BankAccount, 'id' | 'includeOlderLines'>,
    decide: DecideLine,
    lowestLatestDate: string | null,
  ): Promise<FilingCounts> {
    const counts: FilingCounts = { imported: 0, skipped: 0 };
    const waiting = () =>
      this.mirror
        .createQueryBuilder('tx')
        .where('tx.bankAccountId = :bankAccountId', { bankAccountId: bankAccount.id })
        .andWhere('tx.unfiled = 1')
        .andWhere('tx.deleted = 0');
    if (lowestLatestDate !== null) {
      // Left out without being read: counted on the index, for the answer's `skipped`.
      counts.skipped += await waiting().andWhere('tx.latestDate < :lowest', { lowest: lowestLatestDate }).getCount();
    }

    let after: { latestDate: string; id: number } | null = null;
    for (;;) {
      const query = waiting();
      if (lowestLatestDate !== null) query.andWhere('tx.latestDate >= :lowest', { lowest: lowestLatestDate });
      if (after !== null) {
        query.andWhere(afterCondition('tx.latestDate', 'tx.id', 'ASC'), {
          afterValue: after.latestDate,
          afterId: after.id,
        });
      }
      const rows = await query.orderBy('tx.latestDate', 'ASC').addOrderBy('tx.id', 'ASC').limit(SCAN_CHUNK).getMany();
      if (rows.length === 0) break;
      const { lines, leftOut } = linesOf(rows, statement, bankAccount, decide);
      await this.dataSource.transaction(async (manager) => {
        await this.insertLines(manager, statement.id, lines);
        if (lines.length > 0) {
          const filed = lines.map((line) => line.bankTransactionId!);
          await manager.update(BankTransaction, { id: In(filed) }, { unfiled: false });
        }
      });
      counts.imported += lines.length;
      counts.skipped += leftOut.length;
      const last = rows.at(-1)!;
      after = { latestDate: normalizeDate(last.latestDate!), id: last.id };
    }

    let through = (await this.filingCursors.findOneBy({ bankAccountId: bankAccount.id }))?.examinedThroughId;
    if (through === undefined) {
      await this.filingCursors.insert({ bankAccountId: bankAccount.id, examinedThroughId: 0 });
      through = 0;
    }
    for (;;) {
      const rows: BankTransaction[] = await this.mirror
        .createQueryBuilder('tx')
        .where('tx.bankAccountId = :bankAccountId', { bankAccountId: bankAccount.id })
        .andWhere('tx.id > :through', { through })
        // In the order of IDX_bank_transaction_account_id: ordered by id alone, MariaDB walked the primary key through
        // every later journal's rows (0.5 s per Synchro in a database of 100 journals).
        .orderBy('tx.bankAccountId', 'ASC')
        .addOrderBy('tx.id', 'ASC')
        .limit(SCAN_CHUNK)
        .getMany();
      if (rows.length === 0) break;
      const { lines, leftOut } = linesOf(rows, statement, bankAccount, decide);
      const last = rows.at(-1)!.id;
      await this.dataSource.transaction(async (manager) => {
        await this.insertLines(manager, statement.id, lines);
        if (leftOut.length > 0) {
          await manager.update(BankTransaction, { id: In(leftOut.map((row) => row.id)) }, { unfiled: true });
        }
        await manager.update(MirrorFilingCursor, { bankAccountId: bankAccount.id }, { examinedThroughId: last });
      });
      counts.imported += lines.length;
      // Deleted operations were never counted as left out of a statement: Bridge no longer shows them.
      counts.skipped += leftOut.filter((row) => !row.deleted).length;
      through = last;
    }
    return counts;
  }

  /** The statement's new lines, in the caller's transaction: their numbers of the changes feed, the statement's totals. */
  private async insertLines(manager: EntityManager, statementId: number, lines: Partial<StatementLine>[]) {
    if (lines.length === 0) return;
    // The statement's row first: its totals move with the lines (and it is locked before any line is written).
    await changeTotals(manager, statementId, {
      lines: lines.length,
      amount: lines.reduce((sum, line) => sum.plus(line.amount!), new Big(0)),
    });
    // docs/rules.md#changes-feed: each new line takes its number of the changes feed.
    const first = await takeLineSeq(manager, lines.length);
    lines.forEach((line, index) => {
      line.createdSeq = first + index;
      line.changeSeq = first + index;
    });
    for (let index = 0; index < lines.length; index += INSERT_CHUNK) {
      await insertRows(manager, StatementLine, lines.slice(index, index + INSERT_CHUNK), this.clock.now());
    }
  }

  /**
   * How many mirrored rows of one Bridge account carry a stamp at or after `instant`, counted up to `limit` (an index
   * range, never the account's whole history).
   */
  async rowsStampedSince(
    bankAccountId: number,
    bridgeAccountId: number,
    instant: Date,
    limit: number,
  ): Promise<number> {
    const rows = await this.mirror.find({
      select: { id: true },
      where: { bankAccountId, bridgeAccountId, bridgeUpdatedAt: MoreThanOrEqual(instant) },
      take: limit,
    });
    return rows.length;
  }

  /** The sorted dates of the bank account's deferred card debits still at the bank (for the card dating rule). */
  async deferredDebitDates(bankAccountId: number): Promise<string[]> {
    const rows: { date: string }[] = await this.mirror
      .createQueryBuilder('tx')
      .select('DISTINCT tx.date', 'date')
      .where('tx.bankAccountId = :bankAccountId', { bankAccountId })
      .andWhere("tx.operationType = 'deferred_debit_card'")
      .andWhere('tx.deleted = 0') // IDX_bank_transaction_operation: the deferred rows only
      .orderBy('tx.date', 'ASC')
      .getRawMany();
    return rows.map((row) => normalizeDate(row.date));
  }
}

/** The lines the rules give these rows in this statement, and the rows left out of it. */
function linesOf(
  rows: BankTransaction[],
  statement: BankStatement,
  bankAccount: Pick<BankAccount, 'includeOlderLines'>,
  decide: DecideLine,
): { lines: Partial<StatementLine>[]; leftOut: BankTransaction[] } {
  const lines: Partial<StatementLine>[] = [];
  const leftOut: BankTransaction[] = [];
  for (const row of rows) {
    const decision = decide(row);
    const inPeriod =
      decision.kind === 'line' &&
      decision.date >= statement.dateStart &&
      (statement.dateEnd === null || decision.date <= statement.dateEnd);
    const older = decision.kind === 'line' && decision.date < statement.dateStart && bankAccount.includeOlderLines;
    if (decision.kind === 'line' && (inPeriod || older)) {
      lines.push({
        statementId: statement.id,
        bankTransactionId: row.id,
        date: decision.date,
        label: decision.label,
        amount: row.amount,
        currency: row.currency,
      });
    } else {
      leftOut.push(row);
    }
  }
  return { lines, leftOut };
}

async function followBank(
  manager: EntityManager,
  line: StatementLine,
  transaction: BankTransaction,
  decide: DecideLine,
  counts: BankChangeCounts,
  now: Date,
): Promise<void> {
  if (line.bankDeleted) {
    return; // reversed in the accounts already: the bank's later changes of it have nothing left to change
  }
  const decision = decide(transaction);
  const frozen = line.postedAt !== null || line.statement.state === 'closed';
  if (decision.kind === 'skip') {
    if (frozen) {
      await manager.update(StatementLine, line.id, {
        changeSeq: await takeLineSeq(manager),
        reviewRequired: true,
        reviewDeleted: true,
        reviewDate: null,
        reviewLabel: null,
        reviewAmount: null,
        reviewNote: `Supprimée par la banque (${decision.reason === 'deleted' ? 'opération supprimée' : 'opération devenue à venir ou regroupée'}) : la ligne passée en comptabilité est à revoir.`,
      });
      counts.reviewRequired++;
    } else {
      await manager.delete(StatementLine, line.id);
      await changeTotals(manager, line.statementId, { lines: -1, amount: new Big(line.amount).neg() });
      await manager.update(BankTransaction, transaction.id, { unfiled: true });
      await manager.insert(StatementLineTombstone, {
        lineId: line.id,
        statementId: line.statementId,
        changeSeq: await takeLineSeq(manager),
        removedAt: now,
      });
      counts.removed++;
    }
    return;
  }
  if (decision.date === line.date && decision.label === line.label && transaction.amount === line.amount) {
    if (line.reviewRequired) {
      // The bank went back to the values already posted: nothing is left to decide.
      await manager.update(StatementLine, line.id, {
        changeSeq: await takeLineSeq(manager),
        reviewRequired: false,
        reviewNote: null,
        reviewDeleted: false,
        reviewDate: null,
        reviewLabel: null,
        reviewAmount: null,
      });
    }
    return;
  }
  if (frozen) {
    await manager.update(StatementLine, line.id, {
      changeSeq: await takeLineSeq(manager),
      reviewRequired: true,
      reviewDeleted: false,
      reviewDate: decision.date,
      reviewLabel: decision.label,
      reviewAmount: transaction.amount,
      reviewNote: `Modifiée par la banque : date ${decision.date}, libellé « ${decision.label} », montant ${transaction.amount} ${transaction.currency}.`,
    });
    counts.reviewRequired++;
  } else {
    await manager.update(StatementLine, line.id, {
      changeSeq: await takeLineSeq(manager),
      date: decision.date,
      label: decision.label,
      amount: transaction.amount,
    });
    await changeTotals(manager, line.statementId, { amount: new Big(transaction.amount).minus(line.amount) });
    counts.updated++;
  }
}

// mysql2 may hand DATE back as a string already; SQLite too. Keep the YYYY-MM-DD part whatever the driver did.
function normalizeDate(value: string | Date): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}
