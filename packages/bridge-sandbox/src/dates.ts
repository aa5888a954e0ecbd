/**
 * Calendar helpers on UTC day numbers (days since 1970-01-01). The generator works on whole days; using integers
 * avoids time-zone and DST surprises.
 */

const DAY_MS = 86_400_000;

export function dayNumberOf(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS);
}

export function dayNumberFromIso(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}

export function isoDay(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

export function ymdOf(dayNumber: number): { year: number; month: number; day: number } {
  const date = new Date(dayNumber * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function dayNumberOfYmd(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** (year, month) shifted by `delta` months. */
export function addMonths(year: number, month: number, delta: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export function isWeekend(dayNumber: number): boolean {
  const weekday = new Date(dayNumber * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The day itself when it is a business day, else the next Monday. */
export function onOrAfterBusinessDay(dayNumber: number): number {
  let day = dayNumber;
  while (isWeekend(day)) day++;
  return day;
}

export function nextBusinessDay(dayNumber: number): number {
  return onOrAfterBusinessDay(dayNumber + 1);
}

/** Last Monday–Friday of the month: when deferred-debit card statements are settled. */
export function lastBusinessDayOfMonth(year: number, month: number): number {
  let day = dayNumberOfYmd(year, month, daysInMonth(year, month));
  while (isWeekend(day)) day--;
  return day;
}

/** "12/11" as French bank labels print it. */
export function ddmm(dayNumber: number): string {
  const { month, day } = ymdOf(dayNumber);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}`;
}

export const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isValidIsoDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** ISO 8601 date-time (or a plain day) → epoch ms; null when it is not one. */
export function parseIsoInstant(value: string): number | null {
  if (isValidIsoDay(value)) return Date.parse(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : time;
}
