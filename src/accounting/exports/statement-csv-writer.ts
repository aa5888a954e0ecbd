import Big from 'big.js';

import { toSpreadsheetCsv } from '../../common/csv/spreadsheet-csv.js';
import { toMoney } from '../../common/money/money.js';
import type { StatementExport } from './export-types.js';

export const STATEMENT_CSV_COLUMNS = [
  'Date',
  'Date de valeur',
  'Libellé',
  'Débit',
  'Crédit',
  'Montant',
  'Référence bancaire',
];

/** 2025-03-07 → 07/03/2025, as a French spreadsheet reads a date. */
function frenchDate(isoDate: string | null): string {
  if (isoDate === null) return '';
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!parts) throw new Error(`Statement CSV: "${isoDate}" is not a YYYY-MM-DD date`);
  return `${parts[3]}/${parts[2]}/${parts[1]}`;
}

/** "-1234.5" → "-1234,50": a decimal comma and no thousands separator, which French spreadsheets take as a number. */
function frenchAmount(amount: Big): string {
  return toMoney(amount).replace('.', ',');
}

/**
 * A statement as a spreadsheet CSV (semicolon, UTF-8 with BOM, cells neutralised against formulas): the opening
 * balance, one row per line with its side and signed amount, then the closing balance.
 */
export function writeStatementCsv(input: StatementExport): string {
  const rows: unknown[][] = [
    [frenchDate(input.dateStart), '', 'Solde initial', '', '', frenchAmount(new Big(input.balanceStart)), ''],
  ];
  for (const line of input.lines) {
    const amount = new Big(line.amount);
    rows.push([
      frenchDate(line.date),
      frenchDate(line.valueDate),
      line.label,
      amount.lt(0) ? frenchAmount(amount.abs()) : '',
      amount.lt(0) ? '' : frenchAmount(amount),
      frenchAmount(amount),
      line.bridgeTransactionId ?? '',
    ]);
  }
  rows.push([frenchDate(input.dateEnd), '', 'Solde final', '', '', frenchAmount(new Big(input.balanceEnd)), '']);
  return toSpreadsheetCsv(STATEMENT_CSV_COLUMNS, rows);
}
