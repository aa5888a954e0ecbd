import { describe, expect, it } from '@jest/globals';
import Big from 'big.js';

import {
  frenchAmount,
  frenchDate,
  frenchDateTime,
  frenchEditableAmount,
  frenchMoney,
  parseFrenchAmount,
  parseFrenchDate,
} from './french-format.js';

// As Intl fr-FR writes them: a narrow no-break space between thousands, a no-break space before €.
const N = '\u202f';
const NB = '\u00a0';

describe('French formats of the back-office', () => {
  it('should write another currency with its French sign, and a code Intl does not know after the number', () => {
    expect(frenchMoney('1234.5', 'EUR')).toBe(`1${N}234,50${NB}€`);
    expect(frenchMoney('1234.5', 'USD')).toBe(`1${N}234,50${NB}$US`);
    expect(frenchMoney('-0.1', 'XYZ1')).toBe(`-0,10 XYZ1`);
  });

  it('should group thousands, use a decimal comma and end with €', () => {
    expect(frenchAmount('48458.56')).toBe(`48${N}458,56${NB}€`);
    expect(frenchAmount('1234567.5')).toBe(`1${N}234${N}567,50${NB}€`);
    expect(frenchAmount('-0.07')).toBe(`-0,07${NB}€`);
    expect(frenchAmount('999')).toBe(`999,00${NB}€`);
    expect(frenchAmount('-1000.00')).toBe(`-1${N}000,00${NB}€`);
  });

  it('should keep amounts beyond the precision of a float exact', () => {
    expect(frenchAmount('90071992547409.93')).toBe(`90${N}071${N}992${N}547${N}409,93${NB}€`);
  });

  it('should read amounts typed the French way', () => {
    expect(parseFrenchAmount('1 520,35')).toBe('1520.35');
    expect(parseFrenchAmount(`1${N}520,35${NB}€`)).toBe('1520.35');
    expect(parseFrenchAmount('1520,35')).toBe('1520.35');
    expect(parseFrenchAmount('-12,5')).toBe('-12.5');
    expect(parseFrenchAmount('1520.35')).toBe('1520.35');
    expect(parseFrenchAmount('12,5,3')).toBeNull();
    expect(parseFrenchAmount('abc')).toBeNull();
    expect(parseFrenchAmount('')).toBeNull();
  });

  it('should read days typed JJ/MM/AAAA and refuse impossible ones', () => {
    expect(parseFrenchDate('01/11/2026')).toBe('2026-11-01');
    expect(parseFrenchDate('1/2/2026')).toBe('2026-02-01');
    expect(parseFrenchDate('2026-11-01')).toBe('2026-11-01');
    expect(parseFrenchDate('31/02/2026')).toBeNull();
    expect(parseFrenchDate('11/2026')).toBeNull();
    expect(parseFrenchDate('demain')).toBeNull();
  });

  it('should write days as JJ/MM/AAAA and instants in Paris time', () => {
    expect(frenchDate('2026-11-14')).toBe('14/11/2026');
    expect(frenchDate(null)).toBe('');
    // 23:30 UTC on 31 December is already 1 January in Paris (UTC+1 in winter).
    expect(frenchDateTime(new Date('2026-12-31T23:30:00Z'))).toBe('01/01/2027 00:30');
    expect(frenchDateTime('2026-07-01T08:05:00.000Z')).toBe('01/07/2026 10:05');
    expect(frenchDateTime(null)).toBe('');
  });

  it('should show an amount in an edit form French and exact, and read it back unchanged', () => {
    expect(frenchEditableAmount('50490.16')).toBe(`50${N}490,16`);
    expect(frenchEditableAmount('-1234567.125')).toBe(`-1${N}234${N}567,125`);
    expect(frenchEditableAmount('12')).toBe('12');
    expect(frenchEditableAmount('not an amount')).toBe('not an amount');
    for (const value of ['50490.16', '-0.125', '1000000', '-7.5']) {
      expect(parseFrenchAmount(frenchEditableAmount(value))).toBe(new Big(value).toString());
    }
  });
});
