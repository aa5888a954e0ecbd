import Big from 'big.js';

import { frenchAmount, frenchDate } from './french-format.js';

export type GapTone = 'ok' | 'gap' | 'unknown';

/** What the statement page knows: the statement, its computed end, the bank balance it compares with, the lines to review. */
export interface StatementFiguresInput {
  statementId: number;
  balanceStart: string;
  /** Opening + the sum of the lines. */
  balanceEnd: string;
  /** The bank balance the statement compares with (StatementsService.pageFigures). */
  bank: { balance: string | null; day: string | null; pastPeriod: boolean };
  /** When the last Synchro read today's balance (for a current period). */
  bankBalanceAt: Date | string | null;
  dateEnd: string | null;
  toReview: number;
}

export interface StatementFigures {
  opening: string;
  computedEnd: string;
  bankLabel: string;
  bank: string | null;
  gap: string | null;
  gapTone: GapTone;
  gapText: string;
  toReview: number;
  toReviewText: string;
  toReviewHref: string;
}

/** "48 458,56 €". */
export function euros(amount: string): string {
  return frenchAmount(amount);
}

/**
 * docs/rules.md#the-statement-page: the figures of a statement, in French. A period that is over shows the bank's
 * balance at its end (the last snapshot within it); a current one shows today's. The gap is computed end − bank.
 */
export function statementFigures(input: StatementFiguresInput): StatementFigures {
  const { bank } = input;
  let bankLabel: string;
  if (bank.pastPeriod) {
    bankLabel =
      bank.balance !== null && bank.day
        ? `Solde bancaire en fin de période (au ${frenchDate(bank.day)})`
        : `Solde bancaire en fin de période (aucune synchro entre le début de la période et le ${frenchDate(input.dateEnd)})`;
  } else {
    const at = input.bankBalanceAt ? new Date(input.bankBalanceAt).toISOString().slice(0, 10) : null;
    bankLabel = at
      ? `Solde bancaire du jour (synchro du ${frenchDate(at)})`
      : 'Solde bancaire du jour (aucune synchro)';
  }
  let gap: string | null = null;
  let gapTone: GapTone = 'unknown';
  let gapText = 'Écart inconnu : aucun solde bancaire à comparer';
  if (bank.balance !== null) {
    const difference = new Big(input.balanceEnd).minus(bank.balance);
    gap = euros(difference.toFixed(2));
    gapTone = difference.eq(0) ? 'ok' : 'gap';
    gapText = difference.eq(0) ? 'Aucun écart' : `Écart de ${gap}`;
  }
  const toReview = input.toReview;
  return {
    opening: euros(input.balanceStart),
    computedEnd: euros(input.balanceEnd),
    bankLabel,
    bank: bank.balance === null ? null : euros(bank.balance),
    gap,
    gapTone,
    gapText,
    toReview,
    toReviewText:
      toReview === 0 ? 'Aucune ligne à revoir' : `${toReview} ${toReview === 1 ? 'ligne' : 'lignes'} à revoir`,
    toReviewHref: `/admin/resources/StatementLine?filters.statementId=${input.statementId}&filters.reviewRequired=true`,
  };
}
