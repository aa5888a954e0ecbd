import { describe, expect, it } from '@jest/globals';

import { assertBillable, parsePeriod, periodsDueAt, periodWindow } from './billing-period.js';

describe('billing periods', () => {
  it('should read years and months and refuse anything else', () => {
    expect(parsePeriod('2027')).toEqual({ kind: 'annual', label: '2027', year: 2027 });
    expect(parsePeriod('2027-03')).toEqual({ kind: 'monthly', label: '2027-03', year: 2027, month: 3 });
    for (const bad of ['2027-13', '27-03', '2027-3', '', 2027]) {
      expect(() => parsePeriod(bad)).toThrow(/^period: /);
    }
  });

  it('should cut months at midnight in the billing time zone', () => {
    expect(periodWindow(parsePeriod('2027-03'), 'Europe/Paris')).toEqual({
      start: new Date('2027-02-28T23:00:00Z'),
      end: new Date('2027-03-31T22:00:00Z'),
    });
    expect(periodWindow(parsePeriod('2027'), 'Europe/Paris')).toEqual({
      start: new Date('2026-12-31T23:00:00Z'),
      end: new Date('2027-12-31T23:00:00Z'),
    });
  });

  it('should bill the new year and the month just ended on 1 January, Paris time', () => {
    const due = periodsDueAt(new Date('2026-12-31T23:05:00Z'), 'Europe/Paris');
    expect([due.annual.label, due.monthly.label]).toEqual(['2027', '2026-12']);
    const before = periodsDueAt(new Date('2026-12-31T22:55:00Z'), 'Europe/Paris');
    expect([before.annual.label, before.monthly.label]).toEqual(['2026', '2026-11']);
  });

  it('should bill a year from its first day and a month once it is over, Paris time', () => {
    const at = (iso: string) => new Date(iso);
    const billable = (period: string, now: string) => {
      try {
        assertBillable(parsePeriod(period), at(now), 'Europe/Paris');
        return true;
      } catch (error) {
        expect((error as { code?: string }).code).toBe('billing_period.not_over');
        return false;
      }
    };
    expect(billable('2027', '2026-12-31T22:59:59Z')).toBe(false);
    expect(billable('2027', '2026-12-31T23:00:00Z')).toBe(true);
    expect(billable('2027-03', '2027-03-31T21:59:59Z')).toBe(false);
    expect(billable('2027-03', '2027-03-31T22:00:00Z')).toBe(true);
    expect(billable('2026-11', '2026-11-26T09:00:00Z')).toBe(false);
    expect(billable('2026-10', '2026-11-26T09:00:00Z')).toBe(true);
  });
});
