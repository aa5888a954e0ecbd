import Big from 'big.js';

import { toMoney, type Money } from '../common/money/money.js';

/** A main snapshot as the comparison needs it: the Europe/Paris day of the Synchro and the bank's balance. */
export interface SnapshotPoint {
  day: string;
  balance: Money;
}

export interface ComparedSnapshot {
  day: string;
  bankBalance: Money;
  journalBalance: Money;
  agrees: boolean;
}

export type BalanceVerdict =
  | { status: 'unknown'; compared: ComparedSnapshot[] }
  | { status: 'ok'; correctUntil: string; compared: ComparedSnapshot[] }
  | {
      status: 'diverged';
      correctUntil: string | null;
      divergesFrom: string;
      /** Bank − journal at the first snapshot of the trailing run of disagreeing snapshots. */
      difference: Money;
      bankBalance: Money;
      journalBalance: Money;
      compared: ComparedSnapshot[];
    };

/**
 * docs/rules.md#balance-check: compares each snapshot (in `takenAt` order) with the journal's balance on its day.
 * `journalBalances` holds the journal's balance on each snapshot day; null when the bank account has no statement.
 * The latest snapshot decides: it agrees → `ok`; else the trailing run of disagreeing snapshots starts the divergence.
 */
export function compareBalances(
  snapshots: readonly SnapshotPoint[],
  journalBalances: ReadonlyMap<string, Money> | null,
): BalanceVerdict {
  if (journalBalances === null || snapshots.length === 0) {
    return { status: 'unknown', compared: [] };
  }
  const compared = snapshots.map((snapshot): ComparedSnapshot => {
    const journal = journalBalances.get(snapshot.day);
    if (journal === undefined) {
      throw new Error(`No journal balance given for ${snapshot.day}`);
    }
    return {
      day: snapshot.day,
      bankBalance: toMoney(snapshot.balance),
      journalBalance: toMoney(journal),
      agrees: new Big(snapshot.balance).eq(journal),
    };
  });
  const latest = compared[compared.length - 1]!;
  if (latest.agrees) {
    return { status: 'ok', correctUntil: latest.day, compared };
  }
  let first = compared.length - 1;
  while (first > 0 && !compared[first - 1]!.agrees) {
    first--;
  }
  const diverging = compared[first]!;
  return {
    status: 'diverged',
    correctUntil: first > 0 ? compared[first - 1]!.day : null,
    divergesFrom: diverging.day,
    difference: toMoney(new Big(diverging.bankBalance).minus(diverging.journalBalance)),
    bankBalance: diverging.bankBalance,
    journalBalance: diverging.journalBalance,
    compared,
  };
}
