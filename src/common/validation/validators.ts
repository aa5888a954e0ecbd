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
export const IsMoney = predicate(
  'isMoney',
  isMoney,
  'must be a decimal amount written as a string with at most 2 decimals, e.g. "-1234.56"',
);
export const IsIsoDate = predicate(
  'isIsoDate',
  (value) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && isRealDate(value),
  'must be a date written YYYY-MM-DD',
);

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** The field may be left out, but `null` is refused (unlike @IsOptional, which lets null through). */
export const IsOmittable = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
