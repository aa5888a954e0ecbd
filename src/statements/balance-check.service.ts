import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import Big from 'big.js';
import type { Repository } from 'typeorm';

import type { AccessScope } from '../auth/access-scope.js';
import { BankAccountsService } from '../bank-accounts/bank-accounts.service.js';
import { toMoney, type Money } from '../common/money/money.js';
import { compareBalances } from './balance-comparison.js';
import { BalanceSnapshot } from './balance-snapshot.entity.js';
import { BankStatement } from './bank-statement.entity.js';
import { BankTransaction } from './bank-transaction.entity.js';
import type { BalanceCheckResponse, BalanceCheckSuspectResponse } from './dto/balance-check.dto.js';
import { StatementLine } from './statement-line.entity.js';

/** The snapshots the answer lists, and the suspects of each kind it lists at most. */
export const SNAPSHOTS_SHOWN = 30;
export const SUSPECTS_MAX = 200;

/** A day and the sum of the lines dated that day, in cents (integers: exact on SQLite's REAL storage too). */
interface DaySum {
  date: string;
  cents: Big;
}

/**
 * docs/rules.md#balance-check: each main snapshot of the bank account against the journal's balance on its day (the
 * earliest statement's start balance plus the lines dated up to that day, the lines deleted by the bank left out).
 */
@Injectable()
export class BalanceCheckService {
  constructor(
    @InjectRepository(BalanceSnapshot) private readonly snapshots: Repository<BalanceSnapshot>,
    @InjectRepository(BankStatement) private readonly statements: Repository<BankStatement>,
    @InjectRepository(StatementLine) private readonly lines: Repository<StatementLine>,
    @InjectRepository(BankTransaction) private readonly transactions: Repository<BankTransaction>,
    private readonly bankAccounts: BankAccountsService,
  ) {}

  /** The check of a bank account the scope may see (else 404, as if it did not exist). */
  async check(bankAccountId: number, scope: AccessScope): Promise<BalanceCheckResponse> {
    const account = await this.bankAccounts.get(bankAccountId, scope);
    return this.checkAccount(account.id);
  }

  /** The check of a bank account already known to be visible (the back-office's statement page). */
  async checkAccount(bankAccountId: number): Promise<BalanceCheckResponse> {
    const [opening, snapshots] = await Promise.all([
      this.openingBalance(bankAccountId),
      this.snapshots.find({
        select: { day: true, balance: true, takenAt: true },
        where: { bankAccountId, main: true },
        order: { takenAt: 'ASC', id: 'ASC' },
      }),
    ]);
    const journal = opening === null ? null : journalBalances(opening, await this.daySums(bankAccountId), snapshots);
    const verdict = compareBalances(snapshots, journal);
    const shown = verdict.compared.slice(-SNAPSHOTS_SHOWN).map((compared, index, list) => ({
      ...compared,
      takenAt: snapshots[snapshots.length - list.length + index]!.takenAt.toISOString(),
    }));
    const answer: BalanceCheckResponse = {
      bankAccountId,
      status: verdict.status,
      correctUntil: verdict.status === 'unknown' ? null : verdict.correctUntil,
      divergesFrom: null,
      difference: null,
      bankBalance: null,
      journalBalance: null,
      suspects: [],
      snapshots: shown.map(({ day, takenAt, bankBalance, journalBalance, agrees }) => ({
        day,
        takenAt,
        bankBalance,
        journalBalance,
        agrees,
      })),
    };
    if (verdict.status === 'diverged') {
      answer.divergesFrom = verdict.divergesFrom;
      answer.difference = verdict.difference;
      answer.bankBalance = verdict.bankBalance;
      answer.journalBalance = verdict.journalBalance;
      answer.suspects = await this.suspects(
        bankAccountId,
        verdict.correctUntil,
        verdict.divergesFrom,
        verdict.difference,
      );
    }
    return answer;
  }

  /** The start balance of the bank account's earliest statement; null when it has none. */
  private async openingBalance(bankAccountId: number): Promise<Money | null> {
    const earliest = await this.statements.findOne({
      select: { id: true, balanceStart: true },
      where: { bankAccountId },
      order: { dateStart: 'ASC', id: 'ASC' },
    });
    return earliest ? earliest.balanceStart : null;
  }

  /** The lines of every statement of the bank account, summed per day in SQL in integer cents. */
  private async daySums(bankAccountId: number): Promise<DaySum[]> {
    const rows = await this.lines
      .createQueryBuilder('line')
      .innerJoin('line.statement', 'statement')
      .select('line.date', 'date')
      .addSelect('SUM(ROUND(line.amount * 100))', 'cents')
      .where('statement.bankAccountId = :bankAccountId', { bankAccountId })
      .andWhere('line.bankDeleted = 0')
      .groupBy('line.date')
      .orderBy('line.date', 'ASC')
      .getRawMany<{ date: string; cents: number | string | null }>();
    return rows.map((row) => ({ date: String(row.date), cents: new Big(row.cents ?? 0) }));
  }

  /**
   * The lines dated after `correctUntil` up to `divergesFrom` (only `divergesFrom` when both are the same day; up to
   * it when nothing agreed before), and the mirrored operations of that window that are on no line.
   */
  private async suspects(
    bankAccountId: number,
    correctUntil: string | null,
    divergesFrom: string,
    difference: Money,
  ): Promise<BalanceCheckSuspectResponse[]> {
    const after = correctUntil !== null && correctUntil < divergesFrom ? correctUntil : null;
    const from = correctUntil === divergesFrom ? divergesFrom : null;
    const window = (column: string) =>
      [
        `${column} <= :divergesFrom`,
        ...(after !== null ? [`${column} > :after`] : []),
        ...(from !== null ? [`${column} >= :from`] : []),
      ].join(' AND ');
    const parameters = { bankAccountId, divergesFrom, after, from };
    const magnitude = new Big(difference).abs();
    const matches = (amount: Money) => new Big(amount).abs().eq(magnitude);

    const [lines, unfiled] = await Promise.all([
      this.lines
        .createQueryBuilder('line')
        .innerJoin('line.statement', 'statement')
        .where('statement.bankAccountId = :bankAccountId')
        .andWhere('line.bankDeleted = 0')
        .andWhere(window('line.date'))
        .setParameters(parameters)
        .orderBy('line.date', 'ASC')
        .addOrderBy('line.id', 'ASC')
        .limit(SUSPECTS_MAX)
        .getMany(),
      this.transactions
        .createQueryBuilder('tx')
        .where('tx.bankAccountId = :bankAccountId')
        .andWhere('tx.deleted = 0')
        .andWhere('tx.future = 0')
        .andWhere(window('tx.date'))
        .andWhere('NOT EXISTS (SELECT 1 FROM statement_line filed WHERE filed.bankTransactionId = tx.id)')
        .setParameters(parameters)
        .orderBy('tx.date', 'ASC')
        .addOrderBy('tx.id', 'ASC')
        .limit(SUSPECTS_MAX)
        .getMany(),
    ]);
    const suspects: BalanceCheckSuspectResponse[] = [
      ...lines.map((line) => ({
        source: 'line' as const,
        id: line.id,
        statementId: line.statementId,
        bankTransactionId: line.bankTransactionId,
        date: line.date,
        label: line.label,
        amount: line.amount,
        filed: true,
        matchesDifference: matches(line.amount),
      })),
      ...unfiled.map((tx) => ({
        source: 'bank_transaction' as const,
        id: tx.id,
        statementId: null,
        bankTransactionId: tx.id,
        date: tx.date,
        label: tx.cleanLabel,
        amount: tx.amount,
        filed: false,
        matchesDifference: matches(tx.amount),
      })),
    ];
    return suspects.sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? -1 : 1));
  }
}

/** The journal's balance on each snapshot day: the opening plus the day sums dated up to that day (one pass). */
function journalBalances(
  opening: Money,
  daySums: readonly DaySum[],
  snapshots: readonly { day: string }[],
): Map<string, Money> {
  const balances = new Map<string, Money>();
  const days = [...new Set(snapshots.map((snapshot) => snapshot.day))].sort();
  let cents = new Big(0);
  let next = 0;
  for (const day of days) {
    while (next < daySums.length && daySums[next]!.date <= day) {
      cents = cents.plus(daySums[next]!.cents);
      next++;
    }
    balances.set(day, toMoney(new Big(opening).plus(cents.div(100))));
  }
  return balances;
}
