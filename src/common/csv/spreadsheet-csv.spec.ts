import { describe, expect, it } from '@jest/globals';

import { neutraliseCsvCell, toSpreadsheetCsv } from './spreadsheet-csv.js';

describe('spreadsheet CSV', () => {
  it.each([
    '=HYPERLINK("https://evil.example","x")',
    '+33612345678',
    "-2+3+cmd|' /C calc'!A0",
    '@SUM(A1:A2)',
    '\t=1+1',
    '\r=1+1',
    '-',
    '-1e5',
    '-12.34;=1',
  ])('should make %j text that a spreadsheet never evaluates', (cell) => {
    expect(neutraliseCsvCell(cell)).toBe(`'${cell}`);
  });

  it.each(['-12.34', '-12,34', '-600', '600.00', '0', 'claire@boulangerie.fr', 'Boulangerie = Martin', ''])(
    'should leave %j as it is',
    (cell) => {
      expect(neutraliseCsvCell(cell)).toBe(cell);
    },
  );

  it('should write numbers, dates and empty values', () => {
    expect(neutraliseCsvCell(-5)).toBe('-5');
    expect(neutraliseCsvCell(null)).toBe('');
    expect(neutraliseCsvCell(undefined)).toBe('');
    expect(neutraliseCsvCell(new Date('2026-11-02T10:00:00Z'))).toBe('2026-11-02T10:00:00.000Z');
  });

  it('should neutralise the cells of a whole file, quoting where the separator requires it', () => {
    const csv = toSpreadsheetCsv(
      ['email', 'amount'],
      [
        ['=2+5@x.fr', '-12.34'],
        ['a;b', '+1'],
      ],
    );
    expect(csv).toBe('\uFEFFemail;amount\n\'=2+5@x.fr;-12.34\n"a;b";\'+1\n');
  });
});
