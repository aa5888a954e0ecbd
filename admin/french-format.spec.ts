import { describe, expect, it } from '@jest/globals';

import { frenchAmount, frenchDate, frenchDateTime } from './french-format.js';

describe('French formats of the back-office', () => {
  it('should group thousands with a no-break space and use a decimal comma', () => {
    expect(frenchAmount('1234.55')).toBe('1\u00a0234,55');
    expect(frenchAmount('1234567.5')).toBe('1\u00a0234\u00a0567,50');
    expect(frenchAmount('-0.07')).toBe('-0,07');
    expect(frenchAmount('999')).toBe('999,00');
    expect(frenchAmount('-1000.00')).toBe('-1\u00a0000,00');
  });

  it('should keep amounts beyond the precision of a float exact', () => {
    expect(frenchAmount('90071992547409.93')).toBe('90\u00a0071\u00a0992\u00a0547\u00a0409,93');
  });

  it('should write days as JJ/MM/AAAA and instants in Paris time', () => {
    expect(frenchDate('2026-11-14')).toBe('14/11/2026');
    expect(frenchDate(null)).toBe('');
    // 23:30 UTC on 31 December is already 1 January in Paris (UTC+1 in winter).
    expect(frenchDateTime(new Date('2026-12-31T23:30:00Z'))).toBe('01/01/2027 00:30');
    expect(frenchDateTime('2026-07-01T08:05:00.000Z')).toBe('01/07/2026 10:05');
    expect(frenchDateTime(null)).toBe('');
  });
});
