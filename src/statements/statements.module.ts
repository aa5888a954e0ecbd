import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { BankAccountsModule } from '../bank-accounts/bank-accounts.module.js';
import { BalanceCheckController } from './balance-check.controller.js';
import { BalanceCheckService } from './balance-check.service.js';
import { BalanceSnapshot } from './balance-snapshot.entity.js';
import { BalanceSnapshotsService } from './balance-snapshots.service.js';
import { BankStatement } from './bank-statement.entity.js';
import { BankTransaction } from './bank-transaction.entity.js';
import { MirrorFilingCursor } from './mirror-filing-cursor.entity.js';
import { StatementImportService } from './statement-import.service.js';
import { StatementLineSequence } from './statement-line-sequence.entity.js';
import { StatementLineTombstone } from './statement-line-tombstone.entity.js';
import { StatementLine } from './statement-line.entity.js';
import { StatementPostingsService } from './statement-postings.service.js';
import { StatementsController } from './statements.controller.js';
import { StatementsService } from './statements.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      BankStatement,
      StatementLine,
      BankTransaction,
      BalanceSnapshot,
      StatementLineTombstone,
      StatementLineSequence,
      MirrorFilingCursor,
    ]),
    BankAccountsModule,
  ],
  controllers: [StatementsController, BalanceCheckController],
  providers: [
    StatementsService,
    StatementImportService,
    StatementPostingsService,
    BalanceSnapshotsService,
    BalanceCheckService,
  ],
  exports: [
    StatementsService,
    StatementImportService,
    StatementPostingsService,
    BalanceSnapshotsService,
    BalanceCheckService,
  ],
})
export class StatementsModule {}
