/**
 * The JSON shapes of Bridge 2021-06-01, by resource: explicit nulls and the `bank_*`/`is_*` names (the routes take
 * them as a whole, see routes-v2.ts).
 */
import type { Provider } from './catalog.js';
import { isoInstant } from './http.js';
import { centsToJson } from './money.js';
import { amountAndDates, balancesOf, rawFields } from './serializers.js';
import type { SandboxAccount, SandboxItem, SandboxStore, SandboxTransaction, SandboxUser } from './store.js';

export function user(user: SandboxUser): Record<string, unknown> {
  return user.email !== null
    ? { uuid: user.uuid, email: user.email }
    : { uuid: user.uuid, external_user_id: user.externalUserId };
}

export function item(store: SandboxStore, item: SandboxItem): Record<string, unknown> {
  const status = store.effectiveStatus(item);
  return {
    id: item.id,
    status: status.status,
    status_code_info: status.info ? status.info.toUpperCase() : null,
    status_code_description: status.description,
    bank_id: item.providerId,
    authentication_expires_at: isoInstant(item.authenticationExpiresAt),
  };
}

export function account(store: SandboxStore, account: SandboxAccount): Record<string, unknown> {
  const item = store.items.get(account.itemId)!;
  const status = store.effectiveStatus(item);
  const balances = balancesOf(store, account);
  return {
    id: account.id,
    name: account.name,
    balance: centsToJson(balances.balance),
    status: status.status,
    status_code_info: status.info ? status.info.toUpperCase() : null,
    status_code_description: status.description,
    updated_at: isoInstant(account.updatedAt),
    type: account.type,
    currency_code: account.currencyCode,
    item_id: account.itemId,
    bank_id: item.providerId,
    loan_details: null,
    savings_details: null,
    is_pro: account.pro,
    iban: account.iban,
    is_paused: false,
  };
}

export function transaction(transaction: SandboxTransaction): Record<string, unknown> {
  return {
    id: transaction.id,
    clean_description: transaction.cleanDescription,
    bank_description: transaction.providerDescription,
    ...amountAndDates(transaction),
    is_deleted: transaction.deleted,
    category_id: transaction.categoryId,
    account_id: transaction.accountId,
    is_future: transaction.future,
    show_client_side: true,
    ...rawFields(transaction),
  };
}

export function provider(provider: Provider, logo: string, displayOrder: number): Record<string, unknown> {
  return {
    id: provider.id,
    name: provider.name,
    country_code: provider.countryCode,
    parent_name: provider.groupName,
    logo_url: logo,
    is_highlighted: provider.countryCode === 'FR' && displayOrder < 6,
    display_order: displayOrder,
    capabilities: ['ais', 'account_check'],
    channel_type: 'dsp2',
    authentication_type: 'INTERNAL_CREDS',
    form: [
      { label: 'Identifiant', type: 'USER', isNum: '0', maxLength: null, minLength: null },
      { label: 'Mot de passe', type: 'PWD', isNum: '0', maxLength: null, minLength: null },
    ],
    primary_color: provider.color,
    secondary_color: null,
  };
}

/** A category as the catalogue holds it (`parent_id` null at the top). */
export function category(category: { id: number; name: string; parent_id: number | null }): Record<string, unknown> {
  return category;
}
