import Big from 'big.js';
import type { EntityManager } from 'typeorm';

import type { Money } from '../common/money/money.js';
import { BankStatement } from './bank-statement.entity.js';

/** A change of a statement's kept totals (docs/rules.md#statement-totals). */
export interface TotalsChange {
  /** Lines entering (positive) or leaving (negative) the balance. */
  lines?: number;
  /** Lines becoming reversed by an accepted bank deletion. */
  reversed?: number;
  /** The change of the balance lines' sum. */
  amount?: Big;
}

/** Cents of an amount of at most 2 decimals, exactly. */
export function centsOf(amount: Money | Big): Big {
  return new Big(amount).times(100);
}

/**
 * Moves the statement's kept totals by `change`, in the caller's transaction (the one that changes the lines): an
 * increment in the database, so two writers never lose one another's change.
 */
export async function changeTotals(manager: EntityManager, statementId: number, change: TotalsChange): Promise<void> {
  const lines = change.lines ?? 0;
  const reversed = change.reversed ?? 0;
  const cents = change.amount === undefined ? '0' : centsOf(change.amount).toFixed(0);
  if (lines === 0 && reversed === 0 && cents === '0') return;
  await manager
    .createQueryBuilder()
    .update(BankStatement)
    .set({
      lineCount: () => 'lineCount + :lines',
      reversedLineCount: () => 'reversedLineCount + :reversed',
      lineTotalCents: () => 'lineTotalCents + :cents',
    })
    .where('id = :statementId')
    .setParameters({ lines, reversed, cents, statementId })
    .updateEntity(false)
    .execute();
}
