import { describe, expect, it } from '@jest/globals';

import { checkFec, fecEntries, netMovement, parseFec } from '../../../test/support/fec-parser.js';
import type { FecEncoding, FecEntry } from './export-types.js';
import { cleanFecField, encodeFec, transliterateToIso885915 } from './fec-text.js';
import {
  FEC_COLUMNS,
  FEC_RECORD_SEPARATOR,
  fecFileName,
  fecHeader,
  fecRecords,
  fecText,
  writeFecFile,
} from './fec-writer.js';

let sequence = 0;
function entry(overrides: Partial<FecEntry> & { amount: string; label: string }): FecEntry {
  sequence += 1;
  const { amount, ...rest } = overrides;
  const moneyIn = !amount.startsWith('-');
  const absolute = amount.replace('-', '');
  return {
    journalCode: 'BQ1',
    journalName: 'Banque Crédit Mutuel',
    ecritureNum: `BQ1-2025-${String(sequence).padStart(6, '0')}`,
    date: '2025-03-07',
    pieceRef: `tx-${sequence}`,
    pieceDate: '2025-03-06',
    validatedAt: new Date('2025-03-10T09:00:00Z'),
    lines: [
      {
        account: '512100',
        accountLabel: 'Banque CM',
        debit: moneyIn ? absolute : '0.00',
        credit: moneyIn ? '0.00' : absolute,
      },
      {
        account: '471000',
        accountLabel: "Compte d'attente",
        debit: moneyIn ? '0.00' : absolute,
        credit: moneyIn ? absolute : '0.00',
      },
    ],
    ...rest,
  };
}

function sampleEntries(): FecEntry[] {
  sequence = 0;
  return [
    entry({ amount: '1234.50', label: 'VIR SEPA CLIENT DUPONT' }),
    entry({ amount: '-0.05', label: 'FRAIS | TENUE\tDE\r\nCOMPTE' }),
    entry({ amount: '12.35', label: 'Remboursement €  œuvre Ÿ', pieceRef: '' }),
    entry({ amount: '-98765.43', label: '=HYPERLINK("x") café 😀 ok', validatedAt: new Date('2025-03-10T23:30:00Z') }),
    entry({
      amount: '-20',
      label: '😀',
      journalName: 'Banque “principale” – Paris…',
      validatedAt: new Date('2025-03-11T08:00:00Z'),
    }),
  ];
}

describe('FEC text', () => {
  it.each([
    ['a\tb|c\rd\ne', 'a b c d e'],
    ['  several   spaces\u00A0and\u202Fnarrow  ', 'several spaces and narrow'],
    ['bell\u0007 and\u0085next line\u2028separator', 'bell and next line separator'],
    ['', ''],
    ['?', '?'],
  ])('should clean %j into %j', (value, cleaned) => {
    expect(cleanFecField(value)).toBe(cleaned);
  });

  it.each([
    ['l’été “chaud” – vraiment — oui…', 'l\'été "chaud" - vraiment - oui...'],
    ['œ Œ Ÿ € ß ÿ « » Š ž', 'œ Œ Ÿ € ß ÿ « » Š ž'],
    ['Łódź Ångström ő ﬁn ™', 'Lódz Ångström o fin TM'],
    ['Café ☕ 😀 ok', 'Café ok'],
    ['Café 😀\tsuite ✓', 'Café\tsuite'],
    ['½', '1/2'],
    ['Pourquoi ?', 'Pourquoi ?'],
    ['中文 fin', 'fin'],
  ])('should transliterate %j into %j for ISO-8859-15', (text, transliterated) => {
    expect(transliterateToIso885915(text)).toBe(transliterated);
  });

  it('should write €, œ and Ÿ as ISO-8859-15 bytes, never "?"', () => {
    expect([...encodeFec('€œŸ', 'iso-8859-15')]).toEqual([0xa4, 0xbd, 0xbe]);
    expect([...encodeFec('é😀?', 'iso-8859-15')]).toEqual([0xe9, 0x3f]);
    expect(encodeFec('é😀', 'utf-8').toString('utf8')).toBe('é😀');
  });
});

describe('FEC writer', () => {
  it('should name the 18 zones of A47 A-1 in order in the header', () => {
    expect(FEC_COLUMNS).toHaveLength(18);
    expect(fecHeader()).toBe(
      'JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise',
    );
  });

  it('should write one record per entry line with the zones as the product fills them', () => {
    const [first, second] = fecRecords(sampleEntries()[0]!);
    expect(first?.split('\t')).toEqual([
      'BQ1',
      'Banque Crédit Mutuel',
      'BQ1-2025-000001',
      '20250307',
      '512100',
      'Banque CM',
      '',
      '',
      'tx-1',
      '20250306',
      'VIR SEPA CLIENT DUPONT',
      '1234,50',
      '0,00',
      '',
      '',
      '20250310',
      '',
      '',
    ]);
    expect(second?.split('\t').slice(11, 13)).toEqual(['0,00', '1234,50']);
  });

  it('should date ValidDate in Europe/Paris and fall back on "-" and "Opération bancaire"', () => {
    const entries = sampleEntries();
    const [late] = fecRecords(entries[3]!); // 23:30 UTC on 10 March is 00:30 on 11 March in Paris
    expect(late?.split('\t')[15]).toBe('20250311');
    const [noPiece] = fecRecords(entries[2]!);
    expect(noPiece?.split('\t')[8]).toBe('-');
    const [emojiOnly] = fecRecords(entries[4]!, 'iso-8859-15');
    expect(emojiOnly?.split('\t')[10]).toBe('Opération bancaire');
    expect(fecRecords(entries[4]!, 'utf-8')[0]?.split('\t')[10]).toBe('😀');
  });

  it('should refuse a negative amount, a line with both or no sides, a date not YYYY-MM-DD, an empty journal or account', () => {
    const [sample] = sampleEntries();
    const broken = (lines: FecEntry['lines']): FecEntry => ({ ...sample!, lines });
    const line = sample!.lines[0]!;
    expect(() => fecRecords(broken([{ ...line, debit: '-1.00' }]))).toThrow(/not a positive amount/);
    expect(() => fecRecords(broken([{ ...line, credit: '1.00' }]))).toThrow(/exactly one of debit and credit/);
    expect(() => fecRecords(broken([{ ...line, debit: '0.00' }]))).toThrow(/exactly one of debit and credit/);
    expect(() => fecRecords({ ...sample!, date: '07/03/2025' })).toThrow(/EcritureDate/);
    expect(() => fecRecords({ ...sample!, journalCode: ' ' })).toThrow(/JournalCode/);
    expect(() => fecRecords(broken([{ ...line, account: '' }]))).toThrow(/CompteNum/);
  });

  it('should fall back on the journal code and the account number for a name that cleans to nothing', () => {
    const [sample] = sampleEntries();
    const [record] = fecRecords(
      { ...sample!, journalName: '😀', lines: [{ ...sample!.lines[0]!, accountLabel: '\t' }] },
      'iso-8859-15',
    );
    expect(record?.split('\t').slice(0, 6)).toEqual(['BQ1', 'BQ1', 'BQ1-2025-000001', '20250307', '512100', '512100']);
  });

  it('should name the file <SIREN>FEC<closing date>.txt', () => {
    expect(fecFileName('552100554', '2025-06-30')).toBe('552100554FEC20250630.txt');
    expect(() => fecFileName('55210055', '2025-06-30')).toThrow(/SIREN/);
  });

  it('should join the records by CRLF with no line break after the last one, as streamed', () => {
    const entries = sampleEntries();
    const streamed = [fecHeader(), ...entries.flatMap((e) => fecRecords(e).map((r) => FEC_RECORD_SEPARATOR + r))];
    expect(streamed.join('')).toBe(fecText(entries));
    expect(fecText(entries).endsWith('\n')).toBe(false);
    expect(fecText([])).toBe(fecHeader());
  });

  it.each<FecEncoding>(['iso-8859-15', 'utf-8'])('should write a FEC that the reader passes in %s', (encoding) => {
    const entries = sampleEntries();
    const parsed = parseFec(writeFecFile(entries, encoding), encoding);
    expect(checkFec(parsed)).toEqual([]);
    expect(parsed.records).toHaveLength(10);
    expect(fecEntries(parsed).size).toBe(5);
    // Money in 1234.50 and 12.35, money out 0.05, 98765.43 and 20.00.
    expect(netMovement(parsed, '512100')).toBe(123450 + 1235 - 5 - 9876543 - 2000);
    expect(netMovement(parsed, '471000')).toBe(-(123450 + 1235 - 5 - 9876543 - 2000));
    const labels = parsed.records.map((r) => r.zones.EcritureLib);
    expect(labels).toContain('FRAIS TENUE DE COMPTE');
    expect(labels).toContain('Remboursement € œuvre Ÿ');
    // A FEC is not a spreadsheet: a leading "=" stays as the bank wrote it.
    expect(labels).toContain(encoding === 'utf-8' ? '=HYPERLINK("x") café 😀 ok' : '=HYPERLINK("x") café ok');
    expect(parsed.records[8]?.zones.JournalLib).toBe(
      encoding === 'utf-8' ? 'Banque “principale” – Paris…' : 'Banque "principale" - Paris...',
    );
    expect(parsed.records.map((r) => [r.zones.Debit, r.zones.Credit]).flat()).toEqual(
      expect.arrayContaining(['1234,50', '0,05', '12,35', '98765,43', '20,00']),
    );
  });

  it('should write €, œ and Ÿ as 0xA4, 0xBD and 0xBE in ISO-8859-15 and never a "?"', () => {
    const bytes = writeFecFile(sampleEntries(), 'iso-8859-15');
    const label = Buffer.from('Remboursement ', 'latin1');
    const at = bytes.indexOf(label) + label.length;
    expect([...bytes.subarray(at, at + 8)]).toEqual([0xa4, 0x20, 0xbd, 0x75, 0x76, 0x72, 0x65, 0x20]);
    expect(bytes[at + 8]).toBe(0xbe);
    expect(bytes.includes(0x3f)).toBe(false);
  });

  it.each<FecEncoding>(['iso-8859-15', 'utf-8'])(
    'should pass the reader with labels of any characters in %s',
    (encoding) => {
      // A fixed pseudo-random draw (mulberry32) over separators, controls, Latin-9 letters, typography, other scripts,
      // emoji and symbols, so that a failure replays the same way.
      const pool = Array.from('ab é€œŸßÿ?|\t\r\n\u0000\u0085\u00A0\u202F’“”–—…ŁőﬁΩ中😀👍🏽✓☕™½=+-@');
      let seed = 12345;
      const random = (): number => {
        seed = (seed + 0x6d2b79f5) | 0;
        let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
      const label = (): string =>
        Array.from({ length: 1 + Math.floor(random() * 20) }, () => pool[Math.floor(random() * pool.length)]).join('');
      sequence = 0;
      const entries = Array.from({ length: 200 }, () =>
        entry({ amount: random() < 0.5 ? '-1.00' : '2.50', label: label(), pieceRef: label(), journalName: label() }),
      );
      const bytes = writeFecFile(entries, encoding);
      const parsed = parseFec(bytes, encoding);
      expect(checkFec(parsed)).toEqual([]);
      expect(parsed.records).toHaveLength(400);
      for (const record of parsed.records) {
        for (const field of record.fields) expect(field).toBe(field.trim());
      }
      if (encoding === 'iso-8859-15') {
        const questionMarks = entries.reduce(
          (count, e) => count + 2 * ([e.label, e.pieceRef, e.journalName].join('').split('?').length - 1),
          0,
        );
        expect(bytes.filter((byte) => byte === 0x3f).length).toBe(questionMarks);
      }
    },
  );

  it.each<FecEncoding>(['iso-8859-15', 'utf-8'])('should give the same bytes twice in %s', (encoding) => {
    expect(writeFecFile(sampleEntries(), encoding).equals(writeFecFile(sampleEntries(), encoding))).toBe(true);
  });
});
