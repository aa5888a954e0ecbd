import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import Big from 'big.js';
import { In, IsNull, type EntityManager, type Repository } from 'typeorm';

import { InvalidInputError, NotFoundError } from '../common/errors/domain-errors.js';
import type { Money } from '../common/money/money.js';
import { takeLineSeq } from './line-changes.js';
import { StatementLine } from './statement-line.entity.js';
import { changeTotals } from './statement-totals.js';

/** A statement line as posting sees it: its values and what Bridge said of the operation. */
export interface PostableLine {
  id: number;
  statementId: number;
  date: string;
  label: string;
  amount: Money;
  currency: string;
  revision: number;
  bridgeTransactionId: number | null;
  accountType: string | null;
  operationType: string | null;
  transactionDate: string | null;
  /** Bridge's date of the operation (always present on an imported line). */
  operationDate: string | null;
  cleanLabel: string | null;
  originalLabel: string | null;
}

/** A line that awaits a decision on a bank change, with the bank's new values. */
export interface LineUnderReview extends PostableLine {
  reviewRequired: boolean;
  postedAt: Date | null;
  reviewDate: string | null;
  reviewLabel: string | null;
  reviewAmount: Money | null;
  reviewDeleted: boolean;
}

/**
 * The statements' side of posting to the accounts: which lines are to post, and the marks posting leaves on them. The
 * accounting module calls these inside its own transactions (the `manager` it passes), so that an entry and the mark
 * of its line commit together.
 */
@Injectable()
export class StatementPostingsService {
  constructor(@InjectRepository(StatementLine) private readonly lines: Repository<StatementLine>) {}

  /**
   * The next lines of the statement to post, in numbering order (date, then id): not posted, not awaiting review, not
   * deleted by the bank, not zero. `lineIds` narrows them. Posted lines drop out, so calling again gives the next ones;
   * `after`, the last line of the previous call, starts the scan there instead of skipping every line posted so far.
   */
  async nextUnposted(
    statementId: number,
    limit: number,
    lineIds?: number[],
    after?: Pick<PostableLine, 'date' | 'id'>,
  ): Promise<PostableLine[]> {
    const builder = this.lines
      .createQueryBuilder('line')
      .leftJoinAndSelect('line.bankTransaction', 'tx')
      .where('line.statementId = :statementId', { statementId })
      .andWhere('line.postedAt IS NULL')
      .andWhere('line.reviewRequired = 0')
      .andWhere('line.bankDeleted = 0')
      .andWhere('line.amount <> 0')
      .orderBy('line.date', 'ASC')
      .addOrderBy('line.id', 'ASC')
      .limit(limit);
    if (lineIds) {
      builder.andWhere('line.id IN (:...lineIds)', { lineIds: lineIds.length > 0 ? lineIds : [0] });
    }
    if (after) {
      // The first condition keeps the index range on (statementId, date); the second is the exact keyset.
      builder
        .andWhere('line.date >= :afterDate', { afterDate: after.date })
        .andWhere('(line.date > :afterDate OR line.id > :afterId)', { afterDate: after.date, afterId: after.id });
    }
    return (await builder.getMany()).map(postable);
  }

  /** The first and last dates of the lines still to post (to check their fiscal years before posting any). */
  async unpostedDateRange(statementId: number, lineIds?: number[]): Promise<{ first: string; last: string } | null> {
    const builder = this.lines
      .createQueryBuilder('line')
      .select('MIN(line.date)', 'first')
      .addSelect('MAX(line.date)', 'last')
      .where('line.statementId = :statementId', { statementId })
      .andWhere('line.postedAt IS NULL')
      .andWhere('line.reviewRequired = 0')
      .andWhere('line.bankDeleted = 0')
      .andWhere('line.amount <> 0');
    if (lineIds) {
      builder.andWhere('line.id IN (:...lineIds)', { lineIds: lineIds.length > 0 ? lineIds : [0] });
    }
    const row = await builder.getRawOne<{ first: string | Date | null; last: string | Date | null }>();
    return row?.first && row.last ? { first: dateOnly(row.first), last: dateOnly(row.last) } : null;
  }

  /** Refuses line ids that are not lines of the statement (400 naming `lineIds`). */
  async assertLinesOf(statementId: number, lineIds: number[]): Promise<void> {
    const found = await this.lines.find({ select: { id: true }, where: { statementId, id: In(lineIds) } });
    const known = new Set(found.map((line) => line.id));
    const unknown = lineIds.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new InvalidInputError(
        'line_ids.unknown',
        'lineIds',
        `${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', …' : ''} are not lines of statement ${statementId}`,
      );
    }
  }

  /** Every line of a statement still at the bank (a reversed bank deletion is left out), in date order: the exports. */
  async linesForExport(
    statementId: number,
  ): Promise<(PostableLine & { valueDate: string | null; bookingDate: string | null })[]> {
    const lines = await this.lines.find({
      where: { statementId, bankDeleted: false },
      relations: { bankTransaction: true },
      order: { date: 'ASC', id: 'ASC' },
    });
    return lines.map((line) => ({
      ...postable(line),
      valueDate: line.bankTransaction?.valueDate ?? null,
      bookingDate: line.bankTransaction?.bookingDate ?? null,
    }));
  }

  /** Marks lines posted, in the caller's transaction; a line already posted keeps its first mark. */
  async markPosted(manager: EntityManager, lineIds: number[], at: Date): Promise<void> {
    if (lineIds.length > 0) {
      await manager.update(
        StatementLine,
        { id: In(lineIds), postedAt: IsNull() },
        { postedAt: at, changeSeq: await takeLineSeq(manager) },
      );
    }
  }

  /** A line of the statement with the bank's pending values; 404 when it is not a line of that statement. */
  async lineUnderReview(statementId: number, lineId: number, manager?: EntityManager): Promise<LineUnderReview> {
    const line = await (manager ?? this.lines.manager).findOne(StatementLine, {
      where: { id: lineId, statementId },
      relations: { bankTransaction: true },
    });
    if (!line) {
      throw new NotFoundError('Statement line', lineId);
    }
    return {
      ...postable(line),
      reviewRequired: line.reviewRequired,
      postedAt: line.postedAt,
      reviewDate: line.reviewDate,
      reviewLabel: line.reviewLabel,
      reviewAmount: line.reviewAmount,
      reviewDeleted: line.reviewDeleted,
    };
  }

  /**
   * The line takes the bank's new values (or is marked deleted by the bank), in the caller's transaction: a new
   * revision, not posted yet. Returns the line as it now is.
   */
  async applyBankChange(manager: EntityManager, line: LineUnderReview, resolution: string): Promise<LineUnderReview> {
    const changes: Partial<StatementLine> = {
      reviewRequired: false,
      reviewNote: null,
      reviewDate: null,
      reviewLabel: null,
      reviewAmount: null,
      reviewDeleted: false,
      reviewResolution: resolution,
      revision: line.revision + 1,
      postedAt: null,
      changeSeq: await takeLineSeq(manager),
    };
    if (line.reviewDeleted) {
      changes.bankDeleted = true;
      await changeTotals(manager, line.statementId, { lines: -1, reversed: 1, amount: new Big(line.amount).neg() });
    } else {
      changes.date = line.reviewDate ?? line.date;
      changes.label = line.reviewLabel ?? line.label;
      changes.amount = line.reviewAmount ?? line.amount;
      await changeTotals(manager, line.statementId, { amount: new Big(changes.amount).minus(line.amount) });
    }
    await manager.update(StatementLine, line.id, changes);
    return this.lineUnderReview(line.statementId, line.id, manager);
  }

  /** The posted values stay; the flag and the bank's pending values go, with the reason kept. */
  async rejectBankChange(line: LineUnderReview, resolution: string): Promise<void> {
    await this.lines.manager.transaction(async (manager) => {
      await manager.update(StatementLine, line.id, {
        changeSeq: await takeLineSeq(manager),
        reviewRequired: false,
        reviewNote: null,
        reviewDate: null,
        reviewLabel: null,
        reviewAmount: null,
        reviewDeleted: false,
        reviewResolution: resolution,
      });
    });
  }
}

function postable(line: StatementLine): PostableLine {
  const transaction = line.bankTransaction;
  return {
    id: line.id,
    statementId: line.statementId,
    date: line.date,
    label: line.label,
    amount: line.amount,
    currency: line.currency,
    revision: line.revision,
    bridgeTransactionId: transaction?.bridgeTransactionId ?? null,
    accountType: transaction?.accountType ?? null,
    operationType: transaction?.operationType ?? null,
    transactionDate: transaction?.transactionDate ?? null,
    operationDate: transaction?.date ?? null,
    cleanLabel: transaction?.cleanLabel ?? null,
    originalLabel: transaction?.originalLabel ?? null,
  };
}

function dateOnly(value: string | Date): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}
