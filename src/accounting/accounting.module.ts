import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { BankAccountsModule } from '../bank-accounts/bank-accounts.module.js';
import { CompaniesModule } from '../companies/companies.module.js';
import { StatementsModule } from '../statements/statements.module.js';
import { AccountingExportsController } from './accounting-exports.controller.js';
import { AccountingExportsService } from './accounting-exports.service.js';
import { BankChangesService } from './bank-changes.service.js';
import { CounterpartRule } from './counterpart-rule.entity.js';
import { CounterpartRulesController } from './counterpart-rules.controller.js';
import { CounterpartRulesService } from './counterpart-rules.service.js';
import { EntriesController } from './entries.controller.js';
import { EntriesService } from './entries.service.js';
import { EntrySequence } from './entry-sequence.entity.js';
import { FiscalYear } from './fiscal-year.entity.js';
import { FiscalYearsController } from './fiscal-years.controller.js';
import { FiscalYearsService } from './fiscal-years.service.js';
import { JournalEntryLine } from './journal-entry-line.entity.js';
import { JournalEntry } from './journal-entry.entity.js';
import { LedgerWriter } from './ledger-writer.service.js';
import { PostingController } from './posting.controller.js';
import { PostingService } from './posting.service.js';

/**
 * The bank accounting entries (docs/architecture.md#accounting): fiscal years, counterpart rules, posting with gapless
 * numbers, bank changes after posting, and the exports. It reaches statements and bank accounts through their services.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([FiscalYear, CounterpartRule, EntrySequence, JournalEntry, JournalEntryLine]),
    StatementsModule,
    BankAccountsModule,
    CompaniesModule,
  ],
  controllers: [
    PostingController,
    EntriesController,
    CounterpartRulesController,
    FiscalYearsController,
    AccountingExportsController,
  ],
  providers: [
    FiscalYearsService,
    CounterpartRulesService,
    LedgerWriter,
    PostingService,
    EntriesService,
    BankChangesService,
    AccountingExportsService,
  ],
  exports: [
    AccountingExportsService,
    PostingService,
    EntriesService,
    BankChangesService,
    CounterpartRulesService,
    FiscalYearsService,
  ],
})
export class AccountingModule {}
