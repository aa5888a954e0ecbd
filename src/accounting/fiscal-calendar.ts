import { DateTime } from 'luxon';

import { isFiscalYearEnd } from '../common/validation/validators.js';

export { isFiscalYearEnd };

export interface FiscalPeriod {
  /** The calendar year of the end date: fiscal year 2025 of a company closing on 06-30 runs 2024-07-01..2025-06-30. */
  year: number;
  startDate: string;
  endDate: string;
}

/** docs/rules.md#fiscal-years: the fiscal year that holds `date` (YYYY-MM-DD) for a company closing on `fiscalYearEnd`. */
export function fiscalPeriodOf(date: string, fiscalYearEnd: string): FiscalPeriod {
  const day = DateTime.fromISO(date, { zone: 'utc' });
  const [month, dayOfMonth] = fiscalYearEnd.split('-').map(Number) as [number, number];
  let end = DateTime.fromObject({ year: day.year, month, day: dayOfMonth }, { zone: 'utc' });
  if (day > end) {
    end = end.plus({ years: 1 });
  }
  return periodEndingOn(end);
}

/** The fiscal year named `year` for a company closing on `fiscalYearEnd`. */
export function fiscalPeriodNamed(year: number, fiscalYearEnd: string): FiscalPeriod {
  const [month, day] = fiscalYearEnd.split('-').map(Number) as [number, number];
  return periodEndingOn(DateTime.fromObject({ year, month, day }, { zone: 'utc' }));
}

function periodEndingOn(end: DateTime): FiscalPeriod {
  const start = end.minus({ years: 1 }).plus({ days: 1 });
  return { year: end.year, startDate: start.toISODate()!, endDate: end.toISODate()! };
}
