import { describe, expect, it } from '@jest/globals';

import { latestOwnDate } from '../statements/statement-import.service.js';
import { decideLine, lowestLatestDate, type LineSettings, type MirroredTransaction } from './line-rules.js';

const base: MirroredTransaction = {
  accountType: 'checking',
  operationType: 'direct_debit',
  cleanLabel: 'Urssaf',
  originalLabel: 'PRLV SEPA URSSAF',
  amount: '-120.00',
  date: '2026-11-05',
  transactionDate: null,
  bookingDate: null,
  valueDate: null,
  future: false,
  deleted: false,
};
const settings: LineSettings = {
  useCleanLabel: false,
  cardDatingMode: 'transaction',
  cardKeepDeferredTotal: false,
  cardIncludeFuture: false,
  cardAccountFed: true,
};
const purchase: MirroredTransaction = {
  ...base,
  accountType: 'card',
  operationType: 'card',
  originalLabel: 'CB CARREFOUR 12/11',
  cleanLabel: 'Carrefour',
  date: '2026-11-12',
  transactionDate: '2026-11-12',
  bookingDate: '2026-11-30',
};
const deferredDates = ['2026-10-30', '2026-11-30', '2026-12-31'];

describe('decideLine', () => {
  it('should use the original label unless the cleaned one is asked for', () => {
    expect(decideLine(base, settings, [])).toEqual({ kind: 'line', date: '2026-11-05', label: 'PRLV SEPA URSSAF' });
    expect(decideLine(base, { ...settings, useCleanLabel: true }, [])).toEqual({
      kind: 'line',
      date: '2026-11-05',
      label: 'Urssaf',
    });
  });

  it('should date card lines on the purchase day, or on the debit day in debit mode', () => {
    expect(decideLine(purchase, settings, deferredDates)).toMatchObject({ date: '2026-11-12' });
    expect(decideLine(purchase, { ...settings, cardDatingMode: 'debit' }, deferredDates)).toMatchObject({
      date: '2026-11-30',
    });
    const unbooked = { ...purchase, bookingDate: '2026-11-12' };
    expect(decideLine(unbooked, { ...settings, cardDatingMode: 'debit' }, deferredDates)).toMatchObject({
      date: '2026-11-30',
    });
    expect(
      decideLine({ ...unbooked, valueDate: '2026-11-14' }, { ...settings, cardDatingMode: 'debit' }, ['2026-10-30']),
    ).toMatchObject({ date: '2026-11-14' });
    expect(
      decideLine(
        { ...unbooked, bookingDate: null, transactionDate: null },
        { ...settings, cardDatingMode: 'debit' },
        [],
      ),
    ).toMatchObject({ date: '2026-11-12' });
    // A purchase on the debit day itself belongs to that day's total, not the next month's.
    const onDebitDay = { ...purchase, date: '2026-11-30', transactionDate: '2026-11-30', bookingDate: '2026-11-30' };
    expect(decideLine(onDebitDay, { ...settings, cardDatingMode: 'debit' }, deferredDates)).toMatchObject({
      date: '2026-11-30',
    });
  });

  it('should leave out deferred totals when the card lines stand for them, unless asked to keep them', () => {
    const total = { ...base, operationType: 'deferred_debit_card', amount: '-310.00', date: '2026-11-30' };
    expect(decideLine(total, settings, [])).toEqual({ kind: 'skip', reason: 'deferred_total' });
    expect(decideLine(total, { ...settings, cardKeepDeferredTotal: true }, [])).toMatchObject({
      kind: 'line',
      date: '2026-11-30',
    });
    expect(decideLine(total, { ...settings, cardAccountFed: false }, [])).toMatchObject({ kind: 'line' });
    expect(decideLine({ ...total, accountType: 'card', amount: '310.00' }, settings, [])).toEqual({
      kind: 'skip',
      reason: 'deferred_total',
    });
  });

  it('should import future lines only for cards with the option, and never deleted ones', () => {
    expect(decideLine({ ...base, future: true }, { ...settings, cardIncludeFuture: true }, [])).toEqual({
      kind: 'skip',
      reason: 'future',
    });
    const pending = { ...purchase, future: true, bookingDate: null, date: '2026-11-20', transactionDate: '2026-11-20' };
    expect(decideLine(pending, settings, deferredDates)).toEqual({ kind: 'skip', reason: 'future' });
    expect(
      decideLine(pending, { ...settings, cardIncludeFuture: true, cardDatingMode: 'debit' }, deferredDates),
    ).toMatchObject({ kind: 'line', date: '2026-11-30' });
    expect(decideLine({ ...base, deleted: true }, settings, [])).toEqual({ kind: 'skip', reason: 'deleted' });
  });
});

describe('lowestLatestDate', () => {
  it('should bound the scan at the period start, or after the last deferred debit before it in "debit" mode', () => {
    expect(lowestLatestDate('2026-11-01', 'transaction', deferredDates)).toBe('2026-11-01');
    expect(lowestLatestDate('2026-11-01', 'debit', deferredDates)).toBe('2026-10-31');
    expect(lowestLatestDate('2026-12-01', 'debit', deferredDates)).toBe('2026-12-01');
    expect(lowestLatestDate('2026-10-30', 'debit', deferredDates)).toBeNull();
  });

  it('should never leave out an operation that the rules date on or after the start', () => {
    // Every combination of a few dates around deferred debits, in both modes: a line dated in the period is never
    // below the bound, so filing from the bound loses nothing.
    const days = [
      null,
      '2026-09-28',
      '2026-09-30',
      '2026-10-01',
      '2026-10-15',
      '2026-10-30',
      '2026-10-31',
      '2026-11-02',
    ];
    const debits = [[], ['2026-09-30'], ['2026-09-30', '2026-10-30'], ['2026-10-31']];
    const starts = ['2026-09-30', '2026-10-01', '2026-10-31', '2026-11-01'];
    let checked = 0;
    const missed: unknown[] = [];
    for (const mode of ['transaction', 'debit'] as const) {
      for (const accountType of ['checking', 'card']) {
        for (const date of days.filter((day): day is string => day !== null)) {
          for (const transactionDate of days) {
            for (const bookingDate of days) {
              for (const valueDate of days) {
                const row = { ...purchase, accountType, date, transactionDate, bookingDate, valueDate };
                for (const dates of debits) {
                  const decision = decideLine(row, { ...settings, cardDatingMode: mode }, dates);
                  for (const from of starts) {
                    const lowest = lowestLatestDate(from, mode, dates);
                    if (decision.kind === 'line' && decision.date >= from && lowest !== null) {
                      if (latestOwnDate(row) < lowest) missed.push({ mode, row, dates, from, lowest });
                      checked++;
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    expect(missed.slice(0, 3)).toEqual([]);
    expect(checked).toBeGreaterThan(10_000);
  });
});
