import { Module } from '@nestjs/common';

import { AccountingModule } from '../accounting/accounting.module.js';
import { BankAccountsModule } from '../bank-accounts/bank-accounts.module.js';
import { BridgeConfigModule } from '../bridge-config/bridge-config.module.js';
import { CompaniesModule } from '../companies/companies.module.js';
import { StatementsModule } from '../statements/statements.module.js';
import { UsersModule } from '../users/users.module.js';
import { DemoSeedService } from './demo-seed.service.js';

@Module({
  imports: [AccountingModule, BankAccountsModule, BridgeConfigModule, CompaniesModule, StatementsModule, UsersModule],
  providers: [DemoSeedService],
  exports: [DemoSeedService],
})
export class DemoModule {}
