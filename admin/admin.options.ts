import type { ActionContext, ActionRequest, ActionResponse, AdminJSOptions, ResourceWithOptions } from 'adminjs';
import type { DataSource } from 'typeorm';

import { AdminAccount } from '../src/admin-accounts/admin-account.entity.js';
import type { AdminAccountsService } from '../src/admin-accounts/admin-accounts.service.js';
import { CreateAdminAccountDto, UpdateAdminAccountDto } from '../src/admin-accounts/dto/admin-account.dto.js';
import { ApiLog } from '../src/api-logs/api-log.entity.js';
import { scopeOfIdentity } from '../src/admin-accounts/admin-accounts.service.js';
import type { AccessScope } from '../src/auth/access-scope.js';
import { BankAccount } from '../src/bank-accounts/bank-account.entity.js';
import type { BankAccountsService } from '../src/bank-accounts/bank-accounts.service.js';
import { BillingReport } from '../src/billing/billing-report.entity.js';
import type { BillingService } from '../src/billing/billing.service.js';
import { CreateBankAccountDto, UpdateBankAccountDto } from '../src/bank-accounts/dto/bank-account.dto.js';
import { BridgeError } from '../src/bridge/bridge.errors.js';
import { BridgeConfig } from '../src/bridge-config/bridge-config.entity.js';
import type { BridgeConfigsService } from '../src/bridge-config/bridge-configs.service.js';
import { CreateBridgeConfigDto, UpdateBridgeConfigDto } from '../src/bridge-config/dto/bridge-config.dto.js';
import type { Clock } from '../src/common/clock/clock.js';
import { toSpreadsheetCsv } from '../src/common/csv/spreadsheet-csv.js';
import type { CompaniesService } from '../src/companies/companies.service.js';
import { Company } from '../src/companies/company.entity.js';
import { CreateCompanyDto, UpdateCompanyDto } from '../src/companies/dto/company.dto.js';
import { DomainError } from '../src/common/errors/domain-errors.js';
import { ConnectionLog } from '../src/connection-log/connection-log.entity.js';
import { BankStatement } from '../src/statements/bank-statement.entity.js';
import { BankTransaction } from '../src/statements/bank-transaction.entity.js';
import { CreateStatementDto, UpdateStatementDto } from '../src/statements/dto/statement.dto.js';
import { StatementLine } from '../src/statements/statement-line.entity.js';
import type { StatementsService } from '../src/statements/statements.service.js';
import type { SynchroService } from '../src/synchro/synchro.service.js';
import { CreateUserDto, UpdateUserDto } from '../src/users/dto/user.dto.js';
import { User } from '../src/users/user.entity.js';
import type { UsersService } from '../src/users/users.service.js';
import type { AdminComponents } from './component-loader.js';
import { FRENCH_TRANSLATIONS } from './locale/fr.js';
import { RESOURCE_TRANSLATIONS } from './locale/resources.fr.js';
import { typedPayload, type FieldKind } from './payload.js';
import type { SessionIdentity } from './request-guards.js';
import { inCompanies, inSubquery, type ScopedResourceClass } from './scoped-resource.js';
import { domainFieldErrors, validatePayload } from './validation.js';

type AdminJSModule = typeof import('adminjs');
type RecordsResponse = { record?: { id: string; params: Record<string, unknown> }; records?: { id: string; params: Record<string, unknown> }[] };

export interface AdminDeps {
  adminjs: AdminJSModule;
  ScopedResource: ScopedResourceClass;
  componentLoader: InstanceType<AdminJSModule['ComponentLoader']>;
  components: AdminComponents;
  dataSource: DataSource;
  companies: CompaniesService;
  configs: BridgeConfigsService;
  users: UsersService;
  bankAccounts: BankAccountsService;
  statements: StatementsService;
  synchro: SynchroService;
  adminAccounts: AdminAccountsService;
  billing: BillingService;
  clock: Clock;
}

/** What the signed-in account may see: every company for an editor, its own companies for an integrator. */
function scopeOf(context: ActionContext): AccessScope {
  return scopeOfIdentity(context.currentAdmin as SessionIdentity | undefined);
}

/** Billing and back-office accounts are the editor's business. */
const editorOnly = ({ currentAdmin }: ActionContext) => (currentAdmin as SessionIdentity | undefined)?.role === 'editor';

// Where each resource's rows belong, for an integrator's scope.
const BANK_ACCOUNTS_OF_COMPANIES = 'SELECT id FROM bank_account WHERE companyId IN (:...scopeCompanyIds)';
const STATEMENTS_OF_COMPANIES =
  'SELECT statement.id FROM bank_statement statement INNER JOIN bank_account account ON account.id = statement.bankAccountId WHERE account.companyId IN (:...scopeCompanyIds)';
const CONFIGS_OF_COMPANIES = 'SELECT bridgeConfigId FROM bridge_config_company WHERE companyId IN (:...scopeCompanyIds)';

// Names are translation keys (labels.*): AdminJS would otherwise "humanise" them and drop the accents and "›".
const NAV = {
  billingStatements: { name: 'navBillingStatements', icon: 'FileText' },
  importExport: { name: 'navImportExport', icon: 'Repeat' },
  banking: { name: 'navBanking', icon: 'CreditCard' },
  configuration: { name: 'navConfiguration', icon: 'Settings' },
  billing: { name: 'navBilling', icon: 'DollarSign' },
};

const READ_ONLY = {
  new: { isAccessible: false },
  edit: { isAccessible: false },
  delete: { isAccessible: false },
  bulkDelete: { isAccessible: false },
};

export function buildAdminOptions(deps: AdminDeps): AdminJSOptions {
  return {
    rootPath: '/admin',
    componentLoader: deps.componentLoader,
    dashboard: { component: deps.components.Dashboard },
    branding: { companyName: 'Télécollecte bancaire', withMadeWithLove: false, logo: false },
    locale: {
      language: 'fr',
      availableLanguages: ['fr'],
      localeDetection: false,
      translations: {
        fr: {
          ...FRENCH_TRANSLATIONS,
          labels: { ...FRENCH_TRANSLATIONS.labels, ...RESOURCE_TRANSLATIONS.labels },
          actions: { ...FRENCH_TRANSLATIONS.actions, ...RESOURCE_TRANSLATIONS.actions },
          resources: RESOURCE_TRANSLATIONS.resources,
        },
      },
    },
    resources: [
      bridgeConfigResource(deps),
      apiLogResource(deps),
      connectionLogResource(deps),
      bankAccountResource(deps),
      statementResource(deps),
      statementLineResource(deps),
      bankTransactionResource(deps),
      userResource(deps),
      companyResource(deps),
      adminAccountResource(deps),
      billingReportResource(deps),
    ],
  };
}

/** new/edit actions that go through a domain service, with the API's validation and French messages per field. */
function serviceActions(
  deps: AdminDeps,
  spec: {
    fields: Record<string, FieldKind>;
    updateFields?: Record<string, FieldKind>;
    createDto: new () => object;
    updateDto: new () => object;
    /** Adjusts the typed payload before validation (e.g. an empty write-only secret means "unchanged"). */
    prepare?: (value: Record<string, unknown>) => Record<string, unknown>;
    create(value: never, context: ActionContext): Promise<{ id: number }>;
    update(id: number, value: never, context: ActionContext): Promise<unknown>;
  },
) {
  const { ValidationError, BaseRecord } = deps.adminjs;
  const apply = async <T>(dto: new () => object, raw: Record<string, unknown>, fields: Record<string, FieldKind>, work: (value: never) => Promise<T>): Promise<T> => {
    const typed = typedPayload(raw, fields);
    const { value, errors } = await validatePayload(dto, spec.prepare ? spec.prepare(typed) : typed);
    if (Object.keys(errors).length > 0) throw new ValidationError(errors, { message: 'Corrigez les champs signalés.' });
    try {
      return await work(value as never);
    } catch (error) {
      const refusal = domainFieldErrors(error);
      if (refusal) throw new ValidationError(refusal.fields, { message: refusal.message });
      throw error;
    }
  };
  return {
    new: {
      handler: async (request: ActionRequest, _response: unknown, context: ActionContext) => {
        const { resource, h, currentAdmin } = context;
        if (request.method !== 'post') return { record: new BaseRecord({}, resource).toJSON(currentAdmin) };
        const created = await apply(spec.createDto, request.payload ?? {}, spec.fields, (value) => spec.create(value, context));
        const record = await resource.findOne(String(created.id), context);
        return {
          redirectUrl: h.resourceUrl({ resourceId: resource._decorated?.id() || resource.id() }),
          notice: { message: 'successfullyCreated', type: 'success' },
          record: (record ?? new BaseRecord({}, resource)).toJSON(currentAdmin),
        };
      },
    },
    edit: {
      handler: async (request: ActionRequest, _response: unknown, context: ActionContext) => {
        const { resource, h, currentAdmin, record } = context;
        if (request.method !== 'post') return { record: record!.toJSON(currentAdmin) };
        await apply(spec.updateDto, request.payload ?? {}, spec.updateFields ?? spec.fields, (value) => spec.update(Number(record!.id()), value, context));
        const fresh = await resource.findOne(String(record!.id()), context);
        return {
          redirectUrl: h.recordActionUrl({ resourceId: resource._decorated?.id() || resource.id(), recordId: String(record!.id()), actionName: 'show' }),
          notice: { message: 'successfullyUpdated', type: 'success' },
          record: fresh!.toJSON(currentAdmin),
        };
      },
    },
    delete: { isAccessible: false },
    bulkDelete: { isAccessible: false },
  };
}

function bridgeConfigResource(deps: AdminDeps): ResourceWithOptions {
  const fields: Record<string, FieldKind> = {
    companyIds: 'intList',
    name: 'string',
    url: 'string',
    version: 'string',
    clientId: 'string',
    clientSecret: 'string',
    webhookSecret: 'string',
    countryCodes: 'stringArray',
    preselectedBankIds: 'intArray',
    active: 'boolean',
  };
  // Secrets are write-only: an empty secret field on edit means "keep the stored one".
  const dropEmptySecrets = (value: Record<string, unknown>) => {
    for (const key of ['clientSecret', 'webhookSecret']) if (value[key] === '') delete value[key];
    return value;
  };
  const showCompanies = async (actionResponse: ActionResponse, _request: ActionRequest, context: ActionContext) => {
    const response = actionResponse as RecordsResponse;
    const records = [response.record, ...(response.records ?? [])].filter((record) => record?.id) as { id: string; params: Record<string, unknown> }[];
    const companyIds = await deps.configs.companyIdsOf(records.map((record) => Number(record.id)));
    // An integrator sees the companies of its own that a shared configuration serves, not the others'.
    const scope = scopeOf(context);
    for (const record of records) record.params.companyIds = (companyIds.get(Number(record.id)) ?? []).filter((id) => scope.canAccess(id)).join(', ');
    return actionResponse;
  };
  const actions = serviceActions(deps, {
    fields,
    createDto: CreateBridgeConfigDto,
    updateDto: UpdateBridgeConfigDto,
    prepare: dropEmptySecrets,
    create: (value: never, context) => deps.configs.create(value, scopeOf(context)),
    update: (id, value: never, context) => deps.configs.update(id, value, scopeOf(context)),
  });
  return {
    resource: new deps.ScopedResource(BridgeConfig, {
      hidden: ['clientSecretEncrypted', 'webhookSecretEncrypted'],
      companies: (ids) => ({ id: inSubquery(ids, CONFIGS_OF_COMPANIES) }),
    }),
    options: {
      id: 'BridgeConfig',
      navigation: NAV.billingStatements,
      listProperties: ['id', 'name', 'companyIds', 'version', 'url', 'clientId', 'active'],
      showProperties: ['id', 'name', 'companyIds', 'url', 'version', 'clientId', 'countryCodes', 'preselectedBankIds', 'active', 'createdAt', 'updatedAt'],
      editProperties: ['name', 'companyIds', 'url', 'version', 'clientId', 'clientSecret', 'webhookSecret', 'countryCodes', 'preselectedBankIds', 'active'],
      filterProperties: ['name', 'version', 'active'],
      properties: {
        companyIds: { type: 'string', isVisible: { list: true, show: true, edit: true, filter: false } },
        clientSecret: { type: 'password', isVisible: { list: false, show: false, edit: true, filter: false } },
        webhookSecret: { type: 'password', isVisible: { list: false, show: false, edit: true, filter: false } },
        version: { availableValues: [{ value: '2025-01-15', label: '2025-01-15 (v3)' }, { value: '2021-06-01', label: '2021-06-01 (v2)' }] },
        countryCodes: { isArray: true, type: 'string' },
        preselectedBankIds: { isArray: true, type: 'number' },
      },
      actions: {
        ...actions,
        list: { after: showCompanies },
        show: { after: showCompanies },
        edit: { ...actions.edit, after: showCompanies },
        apiLogs: {
          actionType: 'record',
          icon: 'Activity',
          component: false,
          handler: async (_request: ActionRequest, _response: unknown, context: ActionContext) => ({
            record: context.record!.toJSON(context.currentAdmin),
            redirectUrl: `/admin/resources/ApiLog?filters.bridgeConfigId=${context.record!.id()}`,
          }),
        },
      },
    },
  };
}

function apiLogResource(deps: AdminDeps): ResourceWithOptions {
  return {
    // A log belongs to the company it was made for: on a configuration shared by several companies, each sees its own.
    resource: new deps.ScopedResource(ApiLog, { companies: (ids) => ({ companyId: inCompanies(ids) }) }),
    options: {
      id: 'ApiLog',
      navigation: NAV.billingStatements,
      sort: { sortBy: 'at', direction: 'desc' },
      listProperties: ['at', 'bridgeConfigId', 'method', 'path', 'status', 'durationMs', 'error'],
      filterProperties: ['at', 'bridgeConfigId', 'method', 'status', 'path'],
      properties: { requestBody: { type: 'textarea' }, responseBody: { type: 'textarea' } },
      actions: READ_ONLY,
    },
  };
}

function connectionLogResource(deps: AdminDeps): ResourceWithOptions {
  return {
    resource: new deps.ScopedResource(ConnectionLog, { companies: (ids) => ({ companyId: inCompanies(ids) }) }),
    options: {
      id: 'ConnectionLog',
      navigation: NAV.importExport,
      sort: { sortBy: 'at', direction: 'desc' },
      listProperties: ['at', 'companyId', 'email', 'action', 'result', 'itemId', 'ip'],
      filterProperties: ['at', 'companyId', 'bridgeConfigId', 'userId', 'email', 'action', 'result', 'itemId'],
      properties: {
        action: {
          availableValues: ['user_created', 'authenticated', 'funnel_opened', 'callback_success', 'callback_failure', 'reauth_requested', 'synced', 'sync_failed'].map((value) => ({
            value,
            label: RESOURCE_TRANSLATIONS.connectionActions[value as keyof typeof RESOURCE_TRANSLATIONS.connectionActions],
          })),
        },
      },
      actions: {
        ...READ_ONLY,
        exportCsv: {
          actionType: 'resource',
          icon: 'Download',
          component: deps.components.CsvExport,
          handler: async (request: ActionRequest, _response: unknown, context: ActionContext) => exportConnectionLogs(deps, request, scopeOf(context)),
        },
      },
    },
  };
}

/** The connection log with the list's filters, as CSV for the integrator (semicolon-separated, as French spreadsheets expect). */
async function exportConnectionLogs({ dataSource, clock }: AdminDeps, request: ActionRequest, scope: AccessScope) {
  if (request.method !== 'post') return {};
  const search = new URLSearchParams(String((request.payload as { query?: string } | undefined)?.query ?? '').replace(/^\?/, ''));
  const builder = dataSource.getRepository(ConnectionLog).createQueryBuilder('log').orderBy('log.at', 'DESC').addOrderBy('log.id', 'DESC');
  const companyIds = scope.companyIds;
  if (companyIds) builder.andWhere(companyIds.length > 0 ? 'log.companyId IN (:...scopeCompanyIds)' : '1 = 0', { scopeCompanyIds: companyIds });
  for (const field of ['companyId', 'bridgeConfigId', 'userId', 'itemId']) {
    const value = search.get(`filters.${field}`);
    if (value && /^\d+$/.test(value)) builder.andWhere(`log.${field} = :${field}`, { [field]: Number(value) });
  }
  for (const field of ['action', 'result']) {
    const value = search.get(`filters.${field}`);
    if (value) builder.andWhere(`log.${field} = :${field}`, { [field]: value });
  }
  const email = search.get('filters.email');
  if (email) builder.andWhere('log.email LIKE :email', { email: `%${email}%` });
  const from = search.get('filters.at~~from');
  const to = search.get('filters.at~~to');
  if (from) builder.andWhere('log.at >= :from', { from: new Date(from) });
  if (to) builder.andWhere('log.at <= :to', { to: new Date(to) });
  const rows = await builder.getMany();
  const csv = toSpreadsheetCsv(
    ['Date (UTC)', 'Société', 'Configuration Bridge', 'Utilisateur', 'E-mail', 'Utilisateur Bridge', 'Action', 'Item', 'Banque', 'Résultat', 'Message', 'IP'],
    rows.map((log) => [log.at.toISOString(), log.companyId, log.bridgeConfigId, log.userId, log.email, log.bridgeUserUuid, log.action, log.itemId, log.bankId, log.result, log.message, log.ip]),
  );
  return { csv, count: rows.length, filename: `journal-connexions-bridge-${clock.now().toISOString().slice(0, 10)}.csv` };
}

function bankAccountResource(deps: AdminDeps): ResourceWithOptions {
  const fields: Record<string, FieldKind> = {
    companyId: 'int',
    journalCode: 'string',
    journalName: 'string',
    iban: 'nullableString',
    bic: 'nullableString',
    currency: 'string',
    glAccount: 'string',
    suspenseAccount: 'string',
    cardClearingAccount: 'nullableString',
    accountTypes: 'stringArray',
    bridgeBankId: 'nullableInt',
    bridgeAccountId: 'nullableInt',
    includeOlderLines: 'boolean',
    useCleanLabel: 'boolean',
    cardDatingMode: 'string',
    cardKeepDeferredTotal: 'boolean',
    cardIncludeFuture: 'boolean',
  };
  const { companyId: _companyId, ...updateFields } = fields;
  const settings = ['telecollecte', 'accountTypes', 'bridgeBankId', 'bridgeAccountId', 'includeOlderLines', 'useCleanLabel', 'cardDatingMode', 'cardKeepDeferredTotal', 'cardIncludeFuture'];
  const general = ['companyId', 'journalCode', 'journalName', 'iban', 'bic', 'currency', 'glAccount', 'suspenseAccount', 'cardClearingAccount'];
  return {
    resource: new deps.ScopedResource(BankAccount, { companies: (ids) => ({ companyId: inCompanies(ids) }) }),
    options: {
      id: 'BankAccount',
      navigation: NAV.banking,
      listProperties: ['id', 'companyId', 'journalCode', 'journalName', 'iban', 'accountTypes'],
      showProperties: ['id', ...general, ...settings],
      editProperties: [...general, ...settings],
      filterProperties: ['companyId', 'journalCode', 'journalName', 'iban'],
      properties: {
        telecollecte: { type: 'string', components: { show: deps.components.SectionTitle, edit: deps.components.SectionTitle }, isVisible: { list: false, filter: false, show: true, edit: true } },
        accountTypes: { isArray: true, type: 'string' },
        cardDatingMode: { availableValues: [{ value: 'transaction', label: 'Date de l’achat (transaction)' }, { value: 'debit', label: 'Date du débit différé (debit)' }] },
      },
      actions: serviceActions(deps, {
        fields,
        updateFields,
        createDto: CreateBankAccountDto,
        updateDto: UpdateBankAccountDto,
        create: (value: never, context) => deps.bankAccounts.create(value, scopeOf(context)),
        update: (id, value: never, context) => deps.bankAccounts.update(id, value, scopeOf(context)),
      }),
    },
  };
}

function statementResource(deps: AdminDeps): ResourceWithOptions {
  const fields: Record<string, FieldKind> = { bankAccountId: 'int', name: 'string', dateStart: 'string', dateEnd: 'nullableString', balanceStart: 'string' };
  const { bankAccountId: _bankAccountId, ...updateFields } = fields;
  const withTotals = async (actionResponse: ActionResponse) => {
    const response = actionResponse as RecordsResponse;
    const records = [response.record, ...(response.records ?? [])].filter((record) => record?.id) as { id: string; params: Record<string, unknown> }[];
    const summaries = await deps.statements.summaries(records.map((record) => Number(record.id)));
    for (const record of records) Object.assign(record.params, summaries.get(Number(record.id)) ?? {});
    return actionResponse;
  };
  const actions = serviceActions(deps, {
    fields,
    updateFields: { ...updateFields, state: 'string', closeComment: 'nullableString' },
    createDto: CreateStatementDto,
    updateDto: UpdateStatementDto,
    create: (value: never, context) => deps.statements.create(value, scopeOf(context)),
    update: (id, value: never, context) => deps.statements.update(id, value, scopeOf(context)),
  });
  return {
    resource: new deps.ScopedResource(BankStatement, { companies: (ids) => ({ bankAccountId: inSubquery(ids, BANK_ACCOUNTS_OF_COMPANIES) }) }),
    options: {
      id: 'BankStatement',
      navigation: NAV.banking,
      sort: { sortBy: 'dateStart', direction: 'desc' },
      listProperties: ['id', 'name', 'bankAccountId', 'dateStart', 'dateEnd', 'balanceStart', 'balanceEnd', 'lineCount', 'state'],
      showProperties: ['id', 'name', 'bankAccountId', 'dateStart', 'dateEnd', 'balanceStart', 'balanceEnd', 'bankBalance', 'bankBalanceAt', 'lineCount', 'state', 'closeComment'],
      editProperties: ['bankAccountId', 'name', 'dateStart', 'dateEnd', 'balanceStart', 'state', 'closeComment'],
      filterProperties: ['bankAccountId', 'name', 'state', 'dateStart'],
      properties: {
        balanceEnd: { type: 'string', isVisible: { list: true, show: true, edit: false, filter: false } },
        lineCount: { type: 'number', isVisible: { list: true, show: true, edit: false, filter: false } },
        dateStart: { type: 'date' },
        dateEnd: { type: 'date' },
        state: { availableValues: [{ value: 'open', label: 'Ouvert' }, { value: 'closed', label: 'Clôturé' }] },
      },
      actions: {
        ...actions,
        list: { after: withTotals },
        show: { after: withTotals },
        synchro: {
          actionType: 'record',
          icon: 'RefreshCw',
          component: deps.components.SynchroAction,
          handler: (request: ActionRequest, _response: unknown, context: ActionContext) => synchroHandler(deps, request, context),
        },
        lines: {
          actionType: 'record',
          icon: 'List',
          component: false,
          handler: async (_request: ActionRequest, _response: unknown, context: ActionContext) => ({
            record: context.record!.toJSON(context.currentAdmin),
            redirectUrl: `/admin/resources/StatementLine?filters.statementId=${context.record!.id()}`,
          }),
        },
      },
    },
  };
}

/** The Synchro button: the same service as POST /statements/:id/sync, for the chosen ERP user. */
async function synchroHandler(deps: AdminDeps, request: ActionRequest, context: ActionContext) {
  const record = context.record!;
  const scope = scopeOf(context);
  const statement = await deps.statements.getEntity(Number(record.id()), scope);
  if (request.method !== 'post') {
    const page = await deps.users.list({ companyId: statement.bankAccount.companyId, limit: 500 }, scope);
    const users = page.items.filter((user) => user.active && user.email).map((user) => ({ value: user.id, label: `${user.name} <${user.email}>` }));
    const linked = (context.currentAdmin as { userId?: number | null } | undefined)?.userId;
    return { record: record.toJSON(context.currentAdmin), users, defaultUserId: users.some((user) => user.value === linked) ? linked : (users[0]?.value ?? null) };
  }
  const userId = Number((request.payload as { userId?: unknown } | undefined)?.userId);
  try {
    // The client address as Express sees it (X-Forwarded-For from a trusted proxy), kept by keepClientAddress.
    const ip = (request as { clientIp?: string }).clientIp ?? null;
    const result = await deps.synchro.sync(statement.id, userId, scope, ip);
    return { record: record.toJSON(context.currentAdmin), result };
  } catch (error) {
    if (error instanceof DomainError || error instanceof BridgeError) {
      return { record: record.toJSON(context.currentAdmin), failure: frenchSyncFailure(error) };
    }
    throw error;
  }
}

const SYNC_FAILURES: [RegExp, string][] = [
  [/has no e-mail/, 'Cet utilisateur n’a pas d’e-mail Bridge : renseignez-le dans Utilisateurs.'],
  [/is inactive$/, 'Cet utilisateur est inactif.'],
  [/subscription of company .* is not active/, 'L’abonnement de la société n’est pas actif : la Synchro s’ouvre quand l’éditeur l’active.'],
  [/Bridge configuration .* is inactive/, 'La configuration Bridge de la société est inactive : activez-la dans Configuration de bridgeapi.'],
  [/No Bridge configuration serves/, 'Aucune configuration Bridge ne sert cette société : créez-en une dans Configuration de bridgeapi.'],
  [/is closed: reopen it/, 'Le relevé est clôturé : rouvrez-le pour lancer la Synchro.'],
  [/has no IBAN/, 'Le compte bancaire n’a pas d’IBAN : renseignez-le dans Comptes bancaires.'],
  [/does not belong to company/, 'Cet utilisateur n’appartient pas à la société du relevé.'],
  [/client id\/secret/, 'Bridge refuse l’identifiant ou le secret client de la configuration : corrigez-les dans Configuration de bridgeapi.'],
  [/limits the number of requests/, 'Bridge limite le nombre d’appels : réessayez dans quelques minutes.'],
  [/stopped after saving/, 'Bridge s’est interrompu pendant la Synchro : les opérations déjà reçues sont conservées ; relancez la Synchro, elle reprendra là où elle s’est arrêtée.'],
  [/none can be stored/, 'Bridge a envoyé des opérations aux valeurs invalides : aucune n’a été enregistrée ; réessayez quand Bridge les aura corrigées.'],
  [/did not answer/, 'Bridge ne répond pas pour le moment : rien n’a été modifié, réessayez dans quelques minutes.'],
  [/is busy: a Synchro or a change of one of its statements/, 'Une Synchro ou une modification d’un relevé de ce compte bancaire est déjà en cours : réessayez quand elle sera terminée.'],
  [/database is saturated/, 'La base de données est saturée pour le moment : réessayez dans un instant.'],
];

function frenchSyncFailure(error: Error): string {
  return SYNC_FAILURES.find(([pattern]) => pattern.test(error.message))?.[1] ?? `Refusé : ${error.message}`;
}

function statementLineResource(deps: AdminDeps): ResourceWithOptions {
  return {
    resource: new deps.ScopedResource(StatementLine, { companies: (ids) => ({ statementId: inSubquery(ids, STATEMENTS_OF_COMPANIES) }) }),
    options: {
      id: 'StatementLine',
      navigation: NAV.banking,
      sort: { sortBy: 'date', direction: 'asc' },
      listProperties: ['date', 'label', 'amount', 'currency', 'reviewRequired', 'statementId'],
      filterProperties: ['statementId', 'date', 'label', 'reviewRequired'],
      properties: { reviewNote: { type: 'textarea' }, date: { type: 'date' } },
      actions: READ_ONLY,
    },
  };
}

function bankTransactionResource(deps: AdminDeps): ResourceWithOptions {
  return {
    resource: new deps.ScopedResource(BankTransaction, { companies: (ids) => ({ bankAccountId: inSubquery(ids, BANK_ACCOUNTS_OF_COMPANIES) }) }),
    options: {
      id: 'BankTransaction',
      navigation: NAV.banking,
      sort: { sortBy: 'date', direction: 'desc' },
      listProperties: ['date', 'originalLabel', 'amount', 'accountType', 'operationType', 'future', 'deleted', 'bankAccountId'],
      filterProperties: ['bankAccountId', 'date', 'originalLabel', 'accountType', 'operationType', 'future', 'deleted'],
      properties: { date: { type: 'date' }, transactionDate: { type: 'date' }, bookingDate: { type: 'date' }, valueDate: { type: 'date' } },
      actions: READ_ONLY,
    },
  };
}

function userResource(deps: AdminDeps): ResourceWithOptions {
  const fields: Record<string, FieldKind> = { companyId: 'int', name: 'string', login: 'string', email: 'nullableString', active: 'boolean' };
  const { companyId: _companyId, ...updateFields } = fields;
  return {
    resource: new deps.ScopedResource(User, { companies: (ids) => ({ companyId: inCompanies(ids) }) }),
    options: {
      id: 'User',
      navigation: NAV.configuration,
      listProperties: ['id', 'companyId', 'name', 'login', 'email', 'active'],
      editProperties: ['companyId', 'name', 'login', 'email', 'active'],
      filterProperties: ['companyId', 'name', 'login', 'email', 'active'],
      actions: serviceActions(deps, {
        fields,
        updateFields,
        createDto: CreateUserDto,
        updateDto: UpdateUserDto,
        create: (value: never, context) => deps.users.create(value, scopeOf(context)),
        update: (id, value: never, context) => deps.users.update(id, value, scopeOf(context)),
      }),
    },
  };
}

function companyResource(deps: AdminDeps): ResourceWithOptions {
  const fields: Record<string, FieldKind> = { name: 'string', siren: 'nullableString', subscriptionActive: 'boolean' };
  return {
    resource: new deps.ScopedResource(Company, { companies: (ids) => ({ id: inCompanies(ids) }) }),
    options: {
      id: 'Company',
      navigation: NAV.configuration,
      listProperties: ['id', 'name', 'siren', 'subscriptionActive'],
      editProperties: ['name', 'siren', 'subscriptionActive'],
      filterProperties: ['name', 'siren', 'subscriptionActive'],
      actions: serviceActions(deps, {
        fields,
        createDto: CreateCompanyDto,
        updateDto: UpdateCompanyDto,
        create: async (value: never, context) => {
          const scope = scopeOf(context);
          const company = await deps.companies.create(value, scope, undefined);
          // A company an integrator creates joins its companies, as with a scoped API key (from this request on).
          if (!scope.editor) {
            const identity = context.currentAdmin as SessionIdentity;
            await deps.adminAccounts.grantCompany(Number(identity.id), company.id);
            identity.companyIds = [...identity.companyIds, company.id];
          }
          return company;
        },
        update: (id, value: never, context) => deps.companies.update(id, value, scopeOf(context)),
      }),
    },
  };
}

function adminAccountResource(deps: AdminDeps): ResourceWithOptions {
  const fields: Record<string, FieldKind> = { email: 'string', name: 'string', password: 'string', role: 'string', companyIds: 'intList', userId: 'nullableInt', active: 'boolean' };
  const { email: _email, ...updateFields } = fields;
  const showCompanies = async (actionResponse: ActionResponse) => {
    const response = actionResponse as RecordsResponse;
    const records = [response.record, ...(response.records ?? [])].filter((record) => record?.id) as { id: string; params: Record<string, unknown> }[];
    const companyIds = await deps.adminAccounts.companyIdsOf(records.map((record) => Number(record.id)));
    for (const record of records) record.params.companyIds = (companyIds.get(Number(record.id)) ?? []).join(', ');
    return actionResponse;
  };
  const actions = serviceActions(deps, {
    fields,
    updateFields,
    createDto: CreateAdminAccountDto,
    updateDto: UpdateAdminAccountDto,
    // An empty password on edit keeps the current one.
    prepare: (value: Record<string, unknown>) => {
      if (value.password === '') delete value.password;
      return value;
    },
    create: (value: CreateAdminAccountDto) => deps.adminAccounts.create({ ...value, userId: value.userId ?? null }),
    update: (id: number, value: UpdateAdminAccountDto) => deps.adminAccounts.update(id, value),
  });
  // Accounts, their roles and their companies are the editor's to give.
  return {
    resource: new deps.ScopedResource(AdminAccount, { hidden: ['passwordHash'], companies: 'editor' }),
    options: {
      id: 'AdminAccount',
      navigation: NAV.configuration,
      listProperties: ['id', 'email', 'name', 'role', 'companyIds', 'userId', 'active', 'lastLoginAt'],
      showProperties: ['id', 'email', 'name', 'role', 'companyIds', 'userId', 'active', 'lastLoginAt', 'createdAt'],
      editProperties: ['email', 'name', 'password', 'role', 'companyIds', 'userId', 'active'],
      filterProperties: ['email', 'name', 'role', 'active'],
      properties: {
        password: { type: 'password', isVisible: { list: false, show: false, filter: false, edit: true } },
        role: { availableValues: [{ value: 'editor', label: 'Éditeur (toutes les sociétés, facturation)' }, { value: 'integrator', label: 'Intégrateur (ses sociétés)' }] },
        companyIds: { type: 'string', isVisible: { list: true, show: true, edit: true, filter: false } },
      },
      actions: {
        list: { isAccessible: editorOnly, after: showCompanies },
        show: { isAccessible: editorOnly, after: showCompanies },
        search: { isAccessible: editorOnly },
        new: { ...actions.new, isAccessible: editorOnly },
        edit: { ...actions.edit, isAccessible: editorOnly, after: showCompanies },
        delete: { isAccessible: false },
        bulkDelete: { isAccessible: false },
      },
    },
  };
}

function billingReportResource(deps: AdminDeps): ResourceWithOptions {
  return {
    resource: new deps.ScopedResource(BillingReport, { companies: 'editor' }),
    options: {
      id: 'BillingReport',
      navigation: NAV.billing,
      sort: { sortBy: 'period', direction: 'desc' },
      listProperties: ['period', 'kind', 'companyId', 'bridgeConfigId', 'userCount', 'unitPrice', 'amount'],
      showProperties: ['period', 'kind', 'companyId', 'bridgeConfigId', 'users', 'userCount', 'unitPrice', 'amount', 'createdAt'],
      filterProperties: ['period', 'kind', 'companyId', 'bridgeConfigId'],
      properties: {
        kind: { availableValues: [{ value: 'annual', label: 'Annuel' }, { value: 'monthly', label: 'Mensuel' }] },
        users: { type: 'textarea' },
      },
      actions: {
        ...READ_ONLY,
        list: { isAccessible: editorOnly },
        show: { isAccessible: editorOnly },
        search: { isAccessible: editorOnly },
        chart: {
          isAccessible: editorOnly,
          actionType: 'resource',
          icon: 'BarChart2',
          component: deps.components.BillingChart,
          handler: async (request: ActionRequest, _response: unknown, context: ActionContext) => {
            if (!editorOnly(context)) throw new deps.adminjs.ForbiddenError('Billing is the editor’s');
            const year = Number((request.payload as { year?: unknown } | undefined)?.year ?? deps.clock.now().getUTCFullYear());
            return { year, totals: Number.isInteger(year) ? await deps.billing.monthlyTotals(year) : [] };
          },
        },
      },
    },
  };
}
