import { BridgeFieldError } from './bridge.errors.js';
import type {
  BridgeAccount,
  BridgeItem,
  BridgeTransaction,
  RejectedTransaction,
  TransactionPage,
} from './bridge.types.js';
import {
  bool,
  boundedText,
  currency,
  day,
  iban,
  id,
  instant,
  money,
  optionalBoundedText,
  optionalDay,
  optionalInt32,
  optionalLabel,
  optionalText,
  shown,
  type Json,
} from './json-fields.js';

/** The field names that differ between Bridge-Version 2021-06-01 and 2025-01-15 (docs/architecture.md#bridge-api-versions). */
export interface VersionFieldNames {
  providerId: 'bank_id' | 'provider_id';
  pro: 'is_pro' | 'pro';
  originalLabel: 'bank_description' | 'provider_description';
  deleted: 'is_deleted' | 'deleted';
  future: 'is_future' | 'future';
}

export const V2_FIELDS: VersionFieldNames = {
  providerId: 'bank_id',
  pro: 'is_pro',
  originalLabel: 'bank_description',
  deleted: 'is_deleted',
  future: 'is_future',
};
export const V3_FIELDS: VersionFieldNames = {
  providerId: 'provider_id',
  pro: 'pro',
  originalLabel: 'provider_description',
  deleted: 'deleted',
  future: 'future',
};

// Column sizes of the mirror (bank_transaction): a longer value is not one Bridge documents.
export const ACCOUNT_TYPE_MAX = 30;
export const OPERATION_TYPE_MAX = 40;

export function mapItem(row: Json, names: VersionFieldNames): BridgeItem {
  return {
    id: id(row, 'id'),
    status: id(row, 'status'),
    // v2 sends OTP_REQUIRED, v3 otp_required: one case for the product.
    statusCodeInfo: optionalText(row, 'status_code_info')?.toLowerCase() ?? null,
    statusDescription: optionalText(row, 'status_code_description'),
    providerId: id(row, names.providerId),
    authenticationExpiresAt: optionalText(row, 'authentication_expires_at'),
  };
}

export function mapAccount(row: Json, names: VersionFieldNames): BridgeAccount {
  return {
    id: id(row, 'id'),
    itemId: id(row, 'item_id'),
    name: optionalText(row, 'name') ?? '',
    type: boundedText(row, 'type', ACCOUNT_TYPE_MAX),
    balance: money(row, 'balance'),
    currency: currency(row, 'currency_code'),
    iban: iban(row, 'iban'),
    providerId: id(row, names.providerId),
    pro: bool(row, names.pro),
    // v3 says data_access; v2 only tells a paused account.
    dataAccess: optionalText(row, 'data_access') ?? (row.is_paused === true ? 'disabled' : 'enabled'),
    updatedAt: optionalText(row, 'updated_at'),
  };
}

/** One transaction, every field checked: a value the mirror cannot store exactly throws a BridgeFieldError naming it. */
export function mapTransaction(row: Json, names: VersionFieldNames): BridgeTransaction {
  const cleanLabel = optionalLabel(row, 'clean_description');
  const originalLabel = optionalLabel(row, names.originalLabel);
  return {
    id: id(row, 'id'),
    accountId: id(row, 'account_id'),
    cleanLabel: cleanLabel ?? originalLabel ?? '',
    originalLabel: originalLabel ?? cleanLabel ?? '',
    amount: money(row, 'amount'),
    currency: currency(row, 'currency_code'),
    date: day(row, 'date'),
    bookingDate: optionalDay(row, 'booking_date'),
    transactionDate: optionalDay(row, 'transaction_date'),
    valueDate: optionalDay(row, 'value_date'),
    updatedAt: instant(row, 'updated_at'),
    deleted: bool(row, names.deleted),
    future: bool(row, names.future),
    categoryId: optionalInt32(row, 'category_id'),
    operationType: optionalBoundedText(row, 'operation_type', OPERATION_TYPE_MAX),
    showClientSide: typeof row.show_client_side === 'boolean' ? row.show_client_side : null,
  };
}

/** A page of transactions: the rows that map, and each row that does not (skipped and reported, never stored). */
export function mapTransactionPage(rows: Json[], names: VersionFieldNames): TransactionPage {
  const transactions: BridgeTransaction[] = [];
  const rejected: RejectedTransaction[] = [];
  for (const row of rows) {
    try {
      transactions.push(mapTransaction(row, names));
    } catch (error) {
      if (!(error instanceof BridgeFieldError)) {
        throw error;
      }
      const rawId = row.id;
      rejected.push({
        bridgeId: typeof rawId === 'string' && /^\d{1,19}$/.test(rawId) ? rawId : null,
        field: error.field,
        value: shown(row[error.field]),
        reason: error.reason,
      });
    }
  }
  return { transactions, rejected };
}
