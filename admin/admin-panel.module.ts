import type { AdminModuleOptions } from '@adminjs/nestjs';
import { Inject, Injectable, Logger, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Request } from 'express';
import { DataSource } from 'typeorm';

import { AccountingExportsService } from '../src/accounting/accounting-exports.service.js';
import { AccountingModule } from '../src/accounting/accounting.module.js';
import { BankChangesService } from '../src/accounting/bank-changes.service.js';
import { CounterpartRulesService } from '../src/accounting/counterpart-rules.service.js';
import { EntriesService } from '../src/accounting/entries.service.js';
import { FiscalYearsService } from '../src/accounting/fiscal-years.service.js';
import { PostingService } from '../src/accounting/posting.service.js';
import { AdminAccountsModule } from '../src/admin-accounts/admin-accounts.module.js';
import { AdminAccountsService } from '../src/admin-accounts/admin-accounts.service.js';
import { LoginThrottledError } from '../src/admin-accounts/login-throttle.service.js';
import { BankAccountsModule } from '../src/bank-accounts/bank-accounts.module.js';
import { BankAccountsService } from '../src/bank-accounts/bank-accounts.service.js';
import { BillingModule } from '../src/billing/billing.module.js';
import { BillingService } from '../src/billing/billing.service.js';
import { BridgeConfigModule } from '../src/bridge-config/bridge-config.module.js';
import { BridgeConfigsService } from '../src/bridge-config/bridge-configs.service.js';
import { Clock } from '../src/common/clock/clock.js';
import { CompaniesModule } from '../src/companies/companies.module.js';
import { CompaniesService } from '../src/companies/companies.service.js';
import { AppConfig } from '../src/config/app-config.js';
import { ConnectionLogModule } from '../src/connection-log/connection-log.module.js';
import { ConnectionLogService } from '../src/connection-log/connection-log.service.js';
import { BalanceCheckService } from '../src/statements/balance-check.service.js';
import { StatementsModule } from '../src/statements/statements.module.js';
import { StatementsService } from '../src/statements/statements.service.js';
import { SynchroModule } from '../src/synchro/synchro.module.js';
import { SynchroService } from '../src/synchro/synchro.service.js';
import { UsersModule } from '../src/users/users.module.js';
import { UsersService } from '../src/users/users.service.js';
import { AdminRouterLoader } from './admin-router.loader.js';
import { buildAdminOptions } from './admin.options.js';
import { billingDownload } from './billing-download.js';
import { assertPrebuiltBundle, prepareAdminJsEnvironment } from './bundle-paths.js';
import { registerComponents } from './component-loader.js';
import { fecDownload } from './fec-download.js';
import {
  freshIdentity,
  keepClientAddress,
  nonceOnAdminScripts,
  sameOriginOnly,
  sessionIdentity,
} from './request-guards.js';
import { scopedResourceClass } from './scoped-resource.js';
import { TypeormSessionStore } from './session-store.js';

const SESSION_HOURS = 8;
const ADMIN_PANEL_OPTIONS = Symbol('ADMIN_PANEL_OPTIONS');

/**
 * Mounts AdminJS the way @adminjs/nestjs's AdminModule does, without its `admin.watch()`: outside production that
 * watcher re-bundles the components with rollup relative to the working directory, and the process died a second after
 * starting from any other folder. The components are always served from the bundle `npm run build` made.
 */
@Injectable()
class AdminPanelRegistrar implements OnModuleInit {
  constructor(
    private readonly httpAdapterHost: HttpAdapterHost,
    @Inject(ADMIN_PANEL_OPTIONS) private readonly options: AdminModuleOptions,
    private readonly config: AppConfig,
    private readonly adminAccounts: AdminAccountsService,
    private readonly accountingExports: AccountingExportsService,
    private readonly billing: BillingService,
  ) {}

  async onModuleInit(): Promise<void> {
    const { default: AdminJS } = await import('adminjs');
    const admin = new AdminJS(this.options.adminJsOptions);
    await new AdminRouterLoader().register(
      admin,
      this.httpAdapterHost.httpAdapter,
      { ...this.options, adminJsOptions: admin.options },
      {
        guards: [sameOriginOnly(new URL(this.config.publicUrl).origin), nonceOnAdminScripts, keepClientAddress],
        afterSession: [
          freshIdentity(this.adminAccounts),
          fecDownload(this.accountingExports),
          billingDownload(this.billing),
        ],
      },
    );
  }
}

@Module({})
class AdminPanelModule {}

/**
 * The AdminJS back-office at /admin. Loaded with a dynamic import only when enabled: adminjs alone takes over a second
 * to import. Every write goes through the domain services (admin.options.ts).
 */
export async function createAdminPanelModule(): Promise<DynamicModule> {
  prepareAdminJsEnvironment();
  assertPrebuiltBundle(new Logger('AdminPanel'));
  const adminjs = await import('adminjs');
  const typeorm = await import('@adminjs/typeorm');
  adminjs.default.registerAdapter({ Database: typeorm.Database, Resource: typeorm.Resource });
  const ScopedResource = scopedResourceClass(typeorm, adminjs);

  return {
    module: AdminPanelModule,
    imports: [
      AccountingModule,
      AdminAccountsModule,
      BankAccountsModule,
      BillingModule,
      BridgeConfigModule,
      CompaniesModule,
      ConnectionLogModule,
      StatementsModule,
      SynchroModule,
      UsersModule,
    ],
    providers: [
      AdminPanelRegistrar,
      {
        provide: ADMIN_PANEL_OPTIONS,
        inject: [
          DataSource,
          AppConfig,
          AdminAccountsService,
          BankAccountsService,
          BridgeConfigsService,
          CompaniesService,
          StatementsService,
          BalanceCheckService,
          SynchroService,
          UsersService,
          BillingService,
          ConnectionLogService,
          PostingService,
          BankChangesService,
          EntriesService,
          CounterpartRulesService,
          FiscalYearsService,
          Clock,
        ],
        useFactory: (
          dataSource: DataSource,
          config: AppConfig,
          adminAccounts: AdminAccountsService,
          bankAccounts: BankAccountsService,
          configs: BridgeConfigsService,
          companies: CompaniesService,
          statements: StatementsService,
          balanceCheck: BalanceCheckService,
          synchro: SynchroService,
          users: UsersService,
          billing: BillingService,
          connectionLogs: ConnectionLogService,
          posting: PostingService,
          bankChanges: BankChangesService,
          entries: EntriesService,
          rules: CounterpartRulesService,
          fiscalYears: FiscalYearsService,
          clock: Clock,
        ) => {
          const componentLoader = new adminjs.ComponentLoader();
          const components = registerComponents(componentLoader);
          return {
            adminJsOptions: buildAdminOptions({
              adminjs,
              ScopedResource,
              componentLoader,
              components,
              companies,
              configs,
              users,
              bankAccounts,
              statements,
              balanceCheck,
              synchro,
              adminAccounts,
              billing,
              connectionLogs,
              posting,
              bankChanges,
              entries,
              rules,
              fiscalYears,
              clock,
            }),
            auth: {
              authenticate: async (email: string, password: string, context?: { req: Request }) => {
                const request = context!.req;
                let identity;
                try {
                  identity = await adminAccounts.authenticate(
                    email,
                    password,
                    request.ip ?? request.socket.remoteAddress ?? 'unknown',
                  );
                } catch (error) {
                  // AdminJS shows the message key of what authenticate throws (in French, admin/locale/fr.ts).
                  if (error instanceof LoginThrottledError) throw new Error('tooManyLoginAttempts', { cause: error });
                  throw error;
                }
                if (!identity) return null;
                // A new session id at login: a session id planted before (by another port of this host) is worthless.
                await new Promise<void>((resolve, reject) =>
                  request.session.regenerate((error) => (error ? reject(error) : resolve())),
                );
                return sessionIdentity(identity);
              },
              cookieName: 'tcb_admin',
              cookiePassword: config.sessionSecret,
            },
            sessionOptions: {
              store: new TypeormSessionStore(dataSource, clock),
              secret: config.sessionSecret,
              name: 'tcb_admin',
              resave: false,
              saveUninitialized: false,
              cookie: {
                httpOnly: true,
                sameSite: 'lax',
                secure: config.publicUrl.startsWith('https://'),
                maxAge: SESSION_HOURS * 3600_000,
              },
            },
          } satisfies AdminModuleOptions;
        },
      },
    ],
  };
}
