import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { CompaniesModule } from '../companies/companies.module.js';
import { AdminAccount } from './admin-account.entity.js';
import { AdminAccountsService } from './admin-accounts.service.js';
import { LoginThrottle } from './login-throttle.entity.js';
import { LoginThrottleService } from './login-throttle.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([AdminAccount, LoginThrottle]), CompaniesModule],
  providers: [AdminAccountsService, LoginThrottleService],
  exports: [AdminAccountsService],
})
export class AdminAccountsModule {}
