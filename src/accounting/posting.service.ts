import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

import type { AccessScope } from '../auth/access-scope.js';
import type { BankAccount } from '../bank-accounts/bank-account.entity.js';
import { Clock } from '../common/clock/clock.js';
import { ConflictError } from '../common/errors/domain-errors.js';
import { CompaniesService } from '../companies/companies.service.js';
import type { BankStatement } from '../statements/bank-statement.entity.js';
import { StatementPostingsService } from '../statements/statement-postings.service.js';
import { StatementsService } from '../statements/statements.service.js';
import { firstMatchingRule } from './counterpart-matching.js';
import { CounterpartRulesService, type JournalRules } from './counterpart-rules.service.js';
import {
  entryLines,
  linePosting,
  pieceDateOf,
  pieceRefOf,
  type JournalAccounts,
  type PostableLine,
} from './entry-plan.js';
import { FiscalYearsService, type CompanyCalendar } from './fiscal-years.service.js';
import { LedgerWriter, type EntryDraft } from './ledger-writer.service.js';

export interface PostingResult {
  posted: number;
  entryIds: number[];
}

// Lines per transaction: short transactions, and a stop anywhere leaves whole chunks posted and numbered.
const CHUNK = 500;

/** The scene of a posting: the statement, its journal and the company's calendar. */
export interface PostingScene {
  statement: BankStatement;
  bankAccount: BankAccount;
  company: CompanyCalendar;
}

/** docs/rules.md#posting: statement lines become entries, once each, gapless, under the bank account's lock. */
@Injectable()
export class PostingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statements: StatementsService,
    private readonly postings: StatementPostingsService,
    private readonly companies: CompaniesService,
    private readonly rules: CounterpartRulesService,
    private readonly fiscalYears: FiscalYearsService,
    private readonly ledger: LedgerWriter,
    private readonly clock: Clock,
  ) {}

  async scene(statementId: number, scope: AccessScope): Promise<PostingScene> {
    const statement = await this.statements.getEntity(statementId, scope);
    const company = await this.companies.get(statement.bankAccount.companyId, scope);
    return { statement, bankAccount: statement.bankAccount, company };
  }

  async post(statementId: number, lineIds: number[] | undefined, scope: AccessScope): Promise<PostingResult> {
    const scene = await this.scene(statementId, scope);
    if (lineIds) {
      await this.postings.assertLinesOf(statementId, lineIds);
    }
    return this.statements.withBankAccountLock(scene.bankAccount, async () => {
      const range = await this.postings.unpostedDateRange(statementId, lineIds);
      if (range) {
        await this.fiscalYears.assertOpenBetween(scene.company, range.first, range.last);
      }
      const rules = await this.rules.forJournal(scene.company.id, scene.bankAccount.id);
      const accounts = journalAccounts(scene.bankAccount);
      const result: PostingResult = { posted: 0, entryIds: [] };
      // Each chunk is read from where the previous one ended (a keyset on date and id, the numbering order); once
      // that finds nothing, one read from the start makes sure no line was left behind.
      let after: PostableLine | undefined;
      for (;;) {
        let lines = await this.postings.nextUnposted(statementId, CHUNK, lineIds, after);
        if (lines.length === 0 && after) {
          lines = await this.postings.nextUnposted(statementId, CHUNK, lineIds);
        }
        if (lines.length === 0) {
          return result;
        }
        after = lines.at(-1);
        const validatedAt = this.clock.now();
        const ids = await this.dataSource.transaction(async (manager) => {
          const drafts = lines.flatMap((line) => {
            const draft = this.draftOf(line, scene.bankAccount, accounts, rules);
            return draft ? [draft] : [];
          });
          const written = await this.ledger.write(manager, scene.company, scene.bankAccount, drafts, validatedAt);
          await this.postings.markPosted(
            manager,
            lines.map((line) => line.id),
            validatedAt,
          );
          return written;
        });
        result.posted += ids.length;
        result.entryIds.push(...ids);
      }
    });
  }

  /**
   * The entry of a line's current values, or null when the line takes none (zero, or a card settlement that the
   * deferred total's entry stands for). Refuses what cannot be posted right.
   */
  draftOf(
    line: PostableLine,
    bankAccount: Pick<
      BankAccount,
      'id' | 'journalCode' | 'cardDatingMode' | 'cardKeepDeferredTotal' | 'accountTypes' | 'cardClearingAccount'
    >,
    accounts: JournalAccounts,
    rules: JournalRules,
  ): EntryDraft | null {
    if (line.currency !== 'EUR') {
      throw new ConflictError(
        'accounting.currency_unsupported',
        `Line ${line.id} is in ${line.currency}: only EUR lines are posted (the FEC is kept in euros, and a foreign amount never goes into Debit/Credit)`,
      );
    }
    if (needsClearing(line, bankAccount) && accounts.cardClearing === null) {
      throw new ConflictError(
        'accounting.card_clearing_missing',
        `cardClearingAccount: bank account ${bankAccount.id} (journal ${bankAccount.journalCode}) dates card lines on their debit day and keeps the deferred totals, so card lines post against the card clearing account: set cardClearingAccount first`,
        'cardClearingAccount',
      );
    }
    const posting = linePosting(line, accounts);
    if (posting.kind === 'none') {
      return null;
    }
    const rule =
      posting.counterpart === 'rule'
        ? firstMatchingRule(
            rules.rules,
            { labels: [line.label, line.cleanLabel ?? '', line.originalLabel ?? ''], amount: line.amount },
            rules.compiled,
          )
        : undefined;
    const counterpart =
      posting.counterpart !== 'rule'
        ? posting.counterpart
        : rule
          ? { account: rule.account, accountLabel: rule.accountLabel }
          : accounts.suspense;
    return {
      statementId: line.statementId,
      statementLineId: line.id,
      date: line.date,
      pieceRef: pieceRefOf(line),
      pieceDate: pieceDateOf(line),
      label: line.label.trim() === '' ? 'Opération bancaire' : line.label,
      kind: 'posting',
      reversalOfId: null,
      ruleId: rule?.id ?? null,
      postingKey: postingKeyOf(line),
      lines: entryLines(line.amount, posting.bankSide, counterpart),
    };
  }

  /** Writes drafts in the caller's transaction (bank changes post a reversal and a new entry together). */
  write(manager: EntityManager, scene: PostingScene, drafts: EntryDraft[], validatedAt: Date): Promise<number[]> {
    return this.ledger.write(manager, scene.company, scene.bankAccount, drafts, validatedAt);
  }
}

/** One posting per revision of a line: the unique key the database holds against a second. */
export function postingKeyOf(line: Pick<PostableLine, 'id' | 'revision'>): string {
  return `line:${line.id}:${line.revision}`;
}

export function reversalKeyOf(entryId: number): string {
  return `reversal:${entryId}`;
}

/** docs/rules.md#card-clearing: a card account in `debit` mode whose deferred totals are kept. */
export function cardClearingApplies(
  bankAccount: Pick<BankAccount, 'cardDatingMode' | 'cardKeepDeferredTotal' | 'accountTypes'>,
): boolean {
  return (
    bankAccount.cardDatingMode === 'debit' &&
    bankAccount.cardKeepDeferredTotal &&
    bankAccount.accountTypes.includes('card')
  );
}

function needsClearing(
  line: PostableLine,
  bankAccount: Pick<BankAccount, 'cardDatingMode' | 'cardKeepDeferredTotal' | 'accountTypes'>,
): boolean {
  return (
    cardClearingApplies(bankAccount) && (line.accountType === 'card' || line.operationType === 'deferred_debit_card')
  );
}

/** The journal's accounts with their labels (docs/rules.md#account-labels). */
export function journalAccounts(bankAccount: BankAccount): JournalAccounts {
  return {
    journalCode: bankAccount.journalCode,
    journalName: bankAccount.journalName,
    currency: bankAccount.currency,
    bank: {
      account: bankAccount.glAccount,
      accountLabel: bankAccount.glAccountLabel || `Banque ${bankAccount.journalName}`,
    },
    suspense: {
      account: bankAccount.suspenseAccount,
      accountLabel: bankAccount.suspenseAccountLabel || "Compte d'attente",
    },
    cardClearing:
      cardClearingApplies(bankAccount) && bankAccount.cardClearingAccount
        ? {
            account: bankAccount.cardClearingAccount,
            accountLabel: bankAccount.cardClearingAccountLabel || `Carte à débit différé ${bankAccount.journalCode}`,
          }
        : null,
  };
}
