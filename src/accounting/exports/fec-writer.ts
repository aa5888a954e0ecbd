import Big from 'big.js';
import { DateTime } from 'luxon';

import type { FecEncoding, FecEntry, FecEntryLine } from './export-types.js';
import { cleanFecField, encodeFec, transliterateToIso885915 } from './fec-text.js';

/** The 18 zones of LPF art. A47 A-1 VII 1°, in order, spelled as the header line must spell them. */
export const FEC_COLUMNS = [
  'JournalCode',
  'JournalLib',
  'EcritureNum',
  'EcritureDate',
  'CompteNum',
  'CompteLib',
  'CompAuxNum',
  'CompAuxLib',
  'PieceRef',
  'PieceDate',
  'EcritureLib',
  'Debit',
  'Credit',
  'EcritureLet',
  'DateLet',
  'ValidDate',
  'Montantdevise',
  'Idevise',
] as const;

export const FEC_FIELD_SEPARATOR = '\t';
/**
 * Between records, never after the last one: a file is `fecHeader()`, then `FEC_RECORD_SEPARATOR + record` for each
 * record, which is also how the service streams it page by page (Odoo found that the DGFiP dislikes a final newline).
 */
export const FEC_RECORD_SEPARATOR = '\r\n';

export const FEC_FALLBACK_LABEL = 'Opération bancaire';
export const FEC_FALLBACK_PIECE_REF = '-';
const FEC_TIME_ZONE = 'Europe/Paris';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const AMOUNT = /^\d{1,16}(\.\d{1,2})?$/;

export function fecHeader(): string {
  return FEC_COLUMNS.join(FEC_FIELD_SEPARATOR);
}

/** 2025-03-07 → 20250307 (A47 A-1 XII 4°: AAAAMMJJ without separator). */
function fecDate(isoDate: string, zone: string): string {
  const parts = ISO_DATE.exec(isoDate);
  if (!parts) throw new Error(`FEC ${zone}: "${isoDate}" is not a YYYY-MM-DD date`);
  return `${parts[1]}${parts[2]}${parts[3]}`;
}

/** "1234.5" → "1234,50" (A47 A-1 XII 2°: decimal comma, no thousands separator); amounts are never negative here. */
function fecAmount(amount: string, zone: string, ecritureNum: string): string {
  if (!AMOUNT.test(amount)) throw new Error(`FEC ${zone} of ${ecritureNum}: "${amount}" is not a positive amount`);
  return new Big(amount).toFixed(2).replace('.', ',');
}

/** The zones that identify an entry cannot fall back on anything: an empty one is a bug upstream. */
function required(value: string, zone: string, ecritureNum: string): string {
  if (value === '') throw new Error(`FEC ${zone} of entry "${ecritureNum}" is empty`);
  return value;
}

function checkOneSide(line: FecEntryLine, ecritureNum: string): void {
  const debit = new Big(line.debit);
  const credit = new Big(line.credit);
  if (debit.eq(0) === credit.eq(0))
    throw new Error(`FEC line of ${ecritureNum} on ${line.account}: exactly one of debit and credit must be non-zero`);
}

/**
 * The records of one entry, one per entry line, without separators between them. With `iso-8859-15`, each text is
 * transliterated before it is cleaned, so that a label made only of emoji still falls back to "Opération bancaire"
 * instead of becoming empty when the file is encoded.
 */
export function fecRecords(entry: FecEntry, encoding: FecEncoding = 'utf-8'): string[] {
  const text = (value: string): string =>
    cleanFecField(encoding === 'iso-8859-15' ? transliterateToIso885915(value) : value);
  const journalCode = required(text(entry.journalCode), 'JournalCode', entry.ecritureNum);
  const ecritureNum = required(text(entry.ecritureNum), 'EcritureNum', entry.ecritureNum);
  // A name made only of what the charset drops (an emoji) must not leave the zone blank: the code names the journal.
  const journalLib = text(entry.journalName) || journalCode;
  const ecritureDate = fecDate(entry.date, 'EcritureDate');
  const pieceRef = text(entry.pieceRef) || FEC_FALLBACK_PIECE_REF;
  const pieceDate = fecDate(entry.pieceDate, 'PieceDate');
  const ecritureLib = text(entry.label) || FEC_FALLBACK_LABEL;
  const validDate = DateTime.fromJSDate(entry.validatedAt, { zone: FEC_TIME_ZONE }).toFormat('yyyyLLdd');
  if (!/^\d{8}$/.test(validDate)) throw new Error(`FEC ValidDate of ${ecritureNum}: invalid validation time`);

  return entry.lines.map((line) => {
    checkOneSide(line, ecritureNum);
    const fields: string[] = [
      journalCode,
      journalLib,
      ecritureNum,
      ecritureDate,
      required(text(line.account), 'CompteNum', ecritureNum),
      text(line.accountLabel) || text(line.account),
      '', // CompAuxNum: no auxiliary accounts on bank entries
      '', // CompAuxLib
      pieceRef,
      pieceDate,
      ecritureLib,
      fecAmount(line.debit, 'Debit', ecritureNum),
      fecAmount(line.credit, 'Credit', ecritureNum),
      '', // EcritureLet: no lettering
      '', // DateLet
      validDate,
      '', // Montantdevise: EUR accounts only
      '', // Idevise
    ];
    return fields.join(FEC_FIELD_SEPARATOR);
  });
}

/** `<SIREN>FEC<AAAAMMJJ>.txt`, AAAAMMJJ being the fiscal year's closing date (A47 A-1 IX). */
export function fecFileName(siren: string, fiscalYearEnd: string): string {
  if (!/^\d{9}$/.test(siren)) throw new Error(`FEC file name: "${siren}" is not a 9-digit SIREN`);
  return `${siren}FEC${fecDate(fiscalYearEnd, 'file name')}.txt`;
}

/** The text of a whole FEC: the header, then one record per entry line, CRLF between records and none at the end. */
export function fecText(entries: Iterable<FecEntry>, encoding: FecEncoding = 'utf-8'): string {
  let text = fecHeader();
  for (const entry of entries) {
    for (const record of fecRecords(entry, encoding)) text += FEC_RECORD_SEPARATOR + record;
  }
  return text;
}

/** A whole FEC in memory, for small files; the service streams large ones from the same pieces. */
export function writeFecFile(entries: Iterable<FecEntry>, encoding: FecEncoding): Buffer {
  return encodeFec(fecText(entries, encoding), encoding);
}
