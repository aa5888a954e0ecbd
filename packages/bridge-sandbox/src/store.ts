/**
 * The in-memory state shared by both API versions: client apps, users, tokens, items, accounts, transactions and
 * connect sessions. Amounts are integer cents; instants are epoch milliseconds.
 */
import { findProvider, ITEM_STATUSES } from './catalog.js';
import type { SandboxClock } from './clock.js';
import { dayNumberOf } from './dates.js';
import {
  BLOCK_SIZE,
  generateHistory,
  planItem,
  type AccountType,
  type GeneratedTransaction,
  type GeneratorSettings,
  type IdRegistry,
  type ItemPlan,
} from './generator.js';

export interface ClientApp {
  clientId: string;
  clientSecret: string;
  redirectUrl: string | null;
}

export interface SandboxUser {
  uuid: string;
  clientId: string;
  /** Legacy v2 users (email + password). */
  email: string | null;
  password: string | null;
  externalUserId: string | null;
  /** Creation order, the key of user listings. */
  seq: number;
}

export interface AccessToken {
  value: string;
  userUuid: string;
  clientId: string;
  expiresAt: number;
}

export type AccountTypes = 'payment' | 'all';

export interface SandboxItem {
  id: number;
  userUuid: string;
  clientId: string;
  providerId: number;
  /** Key the data was generated from (e-mail or external user id); reconnections reuse it. */
  userKey: string;
  status: number;
  /** Lower-case info code set through the control API; null → the status's default. */
  statusCodeInfo: string | null;
  authenticationExpiresAt: number;
  accountTypes: AccountTypes;
  seq: number;
  nextTransactionId: number;
  firstTransactionId: number;
  /** Creation instants of item-management connect sessions (4 per rolling 24 h). */
  managementSessions: number[];
}

export interface SandboxAccount {
  id: number;
  itemId: number;
  type: AccountType;
  name: string;
  iban: string | null;
  pro: boolean;
  currencyCode: string;
  openingCents: number;
  updatedAt: number;
}

/** A generated transaction as the store keeps it: plus its deletion flag and Bridge's change stamp. */
export interface SandboxTransaction extends GeneratedTransaction {
  deleted: boolean;
  updatedAt: number;
  /** Wire fields served as these JSON literals instead of their values (control API), to reproduce bad Bridge data. */
  raw?: Record<string, string>;
}

export type FunnelStep = 'list_banks' | 'bank_creds_form' | 'edit_bank_creds_form' | 'otp_form' | 'pro_validation_form';

export interface ConnectSession {
  id: string;
  clientId: string;
  userUuid: string;
  version: 'v2' | 'v3';
  countryCode: string;
  userEmail: string | null;
  callbackUrl: string | null;
  context: string | null;
  accountTypes: AccountTypes;
  /** Preselected bank (v3 provider_id, v2 bank_id). */
  providerId: number | null;
  /** Existing item being managed (SCA renewal, new credentials, pro validation). */
  itemId: number | null;
  /** Why an existing item is managed; it picks the step names of the funnel. */
  purpose: 'add' | 'sync' | 'edit' | 'pro';
  expiresAt: number;
  done: boolean;
  /** Funnel progress. */
  chosenProviderId: number | null;
  scaCode: string | null;
}

const SORT_DESC = (a: SandboxTransaction, b: SandboxTransaction): number =>
  a.date < b.date ? 1 : a.date > b.date ? -1 : b.id - a.id;

export class SandboxStore implements IdRegistry {
  readonly clients = new Map<string, ClientApp>();
  readonly users = new Map<string, SandboxUser>();
  readonly tokens = new Map<string, AccessToken>();
  readonly items = new Map<number, SandboxItem>();
  readonly accounts = new Map<number, SandboxAccount>();
  readonly transactions = new Map<number, SandboxTransaction>();
  readonly sessions = new Map<string, ConnectSession>();
  /** Per account, its transactions; re-sorted (date desc, id desc) lazily after changes. */
  private readonly byAccount = new Map<number, { rows: SandboxTransaction[]; sorted: boolean }>();
  private readonly transactionBlocks = new Set<number>();
  private seq = 0;
  private lastStamp = 0;

  constructor(
    private readonly clock: SandboxClock,
    private readonly settings: GeneratorSettings,
  ) {}

  nextSeq(): number {
    return ++this.seq;
  }

  /** A strictly increasing instant for `updated_at`, so `since=<last updated_at>` never misses a change made in
   * the same millisecond. */
  stamp(): number {
    this.lastStamp = Math.max(this.clock.nowMs(), this.lastStamp + 1);
    return this.lastStamp;
  }

  clear(): void {
    this.users.clear();
    this.tokens.clear();
    this.items.clear();
    this.accounts.clear();
    this.transactions.clear();
    this.sessions.clear();
    this.byAccount.clear();
    this.transactionBlocks.clear();
  }

  // --- IdRegistry -------------------------------------------------------------------------------------------

  itemIdTaken(id: number): boolean {
    return this.items.has(id);
  }

  accountIdTaken(id: number): boolean {
    return this.accounts.has(id);
  }

  transactionBlockTaken(firstTransactionId: number): boolean {
    return this.transactionBlocks.has(firstTransactionId);
  }

  // --- users ------------------------------------------------------------------------------------------------

  findUserByEmail(clientId: string, email: string): SandboxUser | undefined {
    const wanted = email.toLowerCase();
    return [...this.users.values()].find((user) => user.clientId === clientId && user.email?.toLowerCase() === wanted);
  }

  findUserByExternalId(clientId: string, externalUserId: string): SandboxUser | undefined {
    return [...this.users.values()].find(
      (user) => user.clientId === clientId && user.externalUserId === externalUserId,
    );
  }

  usersOf(clientId: string): SandboxUser[] {
    return [...this.users.values()].filter((user) => user.clientId === clientId).sort((a, b) => a.seq - b.seq);
  }

  deleteUser(uuid: string): void {
    for (const item of this.itemsOf(uuid)) this.deleteItem(item.id);
    for (const [value, token] of this.tokens) if (token.userUuid === uuid) this.tokens.delete(value);
    for (const [id, session] of this.sessions) if (session.userUuid === uuid) this.sessions.delete(id);
    this.users.delete(uuid);
  }

  // --- items, accounts --------------------------------------------------------------------------------------

  itemsOf(userUuid: string): SandboxItem[] {
    return [...this.items.values()].filter((item) => item.userUuid === userUuid).sort((a, b) => a.seq - b.seq);
  }

  accountsOfItem(itemId: number): SandboxAccount[] {
    return [...this.accounts.values()].filter((account) => account.itemId === itemId).sort((a, b) => a.id - b.id);
  }

  accountsOfUser(userUuid: string): SandboxAccount[] {
    return this.itemsOf(userUuid).flatMap((item) => this.accountsOfItem(item.id));
  }

  ownerOfAccount(accountId: number): SandboxItem | undefined {
    const account = this.accounts.get(accountId);
    return account ? this.items.get(account.itemId) : undefined;
  }

  deleteItem(itemId: number): void {
    const item = this.items.get(itemId);
    if (!item) return;
    for (const account of this.accountsOfItem(itemId)) {
      for (const transaction of this.byAccount.get(account.id)?.rows ?? []) this.transactions.delete(transaction.id);
      this.byAccount.delete(account.id);
      this.accounts.delete(account.id);
    }
    this.transactionBlocks.delete(item.firstTransactionId);
    this.items.delete(itemId);
  }

  /** How many items this user key already has at this provider: it salts the ids of the next connection. */
  ordinalOf(userKey: string, providerId: number): number {
    return [...this.items.values()].filter((item) => item.userKey === userKey && item.providerId === providerId).length;
  }

  planFor(userKey: string, providerId: number): ItemPlan {
    const provider = findProvider(providerId);
    if (!provider) throw new Error(`Unknown provider ${providerId}`);
    return planItem(this.settings, userKey, provider, this.ordinalOf(userKey, providerId), this);
  }

  /** A new connection: the item, its three accounts and their generated history. */
  createItem(
    user: SandboxUser,
    userKey: string,
    providerId: number,
    accountTypes: AccountTypes,
    scaValidityMs: number,
  ): SandboxItem {
    const provider = findProvider(providerId)!;
    const plan = this.planFor(userKey, providerId);
    const history = generateHistory(this.settings, plan, userKey, provider, dayNumberOf(this.clock.now()));
    const now = this.stamp();
    const item: SandboxItem = {
      id: plan.itemId,
      userUuid: user.uuid,
      clientId: user.clientId,
      providerId,
      userKey,
      status: 0,
      statusCodeInfo: null,
      authenticationExpiresAt: now + scaValidityMs,
      accountTypes,
      seq: this.nextSeq(),
      firstTransactionId: plan.firstTransactionId,
      nextTransactionId: plan.firstTransactionId + history.transactions.length,
      managementSessions: [],
    };
    this.items.set(item.id, item);
    this.transactionBlocks.add(plan.firstTransactionId);
    for (const account of plan.accounts) {
      this.accounts.set(account.id, {
        id: account.id,
        itemId: item.id,
        type: account.type,
        name: account.name,
        iban: account.iban,
        pro: account.pro,
        currencyCode: 'EUR',
        openingCents: history.openingCents.get(account.id) ?? 0,
        updatedAt: now,
      });
      this.byAccount.set(account.id, { rows: [], sorted: true });
    }
    for (const generated of history.transactions) {
      this.insertTransaction({ ...generated, deleted: false, updatedAt: now });
    }
    return item;
  }

  // --- transactions -----------------------------------------------------------------------------------------

  insertTransaction(transaction: SandboxTransaction): void {
    this.transactions.set(transaction.id, transaction);
    const list = this.byAccount.get(transaction.accountId)!;
    const last = list.rows[list.rows.length - 1];
    list.rows.push(transaction);
    if (last && SORT_DESC(last, transaction) > 0) list.sorted = false;
  }

  /** Next id of the item's block, for transactions added through the control API. */
  allocateTransactionId(item: SandboxItem): number {
    if (item.nextTransactionId >= item.firstTransactionId + BLOCK_SIZE)
      throw new Error(`Item ${item.id} has no transaction id left`);
    return item.nextTransactionId++;
  }

  /** Call after changing a transaction's date: its place in the order changes. */
  touchOrder(accountId: number): void {
    const list = this.byAccount.get(accountId);
    if (list) list.sorted = false;
  }

  /** The account's transactions in (date desc, id desc) order. */
  sortedTransactions(accountId: number): SandboxTransaction[] {
    const list = this.byAccount.get(accountId);
    if (!list) return [];
    if (!list.sorted) {
      list.rows.sort(SORT_DESC);
      list.sorted = true;
    }
    return list.rows;
  }

  /** accounting = opening + booked (non-future) lines; instant adds the future (pending) lines. */
  balances(account: SandboxAccount): { accountingCents: number; instantCents: number } {
    let booked = 0;
    let pending = 0;
    for (const transaction of this.byAccount.get(account.id)?.rows ?? []) {
      if (transaction.deleted) continue;
      if (transaction.future) pending += transaction.amountCents;
      else booked += transaction.amountCents;
    }
    return { accountingCents: account.openingCents + booked, instantCents: account.openingCents + booked + pending };
  }

  // --- item status ------------------------------------------------------------------------------------------

  /** Status as Bridge would show it now: an OK item whose SCA consent has lapsed asks for SCA again (1010). */
  effectiveStatus(item: SandboxItem): { status: number; info: string | null; description: string | null } {
    if (item.status === 0 && this.clock.nowMs() > item.authenticationExpiresAt) {
      return { status: 1010, ...infoOf(1010, null) };
    }
    return { status: item.status, ...infoOf(item.status, item.statusCodeInfo) };
  }
}

function infoOf(status: number, override: string | null): { info: string | null; description: string | null } {
  const known = ITEM_STATUSES[status];
  return { info: override ?? known?.info ?? null, description: known?.description ?? null };
}
