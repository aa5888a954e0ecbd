import { describe, expect, it } from '@jest/globals';

import { STATEMENT_CSV_COLUMNS, writeStatementCsv } from './statement-csv-writer.js';
import { exportLine, sampleStatement } from './statement-export.fixture.js';

/** The cells of a CSV of this writer, still quoted: no cell of the sample holds a semicolon or a line break. */
function cells(csv: string): string[][] {
  return csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\n')
    .map((row) => row.split(';'));
}

function cents(amount: string): number {
  const [units = '', decimals = ''] = amount.replace('-', '').split(',');
  return (amount.startsWith('-') ? -1 : 1) * (Number(units) * 100 + Number(decimals));
}

describe('statement CSV writer', () => {
  it('should start with a UTF-8 BOM and the French column names', () => {
    const csv = writeStatementCsv(sampleStatement());
    expect(csv.startsWith('\uFEFFDate;Date de valeur;Libellé;Débit;Crédit;Montant;Référence bancaire\n')).toBe(true);
    expect(STATEMENT_CSV_COLUMNS).toHaveLength(7);
  });

  it('should write the opening balance, one row per line, then the closing balance', () => {
    const [, opening, first, second, , , , , , closing, ...rest] = cells(writeStatementCsv(sampleStatement()));
    expect(opening).toEqual(['01/03/2025', '', 'Solde initial', '', '', '1500,00', '']);
    // csv-stringify quotes the cell that holds quotes, doubling them.
    expect(first).toEqual([
      '03/03/2025',
      '04/03/2025',
      '"VIR SEPA CLIENT <DUPONT> & ""Cie"" l\'atelier"',
      '',
      '1234,56',
      '1234,56',
      '38000001',
    ]);
    expect(second).toEqual(['03/03/2025', '', '€ œuvre Ÿ café 😀', '12,35', '', '-12,35', '38000002']);
    expect(closing).toEqual(['31/03/2025', '', 'Solde final', '', '', '-1233,20', '']);
    expect(rest).toEqual([]);
  });

  it('should make the amounts of the lines add up to the balance change', () => {
    const rows = cells(writeStatementCsv(sampleStatement())).slice(1);
    const lines = rows.slice(1, -1);
    const change = cents(rows.at(-1)![5]!) - cents(rows[0]![5]!);
    expect(lines.reduce((total, row) => total + cents(row[5]!), 0)).toBe(change);
    expect(lines.reduce((total, row) => total + cents(row[4] || '0,00') - cents(row[3] || '0,00'), 0)).toBe(change);
  });

  it.each(['=HYPERLINK("https://evil.example")', '+33 6 12 34 56 78', '-2+3+cmd', '@SUM(A1:A2)'])(
    'should neutralise the label %j so that a spreadsheet never runs it',
    (label) => {
      const csv = writeStatementCsv(sampleStatement({ lines: [exportLine({ id: 1, amount: '-1.00', label })] }));
      const row = csv.split('\n')[2]!;
      expect(row).toContain(`'${label.replaceAll('"', '""')}`);
      expect(row).not.toMatch(new RegExp(`;"?[=+@]`));
    },
  );

  it('should keep a negative amount a number a spreadsheet can sum', () => {
    const csv = writeStatementCsv(sampleStatement({ lines: [exportLine({ id: 1, amount: '-1234.50', label: 'x' })] }));
    expect(csv.split('\n')[2]).toBe('03/03/2025;;x;1234,50;;-1234,50;38000001');
  });
});
