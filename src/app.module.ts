import { Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';

import { AccountingModule } from './accounting/accounting.module.js';
import { AdminAccountsModule } from './admin-accounts/admin-accounts.module.js';
import { ApiLogsModule } from './api-logs/api-logs.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BankAccountsModule } from './bank-accounts/bank-accounts.module.js';
import { BillingModule } from './billing/billing.module.js';
import { BridgeConfigModule } from './bridge-config/bridge-config.module.js';
import { BridgeModule } from './bridge/bridge.module.js';
import { PinnedClock, type Clock } from './common/clock/clock.js';
import { ClockModule } from './common/clock/clock.module.js';
import { CompaniesModule } from './companies/companies.module.js';
import { loadAppConfig, type AppConfig } from './config/app-config.js';
import { AppConfigModule } from './config/app-config.module.js';
import { ConnectionLogModule } from './connection-log/connection-log.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DemoModule } from './demo/demo.module.js';
import { HealthModule } from './health/health.module.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { StatementsModule } from './statements/statements.module.js';
import { SynchroModule } from './synchro/synchro.module.js';
import { UsersModule } from './users/users.module.js';

@Module({})
export class AppModule {
  /** The whole service; tests pass their own configuration (and clock) instead of reading process.env. */
  static async forRoot(
    config: AppConfig = loadAppConfig(process.env),
    options: { clock?: Clock } = {},
  ): Promise<DynamicModule> {
    // The back-office is imported only when enabled: adminjs alone takes over a second to load.
    const admin = config.adminEnabled
      ? [await (await import('../admin/admin-panel.module.js')).createAdminPanelModule()]
      : [];
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        // CLOCK_START replays a date (tests, demos); otherwise the system clock.
        ClockModule.forRoot(options.clock ?? (config.clockStart ? new PinnedClock(config.clockStart) : undefined)),
        DatabaseModule,
        ScheduleModule.forRoot(),
        ApiLogsModule,
        AuthModule,
        BankAccountsModule,
        BillingModule,
        BridgeModule,
        BridgeConfigModule,
        CompaniesModule,
        ConnectionLogModule,
        DemoModule,
        HealthModule,
        IdempotencyModule,
        StatementsModule,
        SynchroModule,
        AccountingModule,
        UsersModule,
        AdminAccountsModule,
        ...admin,
      ],
    };
  }
}
