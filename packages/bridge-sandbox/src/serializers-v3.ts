/**
 * The JSON shapes of Bridge 2025-01-15, by resource: nulls omitted, `provider_*`, `deleted`, `future`,
 * `operation_type`, `pro`, `data_access` (the routes and the control API take them as a whole, see routes-v3.ts).
 */
import type { Provider } from './catalog.js';
import { isoInstant, omitNulls } from './http.js';
import { centsToJson } from './money.js';
import { amountAndDates, balancesOf, rawFields } from './serializers.js';
import type { SandboxAccount, SandboxItem, SandboxStore, SandboxTransaction, SandboxUser } from './store.js';

export function user(user: SandboxUser): Record<string, unknown> {
  return omitNulls({ uuid: user.uuid, external_user_id: user.externalUserId });
}

export function item(store: SandboxStore, item: SandboxItem): Record<string, unknown> {
  const status = store.effectiveStatus(item);
  return omitNulls({
    id: item.id,
    status: status.status,
    status_code_info: status.info,
    status_code_description: status.description,
    provider_id: item.providerId,
    authentication_expires_at: isoInstant(item.authenticationExpiresAt),
    account_types: item.accountTypes,
  });
}

export function account(store: SandboxStore, account: SandboxAccount): Record<string, unknown> {
  const item = store.items.get(account.itemId)!;
  const balances = balancesOf(store, account);
  return omitNulls({
    id: account.id,
    name: account.name,
    balance: centsToJson(balances.balance),
    accounting_balance: centsToJson(balances.accounting),
    instant_balance: centsToJson(balances.instant),
    updated_at: isoInstant(account.updatedAt),
    last_refresh_status: store.effectiveStatus(item).status === 0 ? 'succeeded' : 'failed',
    type: account.type,
    currency_code: account.currencyCode,
    item_id: account.itemId,
    provider_id: item.providerId,
    data_access: 'enabled',
    pro: account.pro,
    iban: account.iban,
    iban_filled_manually: account.iban === null ? null : false,
  });
}

export function transaction(transaction: SandboxTransaction): Record<string, unknown> {
  const fields = omitNulls({
    id: transaction.id,
    clean_description: transaction.cleanDescription,
    provider_description: transaction.providerDescription,
    ...amountAndDates(transaction),
    deleted: transaction.deleted,
    category_id: transaction.categoryId,
    operation_type: transaction.operationType,
    account_id: transaction.accountId,
    future: transaction.future,
  });
  return { ...fields, ...rawFields(transaction) };
}

export function provider(provider: Provider, logo: string): Record<string, unknown> {
  return {
    id: provider.id,
    name: provider.name,
    country_code: provider.countryCode,
    group_name: provider.groupName,
    images: { logo },
    capabilities: ['aggregation', 'account_check'],
  };
}

/** v3 omits the `parent_id` of a top-level category (v2 sends it as null). */
export function category(category: { id: number; name: string; parent_id: number | null }): Record<string, unknown> {
  return category.parent_id === null ? { id: category.id, name: category.name } : category;
}
