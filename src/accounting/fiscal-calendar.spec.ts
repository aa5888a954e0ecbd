import { describe, expect, it } from '@jest/globals';

import { fiscalPeriodNamed, fiscalPeriodOf, isFiscalYearEnd } from './fiscal-calendar.js';

describe('fiscal calendar', () => {
  it('should name a calendar fiscal year by its year', () => {
    expect(fiscalPeriodOf('2025-01-01', '12-31')).toEqual({
      year: 2025,
      startDate: '2025-01-01',
      endDate: '2025-12-31',
    });
    expect(fiscalPeriodOf('2025-12-31', '12-31')).toEqual({
      year: 2025,
      startDate: '2025-01-01',
      endDate: '2025-12-31',
    });
  });

  it('should name a non-calendar fiscal year by the year it ends in', () => {
    expect(fiscalPeriodOf('2024-07-01', '06-30')).toEqual({
      year: 2025,
      startDate: '2024-07-01',
      endDate: '2025-06-30',
    });
    expect(fiscalPeriodOf('2025-06-30', '06-30')).toEqual({
      year: 2025,
      startDate: '2024-07-01',
      endDate: '2025-06-30',
    });
    expect(fiscalPeriodOf('2025-07-01', '06-30')).toEqual({
      year: 2026,
      startDate: '2025-07-01',
      endDate: '2026-06-30',
    });
    expect(fiscalPeriodNamed(2025, '06-30')).toEqual({ year: 2025, startDate: '2024-07-01', endDate: '2025-06-30' });
  });

  it('should handle a year closing at the end of February across a leap year', () => {
    expect(fiscalPeriodOf('2024-02-29', '02-28')).toEqual({
      year: 2025,
      startDate: '2024-02-29',
      endDate: '2025-02-28',
    });
    expect(fiscalPeriodOf('2024-02-28', '02-28')).toEqual({
      year: 2024,
      startDate: '2023-03-01',
      endDate: '2024-02-28',
    });
  });

  it.each(['12-31', '06-30', '02-28', '01-01'])('should accept %s as a fiscal year end', (value) => {
    expect(isFiscalYearEnd(value)).toBe(true);
  });

  it.each(['02-29', '02-30', '13-01', '00-10', '6-30', '12/31', '', 1231, null])('should refuse %p', (value) => {
    expect(isFiscalYearEnd(value)).toBe(false);
  });
});
