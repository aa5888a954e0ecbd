import Big from 'big.js';

import { toMoney, type Money } from '../common/money/money.js';
import { normalizeIban } from '../common/validation/validators.js';
import { BridgeFieldError, BridgeUnavailableError } from './bridge.errors.js';

/**
 * Readers for Bridge JSON parsed losslessly (numbers arrive as their decimal text). Each checks that the value is one
 * the service can store exactly, and names the field it could not read, so that a changed or broken answer is reported
 * clearly instead of producing wrong data.
 */
export type Json = Record<string, unknown>;

// DECIMAL(18,2): 16 integer digits.
const MAX_AMOUNT = new Big('9999999999999999.99');
const NUMBER_TEXT = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
// Bank operations are dated within these years; anything else is garbage (and MariaDB's DATE starts at 1000).
const FIRST_YEAR = 1900;
const LAST_YEAR = 2999;
const INT32_MAX = 2 ** 31 - 1;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
let currencies: ReadonlySet<string> | undefined;

export function asRecord(value: unknown, what: string): Json {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new BridgeUnavailableError(`Bridge sent an unexpected answer: ${what} is not an object`);
  }
  return value as Json;
}

/** The value as it came, for messages: short, and never more than a glimpse of a long text. */
export function shown(value: unknown): string {
  const text = typeof value === 'string' && !NUMBER_TEXT.test(value) ? JSON.stringify(value) : String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

export function id(record: Json, field: string): number {
  const value = Number(record[field]);
  if (record[field] === undefined || record[field] === null || !Number.isSafeInteger(value)) {
    throw new BridgeFieldError(field, 'is missing or not an integer');
  }
  return value;
}

export function optionalInt(record: Json, field: string): number | null {
  const value = record[field];
  return value === undefined || value === null ? null : id(record, field);
}

/** An optional integer stored in an INT column. */
export function optionalInt32(record: Json, field: string): number | null {
  const value = optionalInt(record, field);
  if (value !== null && Math.abs(value) > INT32_MAX) {
    throw new BridgeFieldError(field, `is ${shown(record[field])}, beyond a 32-bit integer`);
  }
  return value;
}

export function text(record: Json, field: string): string {
  const value = record[field];
  if (typeof value !== 'string') {
    throw new BridgeFieldError(field, 'is missing or not a string');
  }
  return value;
}

export function optionalText(record: Json, field: string): string | null {
  const value = record[field];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** An optional text that must be valid Unicode (a lone surrogate cannot be stored in utf8mb4). */
export function optionalLabel(record: Json, field: string): string | null {
  const value = optionalText(record, field);
  if (value !== null && LONE_SURROGATE.test(value)) {
    throw new BridgeFieldError(field, 'is not valid Unicode text (a lone surrogate)');
  }
  return value;
}

/** An optional text stored in a column of `max` characters: a longer one is not a value Bridge documents. */
export function optionalBoundedText(record: Json, field: string, max: number): string | null {
  const value = optionalLabel(record, field);
  if (value !== null && [...value].length > max) {
    throw new BridgeFieldError(field, `is longer than ${max} characters (${JSON.stringify(`${value.slice(0, 30)}…`)})`);
  }
  return value;
}

export function boundedText(record: Json, field: string, max: number): string {
  text(record, field);
  const value = optionalBoundedText(record, field, max);
  if (value === null) {
    throw new BridgeFieldError(field, 'is empty');
  }
  return value;
}

/** An amount stored exactly in DECIMAL(18,2): never rounded, never beyond 16 integer digits. */
export function money(record: Json, field: string): Money {
  const value = record[field];
  if (typeof value !== 'string' || !NUMBER_TEXT.test(value)) {
    throw new BridgeFieldError(
      field,
      value === undefined || value === null ? 'is missing' : `is ${shown(value)}, not a number`,
    );
  }
  // Compare exponents before building digits: 1e309 (or 1e999999) must not expand to a huge string.
  const exponent = Number(/[eE]([-+]?\d+)$/.exec(value)?.[1] ?? 0);
  const amount = Math.abs(exponent) > 100 ? null : new Big(value);
  if (exponent > 100 || (amount !== null && amount.abs().gt(MAX_AMOUNT))) {
    throw new BridgeFieldError(field, `is ${shown(value)}, beyond the 16 integer digits of an amount`);
  }
  if (amount === null || !amount.round(2).eq(amount)) {
    throw new BridgeFieldError(field, `is ${shown(value)}, with more than 2 decimals`);
  }
  return toMoney(amount);
}

/** A calendar day YYYY-MM-DD (2025-02-30 is not one). */
export function day(record: Json, field: string): string {
  const value = record[field];
  const match = typeof value === 'string' ? DAY.exec(value) : null;
  if (match && (Number(match[1]) < FIRST_YEAR || Number(match[1]) > LAST_YEAR)) {
    throw new BridgeFieldError(field, `is ${shown(value)}, outside the years ${FIRST_YEAR} to ${LAST_YEAR}`);
  }
  if (!match || !isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw new BridgeFieldError(
      field,
      value === undefined || value === null ? 'is missing' : `is ${shown(value)}, not a calendar date YYYY-MM-DD`,
    );
  }
  return value as string;
}

export function optionalDay(record: Json, field: string): string | null {
  const value = record[field];
  return value === undefined || value === null || value === '' ? null : day(record, field);
}

/** An ISO 8601 date-time with its time zone, as Bridge stamps `updated_at`. */
export function instant(record: Json, field: string): string {
  const value = record[field];
  const match = typeof value === 'string' ? INSTANT.exec(value) : null;
  const valid =
    match !== null &&
    Number(match[1]) >= FIRST_YEAR &&
    Number(match[1]) <= LAST_YEAR &&
    isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3])) &&
    Number(match[4]) < 24 &&
    Number(match[5]) < 60 &&
    Number(match[7] ?? 0) < 60 &&
    Number.isFinite(Date.parse(value as string));
  if (!valid) {
    throw new BridgeFieldError(
      field,
      value === undefined || value === null
        ? 'is missing'
        : `is ${shown(value)}, not an ISO 8601 date-time with a time zone`,
    );
  }
  return value as string;
}

/** An ISO 4217 code (EUR); absent means EUR, as on Bridge's examples. */
export function currency(record: Json, field: string): string {
  const value = record[field];
  if (value === undefined || value === null) {
    return 'EUR';
  }
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  if (typeof value !== 'string' || !currencies.has(value)) {
    throw new BridgeFieldError(field, `is ${shown(value)}, not an ISO 4217 currency code`);
  }
  return value;
}

export function bool(record: Json, field: string): boolean {
  return record[field] === true;
}

export function iban(record: Json, field: string): string | null {
  const value = optionalText(record, field);
  return value ? normalizeIban(value) : null;
}

/** `{resources: [...], pagination: {next_uri}}` → the rows and the next path, if any. */
export function page(body: unknown): { resources: Json[]; nextUri: string | null } {
  const record = asRecord(body, 'the list');
  if (!Array.isArray(record.resources)) {
    throw new BridgeUnavailableError('Bridge sent an unexpected answer: the list has no "resources"');
  }
  const pagination = record.pagination as Json | undefined;
  const next = pagination?.next_uri;
  // Some Bridge answers end with the string "null" instead of null: stop on null, missing, "" or "null".
  const nextUri = typeof next === 'string' && next !== '' && next !== 'null' ? next : null;
  return { resources: record.resources.map((item, index) => asRecord(item, `resource ${index}`)), nextUri };
}

function isCalendarDay(year: number, month: number, dayOfMonth: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, dayOfMonth));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === dayOfMonth;
}
