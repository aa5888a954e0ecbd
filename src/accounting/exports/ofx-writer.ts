import Big from 'big.js';
import { DateTime } from 'luxon';
import { create } from 'xmlbuilder2';

import { toMoney } from '../../common/money/money.js';
import type { StatementExport, StatementExportLine } from './export-types.js';
import { xmlText } from './xml-text.js';

type XMLBuilder = ReturnType<typeof create>;

// OFX 2.1.1 lengths: NAME is A-32, MEMO A-255, FITID A-255, BANKID A-9, ACCTID A-22 (the spec's limits; an IBAN
// of another country may exceed 22, and the ERPs that read OFX take it whole).
const NAME_LENGTH = 32;
const MEMO_LENGTH = 255;
const FITID_LENGTH = 255;
const BANKID_LENGTH = 9;
// FRkk BBBBB GGGGG CCCCCCCCCCC KK: bank code, branch code, account number, RIB key.
const FRENCH_IBAN = /^FR\d{2}(\d{5})(\d{5})([0-9A-Z]{11})\d{2}$/;
export const OFX_PROCESSING_INSTRUCTION =
  'OFXHEADER="200" VERSION="211" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"';

function ofxDate(isoDate: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) throw new Error(`OFX: "${isoDate}" is not a YYYY-MM-DD date`);
  return isoDate.replaceAll('-', '');
}

/** OFX datetime in UTC with its offset spelled out, e.g. 20250401080000.000[0:GMT]. */
function ofxDateTime(date: Date): string {
  return `${DateTime.fromJSDate(date, { zone: 'utc' }).toFormat('yyyyLLddHHmmss.SSS')}[0:GMT]`;
}

function bankAccount(parent: XMLBuilder, input: StatementExport): void {
  const from = parent.ele('BANKACCTFROM');
  const iban = input.iban?.replace(/\s/g, '').toUpperCase() ?? '';
  const french = FRENCH_IBAN.exec(iban);
  if (french) {
    from.ele('BANKID').txt(french[1]!);
    from.ele('BRANCHID').txt(french[2]!);
    from.ele('ACCTID').txt(french[3]!);
  } else {
    const bic = input.bic?.replace(/\s/g, '').toUpperCase() ?? '';
    const journalCode = xmlText(input.journalCode, BANKID_LENGTH);
    from.ele('BANKID').txt(bic ? bic.slice(0, 8) : journalCode || String(input.statementId));
    from.ele('ACCTID').txt(iban || xmlText(input.journalCode, MEMO_LENGTH) || String(input.statementId));
  }
  from.ele('ACCTTYPE').txt('CHECKING');
}

function transaction(parent: XMLBuilder, line: StatementExportLine): void {
  const amount = new Big(line.amount);
  const trn = parent.ele('STMTTRN');
  trn.ele('TRNTYPE').txt(amount.lt(0) ? 'DEBIT' : 'CREDIT');
  trn.ele('DTPOSTED').txt(ofxDate(line.date));
  if (line.valueDate !== null) trn.ele('DTAVAIL').txt(ofxDate(line.valueDate));
  trn.ele('TRNAMT').txt(toMoney(amount));
  const bridgeId = line.bridgeTransactionId === null ? '' : xmlText(line.bridgeTransactionId, FITID_LENGTH);
  trn.ele('FITID').txt(bridgeId || String(line.id));
  const name = xmlText(line.label, NAME_LENGTH);
  if (name) trn.ele('NAME').txt(name);
  const memo = xmlText(line.label, MEMO_LENGTH);
  if (memo) trn.ele('MEMO').txt(memo);
}

/**
 * A statement as OFX 2.1.1 (the XML form), which most French accounting software imports: one STMTTRN per line
 * with its signed amount, the closing balance as LEDGERBAL.
 */
export function writeOfx(input: StatementExport): string {
  const currency = input.currency.toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw new Error(`OFX: "${input.currency}" is not an ISO 4217 currency code`);

  const document = create({ version: '1.0', encoding: 'UTF-8', standalone: false });
  document.ins('OFX', OFX_PROCESSING_INSTRUCTION);
  const ofx = document.ele('OFX');

  const signOn = ofx.ele('SIGNONMSGSRSV1').ele('SONRS');
  const signOnStatus = signOn.ele('STATUS');
  signOnStatus.ele('CODE').txt('0');
  signOnStatus.ele('SEVERITY').txt('INFO');
  signOn.ele('DTSERVER').txt(ofxDateTime(input.createdAt));
  signOn.ele('LANGUAGE').txt('FRA');

  const response = ofx.ele('BANKMSGSRSV1').ele('STMTTRNRS');
  response.ele('TRNUID').txt(xmlText(input.messageId, 36) || String(input.statementId));
  const status = response.ele('STATUS');
  status.ele('CODE').txt('0');
  status.ele('SEVERITY').txt('INFO');

  const statement = response.ele('STMTRS');
  statement.ele('CURDEF').txt(currency);
  bankAccount(statement, input);
  const list = statement.ele('BANKTRANLIST');
  list.ele('DTSTART').txt(ofxDate(input.dateStart));
  list.ele('DTEND').txt(ofxDate(input.dateEnd));
  for (const line of input.lines) transaction(list, line);
  const ledger = statement.ele('LEDGERBAL');
  ledger.ele('BALAMT').txt(toMoney(input.balanceEnd));
  ledger.ele('DTASOF').txt(ofxDate(input.dateEnd));

  return document.end({ prettyPrint: true });
}
