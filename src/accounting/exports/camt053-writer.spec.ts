import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from '@jest/globals';
import { validateXML } from 'xmllint-wasm';

import { writeCamt053 } from './camt053-writer.js';
import { exportLine, LONG_LABEL, sampleStatement } from './statement-export.fixture.js';

// The official schema, copied from the specification's standards folder into the repository so that CI needs
// nothing beside it.
const XSD = readFileSync(
  resolve(dirname(fileURLToPath(import.meta.url)), '../../../test/support/standards/camt.053.001.02.xsd'),
  'utf8',
);

async function schemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'statement.xml', contents: xml }],
    schema: [{ fileName: 'camt.053.001.02.xsd', contents: XSD }],
  });
  return result.valid ? [] : result.errors.map((error) => error.message);
}

/** The text of every element named `tag`, in document order (a reading that needs no XML library). */
function texts(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}(?: [^>]*)?>([^<]*)</${tag}>`, 'g'))].map((match) => match[1]!);
}

function unescape(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');
}

describe('camt.053 writer', () => {
  it('should write a statement that the camt.053.001.02 schema accepts', async () => {
    const xml = writeCamt053(sampleStatement());
    expect(await schemaErrors(xml)).toEqual([]);
    expect(xml).toContain('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">');
  });

  it('should carry the header, the account, the balances and the totals', () => {
    const xml = writeCamt053(sampleStatement());
    expect(texts(xml, 'MsgId')).toEqual(['TLC-STMT-42-20250401T080000']);
    expect(texts(xml, 'CreDtTm')).toEqual(['2025-04-01T08:00:00Z', '2025-04-01T08:00:00Z']);
    expect(texts(xml, 'ElctrncSeqNb')).toEqual(['3']);
    expect(texts(xml, 'FrDtTm')).toEqual(['2025-03-01T00:00:00+01:00']);
    expect(texts(xml, 'ToDtTm')).toEqual(['2025-03-31T23:59:59+02:00']);
    expect(texts(xml, 'IBAN')).toEqual(['FR7630006000011234567890189']);
    expect(texts(xml, 'BIC')).toEqual(['AGRIFRPP882']);
    expect(texts(xml, 'Nm').map(unescape)).toEqual(['Boulangerie Martin & Fils']);
    // Opening 1500.00 (credit), closing -1233.20 (debit): positive amounts, the sign in CdtDbtInd.
    expect(xml).toMatch(
      /<Cd>OPBD<\/Cd>\s*<\/CdOrPrtry>\s*<\/Tp>\s*<Amt Ccy="EUR">1500.00<\/Amt>\s*<CdtDbtInd>CRDT<\/CdtDbtInd>\s*<Dt>\s*<Dt>2025-03-01<\/Dt>/,
    );
    expect(xml).toMatch(
      /<Cd>CLBD<\/Cd>\s*<\/CdOrPrtry>\s*<\/Tp>\s*<Amt Ccy="EUR">1233.20<\/Amt>\s*<CdtDbtInd>DBIT<\/CdtDbtInd>\s*<Dt>\s*<Dt>2025-03-31<\/Dt>/,
    );
    // 7 entries; credits 1234.56 + three zeros (4 entries), debits 12.35 + 3955.36 + 0.05 (3 entries); net -2733.20.
    expect(texts(xml, 'NbOfNtries')).toEqual(['7', '4', '3']);
    expect(texts(xml, 'Sum')).toEqual(['5202.32', '1234.56', '3967.76']);
    expect(texts(xml, 'TtlNetNtryAmt')).toEqual(['2733.20']);
  });

  it('should write one booked entry per line, with its amount, side, dates, references and label', () => {
    const xml = writeCamt053(sampleStatement());
    const entries = xml.split('<Ntry>').slice(1);
    expect(entries).toHaveLength(7);
    expect(entries.map((entry) => texts(entry, 'Amt')[0])).toEqual([
      '1234.56',
      '12.35',
      '3955.36',
      '0.05',
      '0.00',
      '0.00',
      '0.00',
    ]);
    expect(entries.map((entry) => texts(entry, 'CdtDbtInd')[0])).toEqual([
      'CRDT',
      'DBIT',
      'DBIT',
      'DBIT',
      'CRDT',
      'CRDT',
      'CRDT',
    ]);
    expect(texts(entries[0]!, 'Sts')).toEqual(['BOOK']);
    expect(texts(entries[0]!, 'Dt')).toEqual(['2025-03-03', '2025-03-04']); // BookgDt, ValDt
    expect(texts(entries[1]!, 'Dt')).toEqual(['2025-03-05', '2025-03-03']);
    expect(texts(entries[0]!, 'AcctSvcrRef')).toEqual(['38000001', '38000001']);
    expect(texts(entries[2]!, 'AcctSvcrRef')).toEqual(['3', '3']); // no Bridge id: the line id
    expect(texts(entries[0]!, 'Cd')).toEqual(['transfer']);
    expect(texts(entries[2]!, 'Cd')).toEqual(['NOTPROVIDED']);
    const labels = entries.map((entry) => unescape(texts(entry, 'Ustrd')[0] ?? ''));
    expect(labels[0]).toBe('VIR SEPA CLIENT <DUPONT> & "Cie" l\'atelier');
    expect(labels[1]).toBe('€ œuvre Ÿ café 😀');
    expect(labels[2]).toBe(LONG_LABEL.slice(0, 140).trimEnd());
    expect(labels[3]).toBe('=HYPERLINK("https://evil.example")');
  });

  it.each([
    ['no line', { lines: [], balanceStart: '0.00', balanceEnd: '0.00' }],
    ['no IBAN nor BIC', { iban: null, bic: null }],
    ['an IBAN the schema refuses and a malformed BIC', { iban: 'not an iban', bic: 'ABC' }],
    ['negative balances', { balanceStart: '-250.10', balanceEnd: '-1.00' }],
    [
      'an empty name and label, a control character, an emoji cut at 140',
      {
        name: '',
        lines: [
          exportLine({ id: 9, amount: '-1.00', label: '' }),
          exportLine({ id: 10, amount: '2.00', label: `${'x'.repeat(139)}😀😀`, operationType: 'a'.repeat(50) }),
          exportLine({ id: 11, amount: '3.00', label: 'bell\u0007 tab\t end', bridgeTransactionId: 'b'.repeat(40) }),
        ],
      },
    ],
  ])('should stay valid with %s', async (_case, overrides) => {
    const xml = writeCamt053(sampleStatement(overrides));
    expect(await schemaErrors(xml)).toEqual([]);
  });

  it('should name the account by the journal code without an IBAN, and omit the servicer without a BIC', () => {
    const xml = writeCamt053(sampleStatement({ iban: null, bic: null }));
    expect(xml).toMatch(/<Id>\s*<Othr>\s*<Id>BQ1<\/Id>/);
    expect(xml).not.toContain('<Svcr>');
  });

  it('should keep emoji whole when it cuts a label to 140 characters, and fall back on the line id for a long reference', () => {
    const xml = writeCamt053(
      sampleStatement({
        lines: [
          exportLine({ id: 10, amount: '2.00', label: `${'x'.repeat(139)}😀😀`, bridgeTransactionId: 'b'.repeat(40) }),
        ],
      }),
    );
    expect(texts(xml, 'Ustrd')).toEqual([`${'x'.repeat(139)}😀`]);
    expect(texts(xml, 'AcctSvcrRef')).toEqual(['10', '10']);
  });

  it('should use the statement id as Stmt/Id when the name is empty or too long for Max35Text', () => {
    expect(texts(writeCamt053(sampleStatement()), 'Id')).toContain('BQ1/2025/03');
    expect(texts(writeCamt053(sampleStatement({ name: 'n'.repeat(36) })), 'Id')).toContain('42');
    expect(texts(writeCamt053(sampleStatement({ name: ' ' })), 'Id')).toContain('42');
  });

  it('should refuse a message id longer than 35 characters or a currency that is not ISO 4217', () => {
    expect(() => writeCamt053(sampleStatement({ messageId: 'm'.repeat(36) }))).toThrow(/MsgId/);
    expect(() => writeCamt053(sampleStatement({ currency: 'euro' }))).toThrow(/ISO 4217/);
  });

  it('should give the same document for the same input', () => {
    expect(writeCamt053(sampleStatement())).toBe(writeCamt053(sampleStatement()));
  });

  it('should fail the schema check on a broken document, so that the check can fail', async () => {
    const xml = writeCamt053(sampleStatement());
    const badSide = xml.replace('<CdtDbtInd>CRDT</CdtDbtInd>', '<CdtDbtInd>CREDIT</CdtDbtInd>');
    expect(await schemaErrors(badSide)).toContainEqual(expect.stringMatching(/CdtDbtInd.*CREDIT|CREDIT.*CdtDbtInd/s));
    const longLabel = xml.replace(/<Ustrd>[^<]*<\/Ustrd>/, `<Ustrd>${'x'.repeat(141)}</Ustrd>`);
    expect(await schemaErrors(longLabel)).toContainEqual(expect.stringMatching(/Ustrd/));
    const noCode = xml.replace(/<BkTxCd>[\s\S]*?<\/BkTxCd>/, '');
    expect(await schemaErrors(noCode)).toContainEqual(expect.stringMatching(/BkTxCd/));
  });
});
