import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { BankAccountsModule } from '../bank-accounts/bank-accounts.module.js';
import { BridgeConfigModule } from '../bridge-config/bridge-config.module.js';
import { BridgeModule } from '../bridge/bridge.module.js';
import { CompaniesModule } from '../companies/companies.module.js';
import { ConnectionLogModule } from '../connection-log/connection-log.module.js';
import { StatementsModule } from '../statements/statements.module.js';
import { UsersModule } from '../users/users.module.js';
import { BridgeUserBinding } from './bridge-user-binding.entity.js';
import { BridgeUserBindings } from './bridge-user-bindings.service.js';
import { CallbackService } from './callback.service.js';
import { FunnelContext } from './funnel-context.entity.js';
import { FunnelContexts } from './funnel-contexts.service.js';
import { StatementImporter } from './statement-importer.js';
import { BankAccountSyncCursor } from './sync-cursor.entity.js';
import { BridgeCallbackController, SynchroController } from './synchro.controller.js';
import { SynchroScheduler } from './synchro.scheduler.js';
import { SynchroService } from './synchro.service.js';

/** The Synchro of a statement with Bridge (docs/architecture.md#the-synchro-path). */
@Module({
  imports: [
    TypeOrmModule.forFeature([BankAccountSyncCursor, BridgeUserBinding, FunnelContext]),
    BankAccountsModule,
    BridgeModule,
    BridgeConfigModule,
    CompaniesModule,
    ConnectionLogModule,
    StatementsModule,
    UsersModule,
  ],
  controllers: [SynchroController, BridgeCallbackController],
  providers: [SynchroService, BridgeUserBindings, StatementImporter, FunnelContexts, CallbackService, SynchroScheduler],
  exports: [SynchroService],
})
export class SynchroModule {}
