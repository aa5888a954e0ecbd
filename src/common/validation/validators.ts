import { registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';

import { isMoney } from '../money/money.js';

/** Electronic format: no spaces, upper case ("FR76 3000 ..." → "FR7630006..."). */
export function normalizeIban(value: string): string {
  return electronicFormatIBAN(value) ?? value.replace(/\s+/g, '').toUpperCase();
}

/** ISO 13616: country format and mod-97 checksum. */
export function isIban(value: unknown): boolean {
  return typeof value === 'string' && isValidIBAN(normalizeIban(value));
}

export function isBic(value: unknown): boolean {
  return typeof value === 'string' && isValidBIC(value.replace(/\s+/g, '').toUpperCase());
}

/** `MM-DD` of a fiscal year end: a real day of a common year (29 February is refused: use 02-28). */
export function isFiscalYearEnd(value: unknown): value is string {
  const match = typeof value === 'string' ? /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.exec(value) : null;
  if (!match) {
    return false;
  }
  return isRealDate(`2025-${match[1]}-${match[2]}`);
}

/** SIREN: 9 digits with a Luhn checksum (La Poste, 356000000, is the documented exception). */
export function isSiren(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{9}$/.test(value)) {
    return false;
  }
  if (value === '356000000') {
    return true;
  }
  let sum = 0;
  for (let index = 0; index < 9; index++) {
    let digit = Number(value[8 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) {
        digit -= 9;
      }
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function predicate(name: string, test: (value: unknown) => boolean, message: string) {
  return (options?: ValidationOptions) => (target: object, propertyName: string) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName,
      options: { message, ...options },
      validator: { validate: test },
    });
}

export const IsIban = predicate('isIban', isIban, 'must be a valid IBAN (ISO 13616 country format and checksum)');
export const IsBic = predicate('isBic', isBic, 'must be a valid BIC (8 or 11 characters, ISO 9362)');
export const IsSiren = predicate('isSiren', isSiren, 'must be a valid SIREN (9 digits with a valid checksum)');
export const IsFiscalYearEnd = predicate(
  'isFiscalYearEnd',
  isFiscalYearEnd,
  'must be the last day of the fiscal year written MM-DD, e.g. 12-31 or 06-30 (29 February is not allowed: use 02-28)',
);
export const IsMoney = predicate(
  'isMoney',
  isMoney,
  'must be a decimal amount written as a string with at most 2 decimals, e.g. "-1234.56"',
);
export const IsIsoDate = predicate(
  'isIsoDate',
  (value) => typeof value === 'string' && isRealDate(value),
  'must be a date written YYYY-MM-DD',
);

/** A calendar day that exists, YYYY-MM-DD ("2026-02-30" does not). */
export function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return false;
  }
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

// Offsets of real time zones run from -12:00 to +14:00.
const INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)?$/;

/**
 * An instant a person can mean: a real day (its start, UTC) or an ISO 8601 date-time on a real day (UTC when it
 * carries no offset). Null when the text is no such thing.
 */
export function parseInstant(value: string): Date | null {
  if (isRealDate(value)) {
    return new Date(`${value}T00:00:00Z`);
  }
  const match = INSTANT.exec(value);
  if (!match || !isRealDate(match[1]!)) {
    return null;
  }
  const date = new Date(match[5] ? value : `${value}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Ids of our INT columns: 1 to 2^31 - 1. */
export const MAX_ID = 2_147_483_647;
/** Ids from Bridge or an ERP (BIGINT columns) must survive a JavaScript number: at most 2^53 - 1. */
export const MAX_EXTERNAL_ID = Number.MAX_SAFE_INTEGER;

/**
 * An integer in [min, max], given as a JSON number (a query parameter or a Bridge id is converted first by
 * `integerText`). One rule, one message that says what is expected, whatever was wrong (type, fraction, range).
 */
export function IsIntegerBetween(min: number, max: number, options: ValidationOptions & { nullable?: boolean } = {}) {
  const { nullable, ...validation } = options;
  const expected = `an integer between ${min} and ${max}`;
  const message = validation.each
    ? `each value must be ${expected}`
    : `must be ${expected}${nullable ? ', or null' : ''}`;
  return predicate(
    'isIntegerBetween',
    (value) => typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max,
    message,
  )(validation);
}

/** A string that is not blank (once trimmed by the DTO) and fits its column. */
export function IsText(maxLength: number, options: ValidationOptions = {}) {
  return predicate(
    'isText',
    (value) => typeof value === 'string' && value.trim() !== '' && value.length <= maxLength,
    `must be a non-empty string of at most ${maxLength} characters`,
  )(options);
}

/** A list stored joined with commas in one column of `maxLength` characters. */
export function FitsJoined(maxLength: number, options: ValidationOptions = {}) {
  return predicate(
    'fitsJoined',
    (value) => Array.isArray(value) && value.map(String).join(',').length <= maxLength,
    `must fit in ${maxLength} characters once joined with commas: give fewer or shorter values`,
  )(options);
}

/** The field may be left out, but `null` is refused (unlike @IsOptional, which lets null through). */
export const IsOmittable = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
