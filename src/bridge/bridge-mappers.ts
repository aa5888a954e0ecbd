import type { BridgeAccount, BridgeItem, BridgeTransaction } from './bridge.types.js';
import { bool, iban, id, money, optionalInt, optionalText, text, type Json } from './json-fields.js';

/** The field names that differ between Bridge-Version 2021-06-01 and 2025-01-15 (BRIDGE-API.md §3.1). */
export interface VersionFieldNames {
  providerId: 'bank_id' | 'provider_id';
  pro: 'is_pro' | 'pro';
  originalLabel: 'bank_description' | 'provider_description';
  deleted: 'is_deleted' | 'deleted';
  future: 'is_future' | 'future';
}

export const V2_FIELDS: VersionFieldNames = { providerId: 'bank_id', pro: 'is_pro', originalLabel: 'bank_description', deleted: 'is_deleted', future: 'is_future' };
export const V3_FIELDS: VersionFieldNames = { providerId: 'provider_id', pro: 'pro', originalLabel: 'provider_description', deleted: 'deleted', future: 'future' };

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
    type: text(row, 'type'),
    balance: money(row, 'balance'),
    currency: optionalText(row, 'currency_code') ?? 'EUR',
    iban: iban(row, 'iban'),
    providerId: id(row, names.providerId),
    pro: bool(row, names.pro),
    // v3 says data_access; v2 only tells a paused account.
    dataAccess: optionalText(row, 'data_access') ?? (row.is_paused === true ? 'disabled' : 'enabled'),
    updatedAt: optionalText(row, 'updated_at'),
  };
}

export function mapTransaction(row: Json, names: VersionFieldNames): BridgeTransaction {
  return {
    id: id(row, 'id'),
    accountId: id(row, 'account_id'),
    cleanLabel: optionalText(row, 'clean_description') ?? optionalText(row, names.originalLabel) ?? '',
    originalLabel: optionalText(row, names.originalLabel) ?? optionalText(row, 'clean_description') ?? '',
    amount: money(row, 'amount'),
    currency: optionalText(row, 'currency_code') ?? 'EUR',
    date: text(row, 'date'),
    bookingDate: optionalText(row, 'booking_date'),
    transactionDate: optionalText(row, 'transaction_date'),
    valueDate: optionalText(row, 'value_date'),
    updatedAt: text(row, 'updated_at'),
    deleted: bool(row, names.deleted),
    future: bool(row, names.future),
    categoryId: optionalInt(row, 'category_id'),
    operationType: optionalText(row, 'operation_type'),
    showClientSide: typeof row.show_client_side === 'boolean' ? row.show_client_side : null,
  };
}
