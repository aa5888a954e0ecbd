import Big from 'big.js';
import { DateTime } from 'luxon';
import { create } from 'xmlbuilder2';

import type { StatementExport, StatementExportLine } from './export-types.js';
import { xmlText } from './xml-text.js';

export const CAMT053_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.02';

// Lengths of the camt.053.001.02 schema's text types.
const MAX_35 = 35;
const MAX_34 = 34;
const MAX_140 = 140;
// Patterns of the schema: an IBAN or BIC that does not match them is not written where the schema wants one.
const IBAN = /^[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{1,30}$/;
const BIC = /^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$/;
const CURRENCY = /^[A-Z]{3}$/;
// BkTxCd is mandatory in a camt.053 entry; without Bridge's operation type, its proprietary code says so.
export const CAMT053_UNKNOWN_TRANSACTION_CODE = 'NOTPROVIDED';
const STATEMENT_TIME_ZONE = 'Europe/Paris';

type XMLBuilder = ReturnType<typeof create>;

type CreditDebit = 'CRDT' | 'DBIT';

function creditDebit(amount: Big): CreditDebit {
  return amount.lt(0) ? 'DBIT' : 'CRDT';
}

function absolute(amount: Big): string {
  return amount.abs().toFixed(2);
}

/** ISO 20022 wants ISODateTime; milliseconds carry nothing here. */
function isoDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function dayBoundary(isoDate: string, end: 'start' | 'end'): string {
  const day = DateTime.fromISO(isoDate, { zone: STATEMENT_TIME_ZONE });
  if (!day.isValid) throw new Error(`camt.053: "${isoDate}" is not a YYYY-MM-DD date`);
  return (end === 'start' ? day.startOf('day') : day.endOf('day').startOf('second')).toISO({
    suppressMilliseconds: true,
  });
}

/** Max35Text for an identifier: a cut identifier would point at something else, so it is refused instead. */
function identifier(value: string, zone: string): string {
  const text = xmlText(value, Number.MAX_SAFE_INTEGER);
  if (text.length === 0 || Array.from(text).length > MAX_35)
    throw new Error(`camt.053 ${zone}: "${value}" is not 1 to ${MAX_35} characters`);
  return text;
}

function lineReference(line: StatementExportLine): string {
  const bridgeId = line.bridgeTransactionId === null ? '' : xmlText(line.bridgeTransactionId, Number.MAX_SAFE_INTEGER);
  return bridgeId.length > 0 && Array.from(bridgeId).length <= MAX_35 ? bridgeId : String(line.id);
}

function balance(parent: XMLBuilder, code: 'OPBD' | 'CLBD', amount: Big, currency: string, date: string): void {
  const bal = parent.ele('Bal');
  bal.ele('Tp').ele('CdOrPrtry').ele('Cd').txt(code);
  bal.ele('Amt', { Ccy: currency }).txt(absolute(amount));
  bal.ele('CdtDbtInd').txt(creditDebit(amount));
  bal.ele('Dt').ele('Dt').txt(date);
}

function account(parent: XMLBuilder, input: StatementExport, currency: string): void {
  const acct = parent.ele('Acct');
  const iban = input.iban?.replace(/\s/g, '').toUpperCase() ?? '';
  if (IBAN.test(iban)) acct.ele('Id').ele('IBAN').txt(iban);
  else
    acct
      .ele('Id')
      .ele('Othr')
      .ele('Id')
      .txt(xmlText(input.journalCode, MAX_34) || String(input.statementId));
  acct.ele('Ccy').txt(currency);
  const owner = xmlText(input.companyName, MAX_140);
  if (owner) acct.ele('Ownr').ele('Nm').txt(owner);
  const bic = input.bic?.replace(/\s/g, '').toUpperCase() ?? '';
  if (BIC.test(bic)) acct.ele('Svcr').ele('FinInstnId').ele('BIC').txt(bic);
}

function entry(parent: XMLBuilder, line: StatementExportLine, currency: string): void {
  const amount = new Big(line.amount);
  const reference = lineReference(line);
  const ntry = parent.ele('Ntry');
  ntry.ele('Amt', { Ccy: currency }).txt(absolute(amount));
  ntry.ele('CdtDbtInd').txt(creditDebit(amount));
  ntry.ele('Sts').txt('BOOK');
  ntry
    .ele('BookgDt')
    .ele('Dt')
    .txt(line.bookingDate ?? line.date);
  ntry
    .ele('ValDt')
    .ele('Dt')
    .txt(line.valueDate ?? line.date);
  ntry.ele('AcctSvcrRef').txt(reference);
  const operationType = line.operationType === null ? '' : xmlText(line.operationType, MAX_35);
  const code = ntry.ele('BkTxCd').ele('Prtry');
  code.ele('Cd').txt(operationType || CAMT053_UNKNOWN_TRANSACTION_CODE);
  if (operationType) code.ele('Issr').txt('Bridge');
  const details = ntry.ele('NtryDtls').ele('TxDtls');
  details.ele('Refs').ele('AcctSvcrRef').txt(reference);
  const label = xmlText(line.label, MAX_140);
  if (label) details.ele('RmtInf').ele('Ustrd').txt(label);
}

function summary(parent: XMLBuilder, lines: StatementExportLine[]): void {
  let credits = new Big(0);
  let debits = new Big(0);
  let creditCount = 0;
  for (const line of lines) {
    const amount = new Big(line.amount);
    if (amount.lt(0)) debits = debits.plus(amount.abs());
    else {
      credits = credits.plus(amount);
      creditCount += 1;
    }
  }
  const net = credits.minus(debits);
  const summary = parent.ele('TxsSummry');
  const total = summary.ele('TtlNtries');
  total.ele('NbOfNtries').txt(String(lines.length));
  total.ele('Sum').txt(credits.plus(debits).toFixed(2));
  total.ele('TtlNetNtryAmt').txt(absolute(net));
  total.ele('CdtDbtInd').txt(creditDebit(net));
  const creditTotal = summary.ele('TtlCdtNtries');
  creditTotal.ele('NbOfNtries').txt(String(creditCount));
  creditTotal.ele('Sum').txt(credits.toFixed(2));
  const debitTotal = summary.ele('TtlDbtNtries');
  debitTotal.ele('NbOfNtries').txt(String(lines.length - creditCount));
  debitTotal.ele('Sum').txt(debits.toFixed(2));
}

/**
 * A statement as ISO 20022 camt.053.001.02 (BankToCustomerStatement), the version most ERPs read: the opening and
 * closing balances, the totals and one booked entry per line, amounts positive with CRDT/DBIT. Elements follow the
 * schema's order and lengths; the unit spec validates the output against the official XSD.
 */
export function writeCamt053(input: StatementExport): string {
  const currency = input.currency.toUpperCase();
  if (!CURRENCY.test(currency)) throw new Error(`camt.053: "${input.currency}" is not an ISO 4217 currency code`);
  const createdAt = isoDateTime(input.createdAt);

  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(CAMT053_NAMESPACE, 'Document');
  const message = root.ele('BkToCstmrStmt');
  const header = message.ele('GrpHdr');
  header.ele('MsgId').txt(identifier(input.messageId, 'MsgId'));
  header.ele('CreDtTm').txt(createdAt);

  const statement = message.ele('Stmt');
  // A statement name too long for Max35Text would be cut into another statement's name: the id says it instead.
  const name = xmlText(input.name, Number.MAX_SAFE_INTEGER);
  statement.ele('Id').txt(name && Array.from(name).length <= MAX_35 ? name : String(input.statementId));
  statement.ele('ElctrncSeqNb').txt(String(input.sequenceNumber));
  statement.ele('CreDtTm').txt(createdAt);
  const period = statement.ele('FrToDt');
  period.ele('FrDtTm').txt(dayBoundary(input.dateStart, 'start'));
  period.ele('ToDtTm').txt(dayBoundary(input.dateEnd, 'end'));
  account(statement, input, currency);
  balance(statement, 'OPBD', new Big(input.balanceStart), currency, input.dateStart);
  balance(statement, 'CLBD', new Big(input.balanceEnd), currency, input.dateEnd);
  summary(statement, input.lines);
  for (const line of input.lines) entry(statement, line, currency);

  return root.end({ prettyPrint: true });
}
