/**
 * JSON shapes of each version. v2 (2021-06-01) keeps explicit nulls and the `bank_*`/`is_*` names; v3
 * (2025-01-15) omits nulls and uses `provider_*`, `deleted`, `future`, `operation_type`, `pro`, `data_access`.
 */
import { CATEGORIES, type Provider } from './catalog.js';
import { isoInstant, omitNulls, RawJson } from './http.js';
import { centsToJson } from './money.js';
import type { SandboxAccount, SandboxItem, SandboxStore, SandboxTransaction, SandboxUser } from './store.js';

// --- users ------------------------------------------------------------------------------------------------------

export function v2User(user: SandboxUser): Record<string, unknown> {
  return user.email !== null ? { uuid: user.uuid, email: user.email } : { uuid: user.uuid, external_user_id: user.externalUserId };
}

export function v3User(user: SandboxUser): Record<string, unknown> {
  return omitNulls({ uuid: user.uuid, external_user_id: user.externalUserId });
}

// --- items ------------------------------------------------------------------------------------------------------

export function v2Item(store: SandboxStore, item: SandboxItem): Record<string, unknown> {
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

export function v3Item(store: SandboxStore, item: SandboxItem): Record<string, unknown> {
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

// --- accounts ---------------------------------------------------------------------------------------------------

/** Checking and savings show their booked balance; a deferred-debit card shows its running total (pending lines). */
function balancesOf(store: SandboxStore, account: SandboxAccount): { balance: number; accounting: number; instant: number } {
  const { accountingCents, instantCents } = store.balances(account);
  return { balance: account.type === 'card' ? instantCents : accountingCents, accounting: accountingCents, instant: instantCents };
}

export function v2Account(store: SandboxStore, account: SandboxAccount): Record<string, unknown> {
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

export function v3Account(store: SandboxStore, account: SandboxAccount): Record<string, unknown> {
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

// --- transactions -----------------------------------------------------------------------------------------------

/** The raw JSON overrides of a transaction (control API), applied last so they win over (or add to) the fields. */
function rawFields(transaction: SandboxTransaction): Record<string, RawJson> {
  return Object.fromEntries(Object.entries(transaction.raw ?? {}).map(([field, literal]) => [field, new RawJson(literal)]));
}

/** The amount and dates of a transaction, named alike in both versions (v3 then drops the null dates). */
function amountAndDates(transaction: SandboxTransaction) {
  return {
    amount: centsToJson(transaction.amountCents),
    date: transaction.date,
    booking_date: transaction.bookingDate,
    transaction_date: transaction.transactionDate,
    value_date: transaction.valueDate,
    updated_at: isoInstant(transaction.updatedAt),
    currency_code: 'EUR',
  };
}

export function v2Transaction(transaction: SandboxTransaction): Record<string, unknown> {
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

export function v3Transaction(transaction: SandboxTransaction): Record<string, unknown> {
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

// --- providers and categories -----------------------------------------------------------------------------------

/** Logos are served by the sandbox itself (no external asset), under its mount prefix. */
export function logoUrl(origin: string, base: string, provider: Provider): string {
  return `${origin}${base}/assets/providers/${provider.id}.svg`;
}

export function v2Bank(provider: Provider, logo: string, displayOrder: number): Record<string, unknown> {
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

export function v3Provider(provider: Provider, logo: string): Record<string, unknown> {
  return {
    id: provider.id,
    name: provider.name,
    country_code: provider.countryCode,
    group_name: provider.groupName,
    images: { logo },
    capabilities: ['aggregation', 'account_check'],
  };
}

export function categoryResources(): unknown[] {
  return CATEGORIES.map((parent) => ({ id: parent.id, name: parent.name, categories: parent.children.map((child) => ({ id: child.id, name: child.name })) }));
}

/** v3 omits the `parent_id` of a top-level category (v2 sends it as null). */
export function v3Category(category: { id: number; name: string; parent_id: number | null }): Record<string, unknown> {
  return category.parent_id === null ? { id: category.id, name: category.name } : category;
}

export function findCategory(id: number): { id: number; name: string; parent_id: number | null } | undefined {
  for (const parent of CATEGORIES) {
    if (parent.id === id) return { id: parent.id, name: parent.name, parent_id: null };
    const child = parent.children.find((candidate) => candidate.id === id);
    if (child) return { id: child.id, name: child.name, parent_id: parent.id };
  }
  return undefined;
}
