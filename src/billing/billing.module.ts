import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { BridgeConfigModule } from '../bridge-config/bridge-config.module.js';
import { CompaniesModule } from '../companies/companies.module.js';
import { ConnectionLogModule } from '../connection-log/connection-log.module.js';
import { UsersModule } from '../users/users.module.js';
import { BillingReport } from './billing-report.entity.js';
import { BillingController } from './billing.controller.js';
import { BillingScheduler } from './billing.scheduler.js';
import { BillingService } from './billing.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([BillingReport]),
    BridgeConfigModule,
    CompaniesModule,
    ConnectionLogModule,
    UsersModule,
  ],
  controllers: [BillingController],
  providers: [BillingService, BillingScheduler],
  exports: [BillingService],
})
export class BillingModule {}
