import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import Big from 'big.js';
import { In, type DataSource, type Repository } from 'typeorm';

import type { AccessScope } from '../auth/access-scope.js';
import type { BankAccount } from '../bank-accounts/bank-account.entity.js';
import { BankAccountsService } from '../bank-accounts/bank-accounts.service.js';
import { Clock } from '../common/clock/clock.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors.js';
import { toMoney, type Money } from '../common/money/money.js';
import { afterCondition, decodeAfter, keysetPage } from '../common/pagination/keyset.js';
import { pageWindow, type Page, type PageQueryDto } from '../common/pagination/page.js';
import { AppConfig } from '../config/app-config.js';
import { ColumnReader } from '../database/column-reader.js';
import { DatabaseLocks } from '../database/db-lock.js';
import { BalanceSnapshotsService, parisDay } from './balance-snapshots.service.js';
import { BankStatement } from './bank-statement.entity.js';
import { BankTransaction } from './bank-transaction.entity.js';
import type {
  CreateStatementDto,
  LineChangesPage,
  ListStatementsQueryDto,
  StatementLineResponse,
  StatementResponse,
  UpdateStatementDto,
} from './dto/statement.dto.js';
import { decodeCursor, encodeCursor } from './line-changes.js';
import { StatementLineTombstone } from './statement-line-tombstone.entity.js';
import { StatementLine } from './statement-line.entity.js';

/** What a line listing shows of each line and of its mirror row (presentLine). */
const LINE_COLUMNS = [
  'id',
  'statementId',
  'date',
  'label',
  'amount',
  'currency',
  'reviewRequired',
  'reviewNote',
  'reviewDeleted',
  'reviewDate',
  'reviewLabel',
  'reviewAmount',
  'reviewResolution',
  'bankDeleted',
  'postedAt',
] as const;
const LINE_MIRROR_COLUMNS = [
  'id',
  'cleanLabel',
  'originalLabel',
  'bridgeAccountId',
  'bridgeTransactionId',
  'accountType',
  'operationType',
  'transactionDate',
  'bookingDate',
  'valueDate',
] as const;

interface LineTotals {
  lineCount: number;
  total: string;
}

@Injectable()
export class StatementsService {
  constructor(
    @InjectRepository(BankStatement) private readonly statements: Repository<BankStatement>,
    @InjectRepository(StatementLine) private readonly lines: Repository<StatementLine>,
    @InjectRepository(StatementLineTombstone) private readonly tombstones: Repository<StatementLineTombstone>,
    private readonly bankAccounts: BankAccountsService,
    private readonly locks: DatabaseLocks,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly snapshots: BalanceSnapshotsService,
    @InjectDataSource() dataSource: DataSource,
  ) {
    this.lineReader = new ColumnReader(dataSource, StatementLine, 'line', LINE_COLUMNS);
    this.lineMirrorReader = new ColumnReader(dataSource, BankTransaction, 'bankTransaction', LINE_MIRROR_COLUMNS);
  }

  private readonly lineReader: ColumnReader<StatementLine, (typeof LINE_COLUMNS)[number]>;
  private readonly lineMirrorReader: ColumnReader<BankTransaction, (typeof LINE_MIRROR_COLUMNS)[number]>;

  /**
   * Runs `work` under the bank account's lock, which its Synchros and every change of its statements take: a check made
   * inside (no overlap, closed or not, lines within the period) stays true while the work runs, on every instance.
   * Waits `SYNC_LOCK_WAIT_MS` at most, then answers 409.
   */
  withBankAccountLock<T>(bankAccount: Pick<BankAccount, 'id' | 'journalCode'>, work: () => Promise<T>): Promise<T> {
    const waitMs = this.config.syncLockWaitMs;
    return this.locks.run(`bank-account-${bankAccount.id}`, work, {
      waitMs,
      busyCode: 'sync.busy',
      busyMessage: `Bank account ${bankAccount.id} (journal ${bankAccount.journalCode}) is busy: a Synchro or a change of one of its statements has been running for more than ${waitMs / 1000} s; try again when it has finished`,
    });
  }

  async create(input: CreateStatementDto, scope: AccessScope): Promise<StatementResponse> {
    const account = await this.bankAccounts.get(input.bankAccountId, scope, 'bankAccountId');
    const dateEnd = input.dateEnd ?? null;
    assertPeriod(input.dateStart, dateEnd);
    // Check and insert under the lock: two creations of one period at once make one statement.
    const statement = await this.withBankAccountLock(account, async () => {
      await this.assertNoOverlap(account.id, input.dateStart, dateEnd);
      return this.statements.save(
        this.statements.create({
          bankAccountId: account.id,
          name: input.name ?? defaultName(account, input.dateStart),
          dateStart: input.dateStart,
          dateEnd,
          balanceStart: input.balanceStart ?? '0.00',
          state: 'open',
        }),
      );
    });
    return this.present(statement, { lineCount: 0, total: '0' });
  }

  async list(query: ListStatementsQueryDto, scope: AccessScope): Promise<Page<StatementResponse>> {
    const { limit, offset } = pageWindow(query);
    const builder = this.statements
      .createQueryBuilder('statement')
      .innerJoin('statement.bankAccount', 'account')
      .orderBy('statement.dateStart', 'DESC')
      .addOrderBy('statement.id', 'DESC');
    const companyIds = scope.companyFilter(query.companyId);
    if (companyIds) {
      builder.andWhere('account.companyId IN (:...companyIds)', { companyIds: nonEmpty(companyIds) });
    }
    if (query.bankAccountId !== undefined) {
      builder.andWhere('statement.bankAccountId = :bankAccountId', { bankAccountId: query.bankAccountId });
    }
    if (query.state !== undefined) {
      builder.andWhere('statement.state = :state', { state: query.state });
    }
    // limit/offset, not take/skip: a statement has one bank account, and take() with a join makes TypeORM select the
    // ids of the whole list first.
    const [statements, total] = await builder.limit(limit).offset(offset).getManyAndCount();
    return {
      items: statements.map((statement) => this.present(statement, keptTotals(statement))),
      total,
      limit,
      offset,
    };
  }

  async get(id: number, scope: AccessScope): Promise<StatementResponse> {
    const statement = await this.getEntity(id, scope);
    return this.present(statement, keptTotals(statement));
  }

  /** Computed end balance and line count of several statements, in one query (back-office lists). */
  async summaries(ids: number[]): Promise<Map<number, { balanceEnd: string; lineCount: number }>> {
    const statements = ids.length > 0 ? await this.statements.findBy({ id: In(ids) }) : [];
    return new Map(
      statements.map((statement) => [
        statement.id,
        { balanceEnd: endBalance(statement, keptTotals(statement)), lineCount: statement.lineCount },
      ]),
    );
  }

  /**
   * What the statement page shows (docs/rules.md#the-statement-page): the bank balance the statement compares with
   * (at the period's end for a past period, the last Synchro's otherwise) and the lines awaiting a decision.
   */
  async pageFigures(
    id: number,
    scope: AccessScope,
  ): Promise<{
    statement: BankStatement;
    balanceEnd: string;
    bank: { balance: Money | null; day: string | null; pastPeriod: boolean };
    toReview: number;
    today: string;
  }> {
    const statement = await this.getEntity(id, scope);
    const toReview = await this.lines
      .createQueryBuilder('line')
      .where('line.statementId = :id', { id })
      .andWhere('line.reviewRequired = 1')
      .getCount();
    return {
      statement,
      balanceEnd: endBalance(statement, keptTotals(statement)),
      bank: await this.bankBalanceToCompare(statement),
      toReview,
      today: parisDay(this.clock.now()),
    };
  }

  /** The statement if the caller may see its bank account; 404 otherwise. */
  async getEntity(id: number, scope: AccessScope, field?: string): Promise<BankStatement> {
    // A query builder, not findOne: findOne with a relation first selects the ids apart (TypeORM's take with joins).
    const statement = await this.statements
      .createQueryBuilder('statement')
      .innerJoinAndSelect('statement.bankAccount', 'bankAccount')
      .where('statement.id = :id', { id })
      .getOne();
    if (!statement || !scope.canAccess(statement.bankAccount.companyId)) {
      throw new NotFoundError('Statement', id, field);
    }
    return statement;
  }

  async update(id: number, input: UpdateStatementDto, scope: AccessScope): Promise<StatementResponse> {
    const found = await this.getEntity(id, scope);
    const conflicts =
      input.dateStart !== undefined ||
      input.dateEnd !== undefined ||
      input.balanceStart !== undefined ||
      input.state !== undefined;
    if (!conflicts) {
      return this.applyUpdate(found, input);
    }
    // A change of period, start balance or state waits for a running Synchro of the bank account, then checks the
    // statement and its lines as they are once it has finished.
    return this.withBankAccountLock(found.bankAccount, async () =>
      this.applyUpdate(await this.getEntity(id, scope), input),
    );
  }

  private async applyUpdate(statement: BankStatement, input: UpdateStatementDto): Promise<StatementResponse> {
    const id = statement.id;
    const reopening = statement.state === 'closed' && input.state === 'open';
    const changesContent =
      input.dateStart !== undefined || input.dateEnd !== undefined || input.balanceStart !== undefined;
    if (statement.state === 'closed' && changesContent && !reopening) {
      throw new ConflictError(
        'statement.closed',
        `Statement ${id} is closed: reopen it (state "open") before changing its period or start balance`,
      );
    }

    const dateStart = input.dateStart ?? statement.dateStart;
    const dateEnd = input.dateEnd !== undefined ? input.dateEnd : statement.dateEnd;
    if (dateStart !== statement.dateStart || dateEnd !== statement.dateEnd) {
      assertPeriod(dateStart, dateEnd);
      await this.assertNoOverlap(statement.bankAccountId, dateStart, dateEnd, statement.id);
      await this.assertLinesWithin(statement.id, dateStart, dateEnd);
    }
    statement.dateStart = dateStart;
    statement.dateEnd = dateEnd;
    if (input.name !== undefined) statement.name = input.name;
    if (input.balanceStart !== undefined) statement.balanceStart = input.balanceStart;

    const totals = keptTotals(statement);
    if (input.state === 'closed' && statement.state !== 'closed') {
      const { forced } = await this.assertMayClose(statement, totals, input);
      statement.state = 'closed';
      statement.closeComment = input.closeComment || null;
      statement.forcedClose = forced;
      statement.closedAt = this.clock.now();
    } else if (reopening) {
      statement.state = 'open';
      statement.closeComment = null;
      statement.forcedClose = false;
      statement.closedAt = null;
    }
    return this.present(await this.statements.save(statement), totals);
  }

  /** The bank's balance of the statement's account as Bridge reported it, and when (the Synchro, under the lock). */
  async recordBankBalance(id: number, bankBalance: Money, at: Date): Promise<void> {
    const statement = await this.statements.findOneBy({ id });
    if (statement?.openingFromBank && statement.state === 'open') {
      // The opening that makes the computed end the bank's, once: later Synchros compare with it as with any other.
      const total = keptTotals(statement).total;
      const balanceStart = toMoney(new Big(bankBalance).minus(total).toFixed(2));
      await this.statements.update(id, { bankBalance, bankBalanceAt: at, balanceStart, openingFromBank: false });
      return;
    }
    await this.statements.update(id, { bankBalance, bankBalanceAt: at });
  }

  /** docs/rules.md#the-statement-page: the opening of this open statement will be taken from the bank at its first Synchro. */
  async takeOpeningFromBank(id: number): Promise<void> {
    await this.statements.update({ id, state: 'open' }, { openingFromBank: true });
  }

  /**
   * docs/rules.md#changes-feed: the changes of the statement's lines after the cursor, in the order of
   * the line-change sequence (ties, from one transaction, by line id), removed lines from their tombstones.
   */
  async lineChanges(
    statementId: number,
    query: { changedSince: string; limit?: number },
    scope: AccessScope,
  ): Promise<LineChangesPage> {
    await this.getEntity(statementId, scope);
    const after = decodeCursor(statementId, query.changedSince);
    const { limit } = pageWindow(query);
    const afterCondition = '(x.changeSeq > :seq OR (x.changeSeq = :seq AND x.{id} > :lineId))';
    const params = { statementId, seq: after.seq, lineId: after.lineId };
    const [lines, tombstones] = await Promise.all([
      this.lines
        .createQueryBuilder('x')
        .leftJoinAndSelect('x.bankTransaction', 'bankTransaction')
        .where('x.statementId = :statementId', params)
        .andWhere(afterCondition.replace('{id}', 'id'), params)
        .orderBy('x.changeSeq', 'ASC')
        .addOrderBy('x.id', 'ASC')
        .limit(limit + 1)
        .getMany(),
      this.tombstones
        .createQueryBuilder('x')
        .where('x.statementId = :statementId', params)
        .andWhere(afterCondition.replace('{id}', 'lineId'), params)
        .orderBy('x.changeSeq', 'ASC')
        .addOrderBy('x.lineId', 'ASC')
        .limit(limit + 1)
        .getMany(),
    ]);
    const changes = [
      ...lines.map((line) => ({
        seq: line.changeSeq,
        lineId: line.id,
        item: {
          change: line.createdSeq > after.seq ? ('created' as const) : ('updated' as const),
          id: line.id,
          line: presentLine(line),
        },
      })),
      ...tombstones.map((tombstone) => ({
        seq: tombstone.changeSeq,
        lineId: tombstone.lineId,
        item: { change: 'removed' as const, id: tombstone.lineId, line: null },
      })),
    ].sort((a, b) => a.seq - b.seq || a.lineId - b.lineId);
    const page = changes.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((change) => change.item),
      nextCursor: last ? encodeCursor(statementId, { seq: last.seq, lineId: last.lineId }) : query.changedSince,
      hasMore: changes.length > limit,
    };
  }

  /**
   * The statement's lines in date order: from `after` (keyset, through the (statement, date) index: the same cost at
   * any depth), else from `offset`. The total is the statement's kept count; one more line is read to tell whether
   * another page follows.
   */
  async listLines(
    statementId: number,
    query: PageQueryDto & { after?: string },
    scope: AccessScope,
  ): Promise<Page<StatementLineResponse>> {
    const statement = await this.getEntity(statementId, scope);
    const { limit, offset } = pageWindow(query);
    const list = `statement-lines:${statementId}`;
    const builder = this.lineReader.select(this.lines.createQueryBuilder('line'), true);
    this.lineMirrorReader
      .select(builder)
      .leftJoin('line.bankTransaction', 'bankTransaction')
      .where('line.statementId = :statementId', { statementId });
    if (query.after !== undefined) {
      const after = decodeAfter(list, query.after, /^\d{4}-\d{2}-\d{2}$/);
      builder.andWhere(afterCondition('line.date', 'line.id', 'ASC'), { afterValue: after.value, afterId: after.id });
    } else {
      builder.offset(offset);
    }
    // limit, not take: a line has one mirror row, and take() with a join makes TypeORM read every line's id first.
    const raw = await builder
      .orderBy('line.date', 'ASC')
      .addOrderBy('line.id', 'ASC')
      .limit(limit + 1)
      .getRawMany<Record<string, unknown>>();
    // Read column by column, not as entities: TypeORM's result transformer cost several times the query here.
    const rows = raw.map((row) => {
      const line = this.lineReader.read(row);
      const mirror = this.lineMirrorReader.read(row);
      return { ...line, bankTransaction: mirror.id === null ? null : mirror };
    });
    const page = keysetPage(rows, limit, list, (line) => ({ value: line.date, id: line.id }));
    return {
      items: page.items.map(presentLine),
      total: statement.lineCount + statement.reversedLineCount,
      limit,
      offset: query.after !== undefined ? 0 : offset,
      nextCursor: page.nextCursor,
    };
  }

  /**
   * docs/rules.md#closing-a-statement: a statement closes when every line is posted (zero lines need none), none awaits a decision
   * on a bank change, and its computed end balance is the bank's. Only the balance rule can be overridden: on purpose,
   * with `forceClose` and a reason, both recorded.
   */
  private async assertMayClose(
    statement: BankStatement,
    totals: LineTotals | undefined,
    input: UpdateStatementDto,
  ): Promise<{ forced: boolean }> {
    const lineCount = (condition: string) =>
      this.lines
        .createQueryBuilder('line')
        .where('line.statementId = :statementId', { statementId: statement.id })
        .andWhere(condition)
        .getCount();
    const toReview = await lineCount('line.reviewRequired = 1');
    if (toReview > 0) {
      throw new ConflictError(
        'statement.review_pending',
        `state: ${toReview} line(s) of statement ${statement.id} await a decision on a bank change: accept or reject each (POST statements/${statement.id}/lines/:lineId/accept-bank-change or reject-bank-change) before closing`,
        'state',
      );
    }
    const unposted = await lineCount('line.postedAt IS NULL AND line.bankDeleted = 0 AND line.amount <> 0');
    if (unposted > 0) {
      throw new ConflictError(
        'statement.unposted_lines',
        `state: ${unposted} line(s) of statement ${statement.id} are not posted to the accounts: post them first (POST statements/${statement.id}/post)`,
        'state',
      );
    }
    const balanceEnd = endBalance(statement, totals);
    const bank = await this.bankBalanceToCompare(statement);
    if (bank.balance !== null && new Big(balanceEnd).eq(bank.balance)) {
      return { forced: false };
    }
    if (!input.forceClose || !input.closeComment) {
      const known =
        bank.balance === null
          ? bank.pastPeriod
            ? `no bank balance is known within its period (no Synchro between ${statement.dateStart} and ${statement.dateEnd})`
            : 'no bank balance is known yet'
          : bank.pastPeriod
            ? `the bank balance at the period's end was ${bank.balance} (Synchro of ${bank.day})`
            : `the bank balance is ${bank.balance}`;
      throw new ConflictError(
        'statement.unbalanced',
        `state: statement ${statement.id} ends at ${balanceEnd} but ${known}; to close it anyway send forceClose: true with a closeComment`,
        'state',
      );
    }
    return { forced: true };
  }

  /**
   * The bank balance a close compares with (docs/rules.md#closing-a-statement): for a period that is over (its end before
   * today in Europe/Paris), the last snapshot of the journal's account within the period; otherwise the last Synchro's.
   */
  private async bankBalanceToCompare(
    statement: BankStatement,
  ): Promise<{ balance: Money | null; day: string | null; pastPeriod: boolean }> {
    if (statement.dateEnd !== null && statement.dateEnd < parisDay(this.clock.now())) {
      const snapshot = await this.snapshots.lastWithin(statement.bankAccountId, statement.dateStart, statement.dateEnd);
      return { balance: snapshot?.balance ?? null, day: snapshot?.day ?? null, pastPeriod: true };
    }
    return { balance: statement.bankBalance, day: null, pastPeriod: false };
  }

  private async assertNoOverlap(
    bankAccountId: number,
    dateStart: string,
    dateEnd: string | null,
    exceptId?: number,
  ): Promise<void> {
    const builder = this.statements
      .createQueryBuilder('statement')
      .where('statement.bankAccountId = :bankAccountId', { bankAccountId })
      .andWhere('(statement.dateEnd IS NULL OR statement.dateEnd >= :dateStart)', { dateStart });
    if (dateEnd !== null) {
      builder.andWhere('statement.dateStart <= :dateEnd', { dateEnd });
    }
    if (exceptId !== undefined) {
      builder.andWhere('statement.id <> :exceptId', { exceptId });
    }
    const other = await builder.getOne();
    if (other) {
      throw new ConflictError(
        'statement.overlap',
        `dateStart: the period overlaps statement ${other.id} "${other.name}" (${other.dateStart} to ${other.dateEnd ?? 'open'}) of the same bank account`,
        'dateStart',
      );
    }
  }

  private async assertLinesWithin(statementId: number, dateStart: string, dateEnd: string | null): Promise<void> {
    const count = (condition: string) =>
      this.lines
        .createQueryBuilder('line')
        .where('line.statementId = :statementId', { statementId })
        .andWhere(condition, { dateStart, dateEnd })
        .getCount();
    const before = await count('line.date < :dateStart');
    const after = dateEnd === null ? 0 : await count('line.date > :dateEnd');
    if (before + after > 0) {
      // The field at fault: the end when lines lie after it, else the start.
      const field = after > 0 ? 'dateEnd' : 'dateStart';
      throw new ConflictError(
        'statement.lines_outside_period',
        `${field}: ${before + after} line(s) of statement ${statementId} would fall outside the new period`,
        field,
      );
    }
  }

  private present(statement: BankStatement, totals: LineTotals | undefined): StatementResponse {
    return {
      id: statement.id,
      bankAccountId: statement.bankAccountId,
      name: statement.name,
      dateStart: statement.dateStart,
      dateEnd: statement.dateEnd,
      balanceStart: statement.balanceStart,
      balanceEnd: endBalance(statement, totals),
      bankBalance: statement.bankBalance,
      state: statement.state,
      closeComment: statement.closeComment,
      forcedClose: statement.forcedClose,
      closedAt: statement.closedAt,
      lineCount: totals?.lineCount ?? 0,
    };
  }
}

/** docs/rules.md#statement-totals: the totals the statement keeps with its lines. */
function keptTotals(statement: BankStatement): LineTotals {
  return { lineCount: statement.lineCount, total: new Big(statement.lineTotalCents).div(100).toFixed(2) };
}

function endBalance(statement: BankStatement, totals: LineTotals | undefined): string {
  return toMoney(new Big(statement.balanceStart).plus(totals?.total ?? 0));
}

function assertPeriod(dateStart: string, dateEnd: string | null): void {
  if (dateEnd !== null && dateEnd < dateStart) {
    throw new InvalidInputError('date_range.invalid', 'dateEnd', `must be on or after dateStart (${dateStart})`);
  }
}

function defaultName(account: BankAccount, dateStart: string): string {
  return `Relevé ${account.journalCode} ${dateStart.slice(0, 7)}`;
}

function nonEmpty(ids: number[]): number[] {
  return ids.length > 0 ? ids : [0];
}

type ListedLine = Pick<StatementLine, (typeof LINE_COLUMNS)[number]> & {
  bankTransaction: Pick<BankTransaction, (typeof LINE_MIRROR_COLUMNS)[number]> | null;
};

function presentLine(line: ListedLine): StatementLineResponse {
  const transaction = line.bankTransaction;
  return {
    id: line.id,
    statementId: line.statementId,
    date: line.date,
    label: line.label,
    cleanLabel: transaction?.cleanLabel ?? null,
    originalLabel: transaction?.originalLabel ?? null,
    amount: line.amount,
    currency: line.currency,
    bridgeAccountId: transaction?.bridgeAccountId ?? null,
    bridgeTransactionId: transaction?.bridgeTransactionId ?? null,
    accountType: transaction?.accountType ?? null,
    operationType: transaction?.operationType ?? null,
    transactionDate: transaction?.transactionDate ?? null,
    bookingDate: transaction?.bookingDate ?? null,
    valueDate: transaction?.valueDate ?? null,
    reviewRequired: line.reviewRequired,
    reviewNote: line.reviewNote,
    bankChange: line.reviewRequired
      ? line.reviewDeleted
        ? { deleted: true, date: null, label: null, amount: null }
        : { deleted: false, date: line.reviewDate, label: line.reviewLabel, amount: line.reviewAmount }
      : null,
    reviewResolution: line.reviewResolution,
    bankDeleted: line.bankDeleted,
    postedAt: line.postedAt,
  };
}
