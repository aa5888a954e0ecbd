import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AdminAccount } from './admin-account.entity.js';
import { AdminAccountsService } from './admin-accounts.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([AdminAccount])],
  providers: [AdminAccountsService],
  exports: [AdminAccountsService],
})
export class AdminAccountsModule {}
