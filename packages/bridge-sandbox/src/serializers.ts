/**
 * What the JSON shapes of both versions share (serializers-v2.ts, serializers-v3.ts): balances, amounts and dates, the
 * raw overrides of the control API, provider logos and categories.
 */
import { CATEGORIES, type Provider } from './catalog.js';
import { isoInstant, RawJson } from './http.js';
import { centsToJson } from './money.js';
import type { SandboxAccount, SandboxStore, SandboxTransaction } from './store.js';

/** Checking and savings show their booked balance; a deferred-debit card shows its running total (pending lines). */
export function balancesOf(
  store: SandboxStore,
  account: SandboxAccount,
): { balance: number; accounting: number; instant: number } {
  const { accountingCents, instantCents } = store.balances(account);
  return {
    balance: account.type === 'card' ? instantCents : accountingCents,
    accounting: accountingCents,
    instant: instantCents,
  };
}

/** The raw JSON overrides of a transaction (control API), applied last so they win over (or add to) the fields. */
export function rawFields(transaction: SandboxTransaction): Record<string, RawJson> {
  return Object.fromEntries(
    Object.entries(transaction.raw ?? {}).map(([field, literal]) => [field, new RawJson(literal)]),
  );
}

/** The amount and dates of a transaction, named alike in both versions (v3 then drops the null dates). */
export function amountAndDates(transaction: SandboxTransaction) {
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

/** Logos are served by the sandbox itself (no external asset), under its mount prefix. */
export function logoUrl(origin: string, base: string, provider: Provider): string {
  return `${origin}${base}/assets/providers/${provider.id}.svg`;
}

export function categoryResources(): unknown[] {
  return CATEGORIES.map((parent) => ({
    id: parent.id,
    name: parent.name,
    categories: parent.children.map((child) => ({ id: child.id, name: child.name })),
  }));
}

export function findCategory(id: number): { id: number; name: string; parent_id: number | null } | undefined {
  for (const parent of CATEGORIES) {
    if (parent.id === id) return { id: parent.id, name: parent.name, parent_id: null };
    const child = parent.children.find((candidate) => candidate.id === id);
    if (child) return { id: child.id, name: child.name, parent_id: parent.id };
  }
  return undefined;
}
