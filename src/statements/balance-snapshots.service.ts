import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import type { Repository } from 'typeorm';

import { toMoney, type Money } from '../common/money/money.js';
import { BalanceSnapshot } from './balance-snapshot.entity.js';

/** The time zone of a snapshot's day: the bank's and the accountant's (docs/rules.md#balance-check). */
export const SNAPSHOT_TIME_ZONE = 'Europe/Paris';

export interface ReadAccountBalance {
  id: number;
  type: string;
  balance: Money;
}

/** The bank's balances as each Synchro read them (docs/rules.md#balance-check). */
@Injectable()
export class BalanceSnapshotsService {
  constructor(@InjectRepository(BalanceSnapshot) private readonly snapshots: Repository<BalanceSnapshot>) {}

  /** One row per Bridge account read, the journal's own (`mainId`) marked `main`. Called under the bank account's lock. */
  async record(
    bankAccountId: number,
    accounts: readonly ReadAccountBalance[],
    mainId: number,
    at: Date,
  ): Promise<void> {
    if (accounts.length === 0) {
      return;
    }
    const day = parisDay(at);
    await this.snapshots.insert(
      accounts.map((account) => ({
        bankAccountId,
        bridgeAccountId: account.id,
        accountType: account.type,
        main: account.id === mainId,
        balance: toMoney(account.balance),
        day,
        takenAt: at,
      })),
    );
  }

  /**
   * The bank's balance at a period's end (docs/rules.md#closing-a-statement): the last snapshot of the journal's own
   * account taken within the period (days in Europe/Paris), or null when no Synchro read it then.
   */
  async lastWithin(bankAccountId: number, dateStart: string, dateEnd: string): Promise<BalanceSnapshot | null> {
    return this.snapshots
      .createQueryBuilder('snapshot')
      .where('snapshot.bankAccountId = :bankAccountId', { bankAccountId })
      .andWhere('snapshot.main = :main', { main: true })
      .andWhere('snapshot.day >= :dateStart AND snapshot.day <= :dateEnd', { dateStart, dateEnd })
      .orderBy('snapshot.takenAt', 'DESC')
      .addOrderBy('snapshot.id', 'DESC')
      .getOne();
  }
}

/** The Europe/Paris calendar day (YYYY-MM-DD) of an instant. */
export function parisDay(at: Date): string {
  return DateTime.fromJSDate(at, { zone: SNAPSHOT_TIME_ZONE }).toISODate()!;
}
