import type { ValueTransformer } from 'typeorm';

import { toMoney, type Money } from '../common/money/money.js';

/**
 * DECIMAL columns come back as strings from mysql2 and as exact-enough numbers from SQLite (2-decimal values
 * below 1e13 round-trip through a double); both are normalised to the canonical decimal string.
 */
export const moneyTransformer: ValueTransformer = {
  to: (value: Money | null | undefined) => (value === null || value === undefined ? value : toMoney(value)),
  from: (value: string | number | null) => (value === null || value === undefined ? null : toMoney(value)),
};

/** BIGINT columns (Bridge ids reach 14 digits) come back as strings from mysql2; ids stay below 2^53. */
export const bigintTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => {
    if (value === null || value === undefined) {
      return null;
    }
    const result = Number(value);
    if (!Number.isSafeInteger(result)) {
      throw new Error(`BIGINT value ${value} is beyond the safe integer range`);
    }
    return result;
  },
};

/** Comma-separated list stored in one column, exposed as an array. */
export const stringListTransformer: ValueTransformer = {
  to: (value: string[] | null | undefined) => (value === null || value === undefined ? value : value.join(',')),
  // TypeORM also passes back values it already holds (e.g. defaults after an insert): arrays are kept as they are.
  from: (value: string | string[] | null) =>
    Array.isArray(value) ? value : value ? value.split(',').filter((item) => item !== '') : [],
};

export const numberListTransformer: ValueTransformer = {
  to: (value: number[] | null | undefined) => (value === null || value === undefined ? value : value.join(',')),
  from: (value: string | number[] | null) =>
    Array.isArray(value)
      ? value
      : value
        ? value
            .split(',')
            .filter((item) => item !== '')
            .map(Number)
        : [],
};
