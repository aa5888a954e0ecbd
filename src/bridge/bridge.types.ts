import type { BridgeVersion } from '../bridge-config/bridge-config.entity.js';
import type { Money } from '../common/money/money.js';

/** What the client needs of a Bridge configuration; the secret is decrypted only for the call. */
export interface BridgeConnection {
  configId: number;
  /** The company the calls are made for: their API log rows are visible to that company only. */
  companyId: number | null;
  /** API origin (possibly with a mount prefix); the client appends /v2/... or /v3/aggregation/... */
  url: string;
  version: BridgeVersion;
  clientId: string;
  clientSecret: string;
}

/** A Bridge user as the product knows it: the ERP user's e-mail is the identity on both versions. */
export interface BridgeUser {
  uuid: string;
  email: string;
}

export interface BridgeToken {
  accessToken: string;
  expiresAt: Date;
}

export interface BridgeItem {
  id: number;
  status: number;
  /** Lower-case on both versions (v2 sends upper case). */
  statusCodeInfo: string | null;
  statusDescription: string | null;
  providerId: number;
  /** End of the 180-day SCA consent, when Bridge tells it. */
  authenticationExpiresAt: string | null;
}

export interface BridgeAccount {
  id: number;
  itemId: number;
  name: string;
  /** checking, savings, card, loan, ... (any Bridge type). */
  type: string;
  balance: Money;
  currency: string;
  /** Electronic format (no spaces, upper case), or null (card accounts carry none). */
  iban: string | null;
  providerId: number;
  pro: boolean;
  /** v3 `data_access` (`enabled` unless the user stopped sharing the account); v2 has none. */
  dataAccess: string;
  updatedAt: string | null;
}

export interface BridgeTransaction {
  id: number;
  accountId: number;
  /** Bridge's cleaned label. */
  cleanLabel: string;
  /** The bank's label (v3 provider_description, v2 bank_description). */
  originalLabel: string;
  amount: Money;
  currency: string;
  date: string;
  bookingDate: string | null;
  transactionDate: string | null;
  valueDate: string | null;
  /** ISO instant of Bridge's last change: the `since` cursor moves on it. */
  updatedAt: string;
  deleted: boolean;
  future: boolean;
  categoryId: number | null;
  /** v3 only (card, deferred_debit_card, transfer, ...); null on v2. */
  operationType: string | null;
  /** v2 only: false for a deferred-debit card line once it is mirrored on the checking account; null on v3. */
  showClientSide: boolean | null;
}

/** A transaction row Bridge sent that cannot be stored as it is: skipped, and reported as drift. */
export interface RejectedTransaction {
  /** Bridge's id as sent, when it is one. */
  bridgeId: string | null;
  /** The wire field at fault (`amount`, `date`, ...). */
  field: string;
  /** The value as sent, shortened. */
  value: string;
  /** What is wrong with it, e.g. `is "hier", not a calendar date YYYY-MM-DD`. */
  reason: string;
}

/** One page of a transaction listing: the rows that map, and those that do not. */
export interface TransactionPage {
  transactions: BridgeTransaction[];
  rejected: RejectedTransaction[];
}

export interface BridgeBank {
  id: number;
  name: string;
  countryCode: string;
  logoUrl: string | null;
}

export interface ConnectSession {
  /** Where to send the user's browser: Bridge's hosted funnel. */
  url: string;
}

export interface NewConnectSessionParams {
  email: string;
  countryCode: string;
  callbackUrl: string;
  /** Echoed back on the callback (≤ 100 characters, letters, digits and "-"). */
  context: string;
  /** Preselected bank (provider) id. */
  providerId?: number;
}

/** Why an existing item goes back to the funnel. */
export type ItemSessionReason = 'sca' | 'credentials' | 'pro_validation' | 'bank_action';

export interface ItemSessionParams {
  email: string;
  itemId: number;
  reason: ItemSessionReason;
  callbackUrl: string;
  context: string;
  countryCode?: string;
}

export interface TransactionQuery {
  accountId?: number;
  /** Only the transactions changed after this instant (updates and deletions included). */
  since?: string;
  /** Page size, 1 to 500. */
  pageSize?: number;
}
