import Big from 'big.js';

import { toMoney, type Money } from '../common/money/money.js';
import type { PostableLine } from '../statements/statement-postings.service.js';

export type { PostableLine };

/** The accounts of the journal, with the label each is written with (CompteLib). */
export interface JournalAccounts {
  journalCode: string;
  journalName: string;
  currency: string;
  bank: AccountRef;
  suspense: AccountRef;
  /** Set when card lines post against the card clearing account (docs/rules.md#card-clearing). */
  cardClearing: AccountRef | null;
}

export interface AccountRef {
  account: string;
  accountLabel: string;
}

export interface PlannedLine extends AccountRef {
  debit: Money;
  credit: Money;
}

export type LinePosting =
  | { kind: 'entry'; bankSide: AccountRef; counterpart: AccountRef | 'rule' }
  | { kind: 'none'; reason: 'zero' | 'card_settlement' };

const DEFERRED_TOTAL = 'deferred_debit_card';

/**
 * docs/rules.md#posting: how a line posts. Money in: debit the bank side, credit the counterpart; money out: the
 * reverse. With card clearing (a card account in `debit` mode whose deferred totals are kept), the card's purchases
 * post against the clearing account, the checking account's deferred total clears it against the bank, and the card
 * account's own settlement of that total is the same movement seen from the card: it takes no entry of its own.
 */
export function linePosting(line: PostableLine, accounts: JournalAccounts): LinePosting {
  if (new Big(line.amount).eq(0)) {
    return { kind: 'none', reason: 'zero' };
  }
  const clearing = accounts.cardClearing;
  if (clearing && line.accountType === 'card') {
    if (line.operationType === DEFERRED_TOTAL) {
      return { kind: 'none', reason: 'card_settlement' };
    }
    return { kind: 'entry', bankSide: clearing, counterpart: 'rule' };
  }
  if (clearing && line.operationType === DEFERRED_TOTAL) {
    return { kind: 'entry', bankSide: accounts.bank, counterpart: clearing };
  }
  return { kind: 'entry', bankSide: accounts.bank, counterpart: 'rule' };
}

/** The two lines of a posting: absolute amounts, one side zero. */
export function entryLines(amount: Money, bankSide: AccountRef, counterpart: AccountRef): PlannedLine[] {
  const value = toMoney(new Big(amount).abs());
  const moneyIn = new Big(amount).gt(0);
  return moneyIn
    ? [
        { ...bankSide, debit: value, credit: '0.00' },
        { ...counterpart, debit: '0.00', credit: value },
      ]
    : [
        { ...counterpart, debit: value, credit: '0.00' },
        { ...bankSide, debit: '0.00', credit: value },
      ];
}

/** A reversal: the same lines, debit and credit swapped. */
export function reversedLines(lines: readonly PlannedLine[]): PlannedLine[] {
  return lines.map((line) => ({
    account: line.account,
    accountLabel: line.accountLabel,
    debit: line.credit,
    credit: line.debit,
  }));
}

/** `BQ1-2025-000042`: journal code, fiscal year, six-digit sequence (unique in any FEC). */
export function ecritureNum(journalCode: string, fiscalYear: number, number: number): string {
  return `${journalCode}-${fiscalYear}-${String(number).padStart(6, '0')}`;
}

/** The piece reference: Bridge's transaction id, or the line's own id for a line that did not come from Bridge. */
export function pieceRefOf(line: Pick<PostableLine, 'id' | 'bridgeTransactionId'>): string {
  return line.bridgeTransactionId !== null ? String(line.bridgeTransactionId) : `L${line.id}`;
}

/** The operation date: the purchase day when the bank gives one, else Bridge's date, else the line's. */
export function pieceDateOf(line: Pick<PostableLine, 'transactionDate' | 'operationDate' | 'date'>): string {
  return line.transactionDate ?? line.operationDate ?? line.date;
}
