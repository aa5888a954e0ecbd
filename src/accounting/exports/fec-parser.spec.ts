import { describe, expect, it } from '@jest/globals';

import { checkFec, fecEntries, netMovement, parseFec } from '../../../test/support/fec-parser.js';

// The spec of the tests' FEC reader (test/support/fec-parser.ts). It sits here because the unit project only picks
// up specs under src/; it proves that each check of the reader can fail, so that a FEC it passes means something.

const HEADER =
  'JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise';

function record(zones: {
  journal?: string;
  journalLib?: string;
  num: string;
  date?: string;
  account: string;
  accountLib?: string;
  piece?: string;
  pieceDate?: string;
  label?: string;
  debit: string;
  credit: string;
  valid?: string;
}): string {
  return [
    zones.journal ?? 'BQ1',
    zones.journalLib ?? 'Banque Crédit Mutuel',
    zones.num,
    zones.date ?? '20250107',
    zones.account,
    zones.accountLib ?? 'Banque',
    '',
    '',
    zones.piece ?? 'tx-1',
    zones.pieceDate ?? '20250106',
    zones.label ?? 'PRLV EDF',
    zones.debit,
    zones.credit,
    '',
    '',
    zones.valid ?? '20250110',
    '',
    '',
  ].join('\t');
}

const GOOD_RECORDS = [
  record({ num: 'BQ1-2025-000001', account: '512100', debit: '1234,50', credit: '0,00' }),
  record({
    num: 'BQ1-2025-000001',
    account: '471000',
    accountLib: "Compte d'attente",
    debit: '0,00',
    credit: '1234,50',
  }),
  record({
    num: 'BQ1-2025-000002',
    piece: 'tx-2',
    account: '627000',
    debit: '0,05',
    credit: '0,00',
    valid: '20250111',
  }),
  record({
    num: 'BQ1-2025-000002',
    piece: 'tx-2',
    account: '512100',
    debit: '0,00',
    credit: '0,05',
    valid: '20250111',
  }),
  record({
    journal: 'BQ2',
    num: 'BQ2-2025-000001',
    account: '512200',
    debit: '12,35',
    credit: '0,00',
    valid: '20250111',
  }),
  record({
    journal: 'BQ2',
    num: 'BQ2-2025-000001',
    account: '471000',
    debit: '0,00',
    credit: '12,35',
    valid: '20250111',
  }),
];

function fec(records: string[], header = HEADER): Buffer {
  return Buffer.from([header, ...records].join('\r\n'), 'utf8');
}

function violationsOf(records: string[], header?: string): string[] {
  return checkFec(parseFec(fec(records, header), 'utf-8'));
}

function replaced(index: number, line: string): string[] {
  return GOOD_RECORDS.map((existing, position) => (position === index ? line : existing));
}

describe('FEC reader of the tests', () => {
  it('should pass a hand-written good FEC and read its zones, entries and account movements', () => {
    const parsed = parseFec(fec(GOOD_RECORDS), 'utf-8');
    expect(checkFec(parsed)).toEqual([]);
    expect(parsed.records).toHaveLength(6);
    expect(parsed.records[0]?.zones.JournalLib).toBe('Banque Crédit Mutuel');
    expect(netMovement(parsed, '512100')).toBe(123450 - 5);
    expect(netMovement(parsed, '471000')).toBe(-123450 - 1235);
    expect([...fecEntries(parsed).keys()]).toEqual(['BQ1-2025-000001', 'BQ1-2025-000002', 'BQ2-2025-000001']);
  });

  it('should decode ISO-8859-15 bytes', () => {
    const bytes = Buffer.from(fec(GOOD_RECORDS).toString('utf8').replace('PRLV EDF', 'X'), 'latin1');
    bytes[bytes.indexOf('X')] = 0xa4;
    expect(parseFec(bytes, 'iso-8859-15').records[0]?.zones.EcritureLib).toBe('€');
  });

  it('should pass a FEC with a header and no record', () => {
    expect(violationsOf([])).toEqual([]);
  });

  const line0 = (zones: Partial<Parameters<typeof record>[0]>): string =>
    record({ num: 'BQ1-2025-000001', account: '512100', debit: '1234,50', credit: '0,00', ...zones });

  it.each([
    ['a trailing CRLF', [...GOOD_RECORDS, ''], /ends with a line break/],
    ['a record of 17 fields', replaced(0, line0({}).replace(/\t[^\t]*$/, '')), /17 fields instead of 18/],
    ['a record of 19 fields', replaced(0, `${line0({})}\tx`), /19 fields instead of 18/],
    ['a "|" in a field', replaced(0, line0({ label: 'PRLV | EDF' })), /contains "\|"/],
    ['a bare LF in a field', replaced(0, line0({ label: 'PRLV\nEDF' })), /line break/],
    ['a dashed date', replaced(0, line0({ date: '2025-01-07' })), /EcritureDate "2025-01-07"/],
    ['a 30 February', replaced(0, line0({ pieceDate: '20250230' })), /PieceDate "20250230"/],
    ['an empty ValidDate', replaced(0, line0({ valid: '' })), /ValidDate "" is not/],
    ['a dot decimal', replaced(0, line0({ debit: '1234.50' })), /Debit "1234.50"/],
    ['a thousands separator', replaced(0, line0({ debit: '1 234,50' })), /Debit "1 234,50"/],
    ['a negative amount', replaced(1, line0({ account: '471000', debit: '-1234,50' })), /Debit "-1234,50"/],
    ['an empty side', replaced(0, line0({ credit: '' })), /Credit "" is not/],
    ['both sides filled', replaced(0, line0({ credit: '1,00' })), /exactly one of Debit and Credit/],
    ['both sides zero', replaced(0, line0({ debit: '0,00' })), /exactly one of Debit and Credit/],
    ['an unbalanced entry', replaced(0, line0({ debit: '1234,51' })), /BQ1-2025-000001 is not balanced \(1 cents\)/],
    ['two journals in one entry', replaced(0, line0({ journal: 'BQ2' })), /several journal codes/],
    ['two dates in one entry', replaced(0, line0({ date: '20250108' })), /several dates/],
    ['two pieces in one entry', replaced(0, line0({ piece: 'tx-9' })), /several piece references/],
    ['a number without the year', replaced(0, line0({ num: 'BQ1-000001' })), /is not <journal>-<year>-<6 digits>/],
    ['a number of another journal', replaced(0, line0({ num: 'BQ9-2025-000001' })), /is not <journal>-<year>-<6/],
    [
      'a gap',
      GOOD_RECORDS.map((line) => line.replaceAll('BQ1-2025-000002', 'BQ1-2025-000003')),
      /sequence BQ1-2025: 3 follows 1/,
    ],
    [
      'a sequence starting at 2',
      GOOD_RECORDS.map((line) => line.replaceAll('BQ2-2025-000001', 'BQ2-2025-000002')),
      /sequence BQ2-2025: 2 follows 0/,
    ],
    [
      'numbers going down',
      [GOOD_RECORDS[2]!, GOOD_RECORDS[3]!, GOOD_RECORDS[0]!, GOOD_RECORDS[1]!].map((line) =>
        line.replace('20250110', '20250111'),
      ),
      /EcritureNum BQ1-2025-000001 comes after BQ1-2025-000002/,
    ],
    [
      'an entry split in the file',
      [GOOD_RECORDS[0]!, GOOD_RECORDS[2]!, GOOD_RECORDS[1]!, GOOD_RECORDS[3]!].map((line) =>
        line.replace('20250110', '20250111'),
      ),
      /entry BQ1-2025-000001 is split/,
    ],
    ['ValidDate going back', replaced(5, GOOD_RECORDS[5]!.replace('20250111', '20250109')), /ValidDate 20250109 comes/],
    ['an account of class 8', replaced(1, line0({ account: '801000', debit: '0,00', credit: '1234,50' })), /CompteNum/],
    [
      'an account not starting with digits',
      replaced(1, line0({ account: 'C471', debit: '0,00', credit: '1234,50' })),
      /CompteNum/,
    ],
    ['an empty CompteLib', replaced(0, line0({ accountLib: '' })), /CompteLib is empty/],
    ['an empty EcritureLib', replaced(0, line0({ label: ' ' })), /EcritureLib is empty/],
    ['an empty JournalLib', replaced(0, line0({ journalLib: '' })), /JournalLib is empty/],
    ['an empty PieceRef', replaced(0, line0({ piece: '' })), /PieceRef is empty/],
  ])('should reject %s', (_case, records, violation) => {
    const violations = violationsOf(records);
    expect(violations).toContainEqual(expect.stringMatching(violation));
  });

  it.each([
    ['a missing zone', HEADER.replace('\tIdevise', '')],
    ['a misspelt zone', HEADER.replace('Montantdevise', 'MontantDevise')],
    ['Montant and Sens', HEADER.replace('Debit\tCredit', 'Montant\tSens')],
  ])('should reject a header with %s', (_case, header) => {
    expect(violationsOf(GOOD_RECORDS, header)).toContainEqual(expect.stringMatching(/header is not the 18 zone names/));
  });

  it('should refuse bytes that are not UTF-8 when reading UTF-8', () => {
    expect(() => parseFec(Buffer.from([0x41, 0xa4, 0x42]), 'utf-8')).toThrow();
  });
});
