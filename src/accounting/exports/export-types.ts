import type { Money } from '../../common/money/money.js';

// The inputs of the export writers: the accounting service maps its rows to these, the writers are pure functions of
// them (no clock, no database), so the same input always gives the same bytes.

/** One line of an entry: absolute amounts, one side "0.00". */
export interface FecEntryLine {
  account: string;
  accountLabel: string;
  debit: Money;
  credit: Money;
}

export interface FecEntry {
  journalCode: string;
  journalName: string;
  /** e.g. BQ1-2025-000042 */
  ecritureNum: string;
  /** YYYY-MM-DD */
  date: string;
  pieceRef: string;
  /** YYYY-MM-DD */
  pieceDate: string;
  label: string;
  validatedAt: Date;
  lines: FecEntryLine[];
}

export type FecEncoding = 'iso-8859-15' | 'utf-8';

export interface StatementExport {
  messageId: string;
  /** From the injected clock: a writer never reads the time itself. */
  createdAt: Date;
  statementId: number;
  name: string;
  sequenceNumber: number;
  /** YYYY-MM-DD */
  dateStart: string;
  /** YYYY-MM-DD: the last line's date, or the statement's end. */
  dateEnd: string;
  iban: string | null;
  bic: string | null;
  currency: string;
  journalCode: string;
  companyName: string;
  balanceStart: Money;
  balanceEnd: Money;
  lines: StatementExportLine[];
}

export interface StatementExportLine {
  id: number;
  /** YYYY-MM-DD */
  date: string;
  valueDate: string | null;
  bookingDate: string | null;
  /** Signed: "-12.34" is money out. */
  amount: Money;
  label: string;
  bridgeTransactionId: string | null;
  operationType: string | null;
}
