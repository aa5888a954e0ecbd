import { describe, expect, it } from '@jest/globals';
import { parseSync } from 'ofx-js';
import { validateXML } from 'xmllint-wasm';

import { writeOfx } from './ofx-writer.js';
import { exportLine, LONG_LABEL, sampleStatement } from './statement-export.fixture.js';

interface ReadTransaction {
  TRNTYPE: string;
  DTPOSTED: string;
  TRNAMT: string;
  FITID: string;
  NAME?: string;
  MEMO?: string;
  DTAVAIL?: string;
}

/** The statement as ofx-js reads it, the transactions always as a list. */
function readBack(ofx: string) {
  const statement = parseSync(ofx).OFX.BANKMSGSRSV1.STMTTRNRS.STMTRS;
  const listed = statement.BANKTRANLIST.STMTTRN as ReadTransaction | ReadTransaction[] | undefined;
  const transactions = listed === undefined ? [] : Array.isArray(listed) ? listed : [listed];
  return { statement, transactions };
}

/** xmllint's word on well-formedness: ofx-js falls back on an SGML reading that would forgive broken XML. */
async function wellFormed(xml: string): Promise<boolean> {
  const result = await validateXML({ xml: [{ fileName: 'statement.ofx', contents: xml }], normalization: 'format' });
  return result.valid;
}

describe('OFX writer', () => {
  it('should write OFX 2.1.1 XML with its header', async () => {
    const ofx = writeOfx(sampleStatement());
    expect(
      ofx.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<?OFX OFXHEADER="200" VERSION="211" '),
    ).toBe(true);
    expect(await wellFormed(ofx)).toBe(true);
    expect(await wellFormed(ofx.replace('</STMTTRN>', ''))).toBe(false);
  });

  it('should read back every transaction with its amount, date, FITID and label, and the ledger balance', () => {
    const input = sampleStatement();
    const { statement, transactions } = readBack(writeOfx(input));
    expect(statement.CURDEF).toBe('EUR');
    expect(statement.BANKACCTFROM).toEqual({
      BANKID: '30006',
      BRANCHID: '00001',
      ACCTID: '12345678901',
      ACCTTYPE: 'CHECKING',
    });
    expect(statement.BANKTRANLIST.DTSTART).toBe('20250301');
    expect(statement.BANKTRANLIST.DTEND).toBe('20250331');
    expect(statement.LEDGERBAL).toEqual({ BALAMT: '-1233.20', DTASOF: '20250331' });
    expect(transactions.map((t) => [t.TRNTYPE, t.DTPOSTED, t.TRNAMT, t.FITID])).toEqual([
      ['CREDIT', '20250303', '1234.56', '38000001'],
      ['DEBIT', '20250303', '-12.35', '38000002'],
      ['DEBIT', '20250303', '-3955.36', '3'],
      ['DEBIT', '20250303', '-0.05', '38000004'],
      ['CREDIT', '20250331', '0.00', '38000005'],
      ['CREDIT', '20250303', '0.00', '38000006'],
      ['CREDIT', '20250303', '0.00', '38000007'],
    ]);
    expect(transactions[0]?.DTAVAIL).toBe('20250304');
    expect(transactions[0]?.MEMO).toBe('VIR SEPA CLIENT <DUPONT> & "Cie" l\'atelier');
    expect(transactions[0]?.NAME).toBe('VIR SEPA CLIENT <DUPONT> & "Cie"');
    expect(transactions[1]?.MEMO).toBe('€ œuvre Ÿ café 😀');
    expect(transactions[2]?.NAME).toHaveLength(32);
    expect(transactions[2]?.MEMO).toBe(Array.from(LONG_LABEL).slice(0, 255).join('').trimEnd());
    expect(transactions.every((t) => Array.from(t.NAME ?? '').length <= 32)).toBe(true);
    // The amounts read back add up to the balance change.
    const sum = transactions.reduce((cents, t) => cents + Math.round(Number(t.TRNAMT) * 100), 0);
    expect(sum).toBe(-123320 - 150000);
  });

  it('should write the date and time of the clock given, never its own', () => {
    const ofx = writeOfx(sampleStatement({ createdAt: new Date('2025-04-01T08:00:00.123Z') }));
    expect(parseSync(ofx).OFX.SIGNONMSGSRSV1.SONRS.DTSERVER).toBe('20250401080000.123[0:GMT]');
    expect(writeOfx(sampleStatement())).toBe(writeOfx(sampleStatement()));
  });

  it('should name the account by its IBAN and BIC outside France, by the journal code without either', () => {
    const foreign = readBack(writeOfx(sampleStatement({ iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX' })));
    expect(foreign.statement.BANKACCTFROM).toEqual({
      BANKID: 'COBADEFF',
      ACCTID: 'DE89370400440532013000',
      ACCTTYPE: 'CHECKING',
    });
    const none = readBack(writeOfx(sampleStatement({ iban: null, bic: null })));
    expect(none.statement.BANKACCTFROM).toEqual({ BANKID: 'BQ1', ACCTID: 'BQ1', ACCTTYPE: 'CHECKING' });
  });

  it('should write a statement without lines, and a line without label', async () => {
    const empty = writeOfx(sampleStatement({ lines: [], balanceStart: '0.00', balanceEnd: '0.00' }));
    expect(await wellFormed(empty)).toBe(true);
    expect(readBack(empty).transactions).toEqual([]);
    expect(readBack(empty).statement.LEDGERBAL.BALAMT).toBe('0.00');
    const unlabelled = writeOfx(
      sampleStatement({ lines: [exportLine({ id: 8, amount: '-1.00', label: ' \u0007 ' })] }),
    );
    expect(await wellFormed(unlabelled)).toBe(true);
    expect(readBack(unlabelled).transactions).toEqual([
      { TRNTYPE: 'DEBIT', DTPOSTED: '20250303', TRNAMT: '-1.00', FITID: '38000008' },
    ]);
  });
});
