import type { CardDatingMode } from '../bank-accounts/bank-account.entity.js';
import type { Money } from '../common/money/money.js';
import type { LineDecision } from '../statements/statement-import.service.js';

/** The part of a mirrored Bridge transaction the line rules look at. */
export interface MirroredTransaction {
  accountType: string;
  operationType: string | null;
  cleanLabel: string;
  originalLabel: string;
  amount: Money;
  date: string;
  transactionDate: string | null;
  bookingDate: string | null;
  valueDate: string | null;
  future: boolean;
  deleted: boolean;
}

export interface LineSettings {
  useCleanLabel: boolean;
  cardDatingMode: CardDatingMode;
  cardKeepDeferredTotal: boolean;
  cardIncludeFuture: boolean;
  /** A card account feeds this journal: only then do its detail lines stand for the deferred totals. */
  cardAccountFed: boolean;
}

// The statements module files the lines, so it names what a decision is.
export type { LineDecision };

const DEFERRED_TOTAL = 'deferred_debit_card';

/**
 * docs/rules.md#line-rules: whether a mirrored transaction becomes a journal line, on which date and with which label.
 * `deferredDebitDates` are the sorted dates of the item's deferred_debit_card lines (for the "debit" card dating).
 */
export function decideLine(
  transaction: MirroredTransaction,
  settings: LineSettings,
  deferredDebitDates: readonly string[],
): LineDecision {
  if (transaction.deleted) {
    return { kind: 'skip', reason: 'deleted' };
  }
  // Without the option, the month-end totals are left out when the card's own lines are in the journal instead.
  if (transaction.operationType === DEFERRED_TOTAL && !settings.cardKeepDeferredTotal && settings.cardAccountFed) {
    return { kind: 'skip', reason: 'deferred_total' };
  }
  const isCardLine = transaction.accountType === 'card' && transaction.operationType !== DEFERRED_TOTAL;
  if (transaction.future && !(isCardLine && settings.cardIncludeFuture)) {
    return { kind: 'skip', reason: 'future' };
  }
  const date = isCardLine ? cardLineDate(transaction, settings.cardDatingMode, deferredDebitDates) : transaction.date;
  const preferred = settings.useCleanLabel ? transaction.cleanLabel : transaction.originalLabel;
  const label = preferred || transaction.originalLabel || transaction.cleanLabel;
  return { kind: 'line', date, label };
}

/**
 * "transaction": the purchase day. "debit": the day the deferred total is debited: the booking date when later than
 * the purchase, else the next deferred_debit_card date on or after the purchase (a purchase made on a debit day is in
 * that day's total), else the value date, else the date.
 */
export function cardLineDate(
  transaction: MirroredTransaction,
  mode: CardDatingMode,
  deferredDebitDates: readonly string[],
): string {
  const purchase = transaction.transactionDate ?? transaction.date;
  if (mode === 'transaction') {
    return purchase;
  }
  if (transaction.bookingDate && transaction.bookingDate > purchase) {
    return transaction.bookingDate;
  }
  const nextDebit = deferredDebitDates.find((date) => date >= purchase);
  return nextDebit ?? transaction.valueDate ?? transaction.date;
}

/**
 * docs/rules.md#filing-lines-into-a-statement: the lowest "latest own date" (`BankTransaction.latestDate`) an
 * operation can have and still be dated on or after `from`. A line is dated on one of its own dates, except a card
 * line dated on the deferred debit that follows its purchase ("debit" mode): that one is on or after `from` only when
 * no deferred debit falls between its purchase and `from`, so its purchase, and thus its latest date, is after the
 * last deferred debit before `from`. Null: no bound (a "debit" dating with no deferred debit before `from`).
 */
export function lowestLatestDate(
  from: string,
  cardDatingMode: CardDatingMode,
  deferredDebitDates: readonly string[],
): string | null {
  if (cardDatingMode === 'transaction') {
    return from;
  }
  const lastBefore = deferredDebitDates.filter((date) => date < from).at(-1);
  return lastBefore === undefined ? null : dayAfter(lastBefore);
}

function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}
