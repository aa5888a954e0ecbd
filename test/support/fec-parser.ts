// A FEC reader for the tests, written from LPF art. A47 A-1 and the DGFiP's checker (Test Compta Demat), independent
// of the exporter: nothing here comes from src/accounting, so a mistake shared by both cannot hide.

export const FEC_COLUMN_NAMES = [
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

export type FecColumnName = (typeof FEC_COLUMN_NAMES)[number];

/** One record: its fields by position, and by the name of the zone at that position (blank when missing). */
export interface ParsedFecRecord {
  /** 1 for the first record after the header. */
  lineNumber: number;
  fields: string[];
  zones: Record<FecColumnName, string>;
}

export interface ParsedFec {
  text: string;
  header: string[];
  records: ParsedFecRecord[];
}

export function parseFec(bytes: Buffer, encoding: 'iso-8859-15' | 'utf-8'): ParsedFec {
  const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  const [headerLine = '', ...recordLines] = text.split('\r\n');
  const records = recordLines.map((line, index) => {
    const fields = line.split('\t');
    const zones = Object.fromEntries(
      FEC_COLUMN_NAMES.map((name, position) => [name, fields[position] ?? '']),
    ) as Record<FecColumnName, string>;
    return { lineNumber: index + 1, fields, zones };
  });
  return { text, header: headerLine.split('\t'), records };
}

const DATE_ZONES = ['EcritureDate', 'PieceDate', 'ValidDate'] as const;
const REQUIRED_TEXT_ZONES = [
  'JournalCode',
  'JournalLib',
  'EcritureNum',
  'CompteLib',
  'PieceRef',
  'EcritureLib',
] as const;
const AMOUNT = /^(\d+),(\d{2})$/;
const ECRITURE_NUM = /^(.+)-(\d{4})-(\d{6})$/;

function isCalendarDate(value: string): boolean {
  if (!/^\d{8}$/.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(4, 6));
  const day = Number(value.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** "1234,50" → 123450; null when the amount is not written as the FEC wants it. */
export function fecCents(amount: string): number | null {
  const parts = AMOUNT.exec(amount);
  return parts ? Number(parts[1]) * 100 + Number(parts[2]) : null;
}

/** Every rule the file breaks, as readable sentences; an empty list means the file passes. */
export function checkFec(parsed: ParsedFec): string[] {
  const violations: string[] = [];
  if (parsed.text.endsWith('\n') || parsed.text.endsWith('\r')) violations.push('the file ends with a line break');
  if (parsed.header.join('\t') !== FEC_COLUMN_NAMES.join('\t'))
    violations.push(`header is not the 18 zone names: ${parsed.header.join(',')}`);
  if (parsed.records.length === 0) return violations;

  interface EntrySummary {
    journalCodes: Set<string>;
    dates: Set<string>;
    pieceRefs: Set<string>;
    cents: number;
  }
  const entries = new Map<string, EntrySummary>();
  const numbersBySequence = new Map<string, number[]>();
  let previousValidDate = '';

  for (const { lineNumber, fields, zones } of parsed.records) {
    const at = `record ${lineNumber}`;
    if (fields.length !== 18) violations.push(`${at}: ${fields.length} fields instead of 18`);
    fields.forEach((field, position) => {
      if (/[|\r\n]/.test(field)) violations.push(`${at}: field ${position + 1} contains "|" or a line break`);
    });
    for (const zone of DATE_ZONES) {
      if (!isCalendarDate(zones[zone])) violations.push(`${at}: ${zone} "${zones[zone]}" is not an AAAAMMJJ date`);
    }
    for (const zone of REQUIRED_TEXT_ZONES) {
      if (zones[zone].trim() === '') violations.push(`${at}: ${zone} is empty`);
    }
    if (!/^[1-7]\d{2}/.test(zones.CompteNum))
      violations.push(`${at}: CompteNum "${zones.CompteNum}" does not start with 3 digits of classes 1-7`);

    const debit = fecCents(zones.Debit);
    const credit = fecCents(zones.Credit);
    if (debit === null) violations.push(`${at}: Debit "${zones.Debit}" is not written like 1234,50`);
    if (credit === null) violations.push(`${at}: Credit "${zones.Credit}" is not written like 1234,50`);
    if (debit !== null && credit !== null && (debit === 0) === (credit === 0))
      violations.push(`${at}: exactly one of Debit and Credit must be non-zero`);

    if (zones.ValidDate < previousValidDate)
      violations.push(`${at}: ValidDate ${zones.ValidDate} comes after ${previousValidDate}`);
    previousValidDate = zones.ValidDate > previousValidDate ? zones.ValidDate : previousValidDate;

    const entry = entries.get(zones.EcritureNum) ?? {
      journalCodes: new Set(),
      dates: new Set(),
      pieceRefs: new Set(),
      cents: 0,
    };
    entries.set(zones.EcritureNum, entry);
    entry.journalCodes.add(zones.JournalCode);
    entry.dates.add(zones.EcritureDate);
    entry.pieceRefs.add(zones.PieceRef);
    entry.cents += (debit ?? 0) - (credit ?? 0);

    const number = ECRITURE_NUM.exec(zones.EcritureNum);
    if (!number || number[1] !== zones.JournalCode) {
      violations.push(`${at}: EcritureNum "${zones.EcritureNum}" is not <journal>-<year>-<6 digits>`);
      continue;
    }
    const sequence = `${number[1]}-${number[2]}`;
    const numbers = numbersBySequence.get(sequence) ?? [];
    numbersBySequence.set(sequence, numbers);
    const value = Number(number[3]);
    const last = numbers.at(-1);
    if (last === undefined || value !== last) {
      if (last !== undefined && value < last)
        violations.push(
          `${at}: EcritureNum ${zones.EcritureNum} comes after ${sequence}-${String(last).padStart(6, '0')}`,
        );
      if (numbers.includes(value)) violations.push(`${at}: entry ${zones.EcritureNum} is split in the file`);
      numbers.push(value);
    }
  }

  for (const [ecritureNum, entry] of entries) {
    if (entry.cents !== 0) violations.push(`entry ${ecritureNum} is not balanced (${entry.cents} cents)`);
    if (entry.journalCodes.size > 1) violations.push(`entry ${ecritureNum} has several journal codes`);
    if (entry.dates.size > 1) violations.push(`entry ${ecritureNum} has several dates`);
    if (entry.pieceRefs.size > 1) violations.push(`entry ${ecritureNum} has several piece references`);
  }
  for (const [sequence, numbers] of numbersBySequence) {
    const sorted = [...new Set(numbers)].sort((a, b) => a - b);
    const gap = sorted.findIndex((value, index) => value !== index + 1);
    if (gap >= 0)
      violations.push(
        `sequence ${sequence}: ${sorted[gap]} follows ${sorted[gap - 1] ?? 0} (numbers run from 1, no gap)`,
      );
  }
  return violations;
}

/** The net movement of an account over the file, debit minus credit, in integer cents. */
export function netMovement(parsed: ParsedFec, account: string): number {
  let cents = 0;
  for (const { zones } of parsed.records) {
    if (zones.CompteNum === account) cents += (fecCents(zones.Debit) ?? NaN) - (fecCents(zones.Credit) ?? NaN);
  }
  return cents;
}

/** The records of each entry, by EcritureNum, in file order. */
export function fecEntries(parsed: ParsedFec): Map<string, ParsedFecRecord[]> {
  const entries = new Map<string, ParsedFecRecord[]>();
  for (const record of parsed.records) {
    const lines = entries.get(record.zones.EcritureNum) ?? [];
    lines.push(record);
    entries.set(record.zones.EcritureNum, lines);
  }
  return entries;
}
