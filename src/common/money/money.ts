import Big from 'big.js';

/** Amounts are carried as decimal strings with two decimals ("-12.34"); arithmetic goes through big.js. */
export type Money = string;

const MONEY_PATTERN = /^-?\d{1,16}(\.\d{1,2})?$/;

export function isMoney(value: unknown): value is Money {
  return typeof value === 'string' && MONEY_PATTERN.test(value);
}

/** Normalises a decimal (string or exact number from a driver) to the canonical two-decimal string. */
export function toMoney(value: string | number | Big): Money {
  const result = new Big(value).toFixed(2);
  return result === '-0.00' ? '0.00' : result;
}

export function sumMoney(values: Iterable<string | number>): Money {
  let total = new Big(0);
  for (const value of values) {
    total = total.plus(value);
  }
  return toMoney(total);
}

export function addMoney(a: string | number, b: string | number): Money {
  return toMoney(new Big(a).plus(b));
}
