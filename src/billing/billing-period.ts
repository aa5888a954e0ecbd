import { DateTime } from 'luxon';

import { InvalidInputError } from '../common/errors/domain-errors.js';

export type BillingPeriod =
  { kind: 'annual'; label: string; year: number } | { kind: 'monthly'; label: string; year: number; month: number };

/** "2027" (annual) or "2027-03" (monthly). */
export function parsePeriod(text: unknown): BillingPeriod {
  const value = typeof text === 'string' ? text.trim() : '';
  const annual = /^(\d{4})$/.exec(value);
  if (annual) return { kind: 'annual', label: value, year: Number(annual[1]) };
  const monthly = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  if (monthly) return { kind: 'monthly', label: value, year: Number(monthly[1]), month: Number(monthly[2]) };
  throw new InvalidInputError(
    'billing_period.invalid',
    'period',
    'must be a year such as "2027" (annual report) or a month such as "2027-03" (monthly report)',
  );
}

/** [start, end) of the period as instants, in the billing time zone (a Paris month starts at Paris midnight). */
export function periodWindow(period: BillingPeriod, timeZone: string): { start: Date; end: Date } {
  const start = DateTime.fromObject(
    { year: period.year, month: period.kind === 'monthly' ? period.month : 1, day: 1 },
    { zone: timeZone },
  );
  const end = period.kind === 'monthly' ? start.plus({ months: 1 }) : start.plus({ years: 1 });
  return { start: start.toJSDate(), end: end.toJSDate() };
}

/** The periods the scheduler bills at an instant: the current year (annual) and the month that just ended (monthly). */
export function periodsDueAt(now: Date, timeZone: string): { annual: BillingPeriod; monthly: BillingPeriod } {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  const previous = local.minus({ months: 1 });
  return {
    annual: { kind: 'annual', label: String(local.year), year: local.year },
    monthly: {
      kind: 'monthly',
      label: `${previous.year}-${String(previous.month).padStart(2, '0')}`,
      year: previous.year,
      month: previous.month,
    },
  };
}

/**
 * docs/rules.md#billing-runs: a year is billed from its first day (the annual invoice is issued at its start), a month
 * once it is over. Reports are frozen once written, so billing earlier would freeze an incomplete one.
 */
export function assertBillable(period: BillingPeriod, now: Date, timeZone: string): void {
  const { start, end } = periodWindow(period, timeZone);
  const from = period.kind === 'annual' ? start : end;
  if (now.getTime() < from.getTime()) {
    const when = DateTime.fromJSDate(from, { zone: timeZone }).toFormat('yyyy-LL-dd HH:mm ZZZZ');
    throw new InvalidInputError(
      'billing_period.not_over',
      'period',
      period.kind === 'annual'
        ? `year ${period.label} has not begun: its annual report can be run from ${when}`
        : `month ${period.label} is not over: its monthly report can be run from ${when}`,
    );
  }
}
