import type { ActionContext, ActionHandler, ActionResponse, RecordActionResponse, RecordJSON } from 'adminjs';

import type { BankChangesService } from '../src/accounting/bank-changes.service.js';
import type { CounterpartRulesService } from '../src/accounting/counterpart-rules.service.js';
import type { EntriesService } from '../src/accounting/entries.service.js';
import type { FiscalYearsService } from '../src/accounting/fiscal-years.service.js';
import type { PostingService } from '../src/accounting/posting.service.js';
import type { AdminAccountsService } from '../src/admin-accounts/admin-accounts.service.js';
import { scopeOfIdentity } from '../src/admin-accounts/admin-accounts.service.js';
import type { AccessScope } from '../src/auth/access-scope.js';
import type { BankAccountsService } from '../src/bank-accounts/bank-accounts.service.js';
import type { BillingService } from '../src/billing/billing.service.js';
import type { BridgeConfigsService } from '../src/bridge-config/bridge-configs.service.js';
import type { Clock } from '../src/common/clock/clock.js';
import type { CompaniesService } from '../src/companies/companies.service.js';
import type { ConnectionLogService } from '../src/connection-log/connection-log.service.js';
import type { BalanceCheckService } from '../src/statements/balance-check.service.js';
import type { StatementsService } from '../src/statements/statements.service.js';
import type { SynchroService } from '../src/synchro/synchro.service.js';
import type { UsersService } from '../src/users/users.service.js';
import type { AdminComponents } from './component-loader.js';
import type { SessionIdentity } from './request-guards.js';
import type { ScopedResourceClass } from './scoped-resource.js';

type AdminJSModule = typeof import('adminjs');

/** What the resources of the back-office are built from: AdminJS itself and the domain services they act through. */
export interface AdminDeps {
  adminjs: AdminJSModule;
  ScopedResource: ScopedResourceClass;
  componentLoader: InstanceType<AdminJSModule['ComponentLoader']>;
  components: AdminComponents;
  companies: CompaniesService;
  configs: BridgeConfigsService;
  users: UsersService;
  bankAccounts: BankAccountsService;
  statements: StatementsService;
  balanceCheck: BalanceCheckService;
  synchro: SynchroService;
  adminAccounts: AdminAccountsService;
  billing: BillingService;
  connectionLogs: ConnectionLogService;
  posting: PostingService;
  bankChanges: BankChangesService;
  entries: EntriesService;
  rules: CounterpartRulesService;
  fiscalYears: FiscalYearsService;
  clock: Clock;
}

/** The signed-in account, as the session keeps it (request-guards.ts writes it). */
export function identityOf(context: ActionContext): SessionIdentity | undefined {
  return context.currentAdmin as SessionIdentity | undefined;
}

/** What the signed-in account may see: every company for an editor, its own companies for an integrator. */
export function scopeOf(context: ActionContext): AccessScope {
  return scopeOfIdentity(identityOf(context));
}

/** Billing and back-office accounts are the editor's business. */
export const editorOnly = (context: ActionContext) => identityOf(context)?.role === 'editor';

// Names are translation keys (labels.*): AdminJS would otherwise "humanise" them and drop the accents and "›".
export const NAV = {
  billingStatements: { name: 'navBillingStatements', icon: 'FileText' },
  importExport: { name: 'navImportExport', icon: 'Repeat' },
  banking: { name: 'navBanking', icon: 'CreditCard' },
  configuration: { name: 'navConfiguration', icon: 'Settings' },
  billing: { name: 'navBilling', icon: 'DollarSign' },
  accounting: { name: 'navAccounting', icon: 'BookOpen' },
};

export const NO_WRITES = {
  delete: { isAccessible: false },
  bulkDelete: { isAccessible: false },
};

export const READ_ONLY = {
  new: { isAccessible: false },
  edit: { isAccessible: false },
  ...NO_WRITES,
};

/** The records of a list, show or edit answer, to complete in an `after` hook. */
export function recordsOf(response: ActionResponse): RecordJSON[] {
  const records: unknown = response.records;
  const listed: unknown[] = Array.isArray(records) ? records : [];
  const candidates: unknown[] = [response.record, ...listed];
  return candidates.filter(
    (record): record is RecordJSON =>
      typeof record === 'object' && record !== null && 'id' in record && Boolean(record.id),
  );
}

/** An `after` hook that adds values to each record shown, read from a service by the records' ids. */
export function withValues(
  values: (ids: number[], context: ActionContext) => Promise<Map<number, Record<string, unknown>>>,
) {
  return async (response: ActionResponse, _request: unknown, context: ActionContext): Promise<ActionResponse> => {
    const records = recordsOf(response);
    const found = await values(
      records.map((record) => Number(record.id)),
      context,
    );
    for (const record of records) Object.assign(record.params, found.get(Number(record.id)) ?? {});
    return response;
  };
}

/** A record action that opens another resource's list filtered on this record (e.g. the lines of a statement). */
export function linkAction(icon: string, target: (id: string) => string) {
  const handler: ActionHandler<RecordActionResponse> = async (_request, _response, context) => ({
    record: context.record!.toJSON(context.currentAdmin),
    redirectUrl: target(String(context.record!.id())),
  });
  return { actionType: 'record' as const, icon, component: false as const, handler };
}
