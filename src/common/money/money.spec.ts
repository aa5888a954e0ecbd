import { describe, expect, it } from '@jest/globals';

import { addMoney, isMoney, sumMoney, toMoney } from './money.js';

describe('money', () => {
  it('should format with two decimals and no float drift', () => {
    expect(toMoney('0.1')).toBe('0.10');
    expect(addMoney('0.1', '0.2')).toBe('0.30');
    expect(sumMoney(['-12.34', '100', '0.01', '-0.01'])).toBe('87.66');
    expect(toMoney(-0)).toBe('0.00');
    expect(toMoney('123456789012345.67')).toBe('123456789012345.67');
  });

  it('should recognise decimal strings only', () => {
    expect(isMoney('-12.34')).toBe(true);
    expect(isMoney('12')).toBe(true);
    expect(isMoney('12.345')).toBe(false);
    expect(isMoney('1e3')).toBe(false);
    expect(isMoney(12.34)).toBe(false);
  });
});
