import { stringify } from 'csv-stringify/sync';

// A spreadsheet runs a cell starting with one of these as a formula (=HYPERLINK, DDE through -2+3+cmd|…, @SUM…);
// tab and carriage return too, because some spreadsheets strip them before looking at the first character.
const FORMULA_START = /^[=+\-@\t\r]/;
// A plain negative amount starts with "-" but calls nothing: it must stay a number that a spreadsheet can sum.
const PLAIN_NEGATIVE_NUMBER = /^-\d+(?:[.,]\d+)?$/;

/** One cell as text that a spreadsheet shows and never evaluates: a leading apostrophe makes it text. */
export function neutraliseCsvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return FORMULA_START.test(text) && !PLAIN_NEGATIVE_NUMBER.test(text) ? `'${text}` : text;
}

/**
 * Every CSV the product hands out goes through here: semicolon-separated, UTF-8 with a BOM (as French spreadsheets
 * expect), each cell neutralised against formula injection.
 */
export function toSpreadsheetCsv(columns: string[], rows: unknown[][]): string {
  return stringify(
    rows.map((row) => row.map(neutraliseCsvCell)),
    { delimiter: ';', bom: true, header: true, columns: columns.map(neutraliseCsvCell) },
  );
}
