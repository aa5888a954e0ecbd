import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Big from 'big.js';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';

import type { AccessScope } from '../auth/access-scope.js';
import { Clock } from '../common/clock/clock.js';
import { ConflictError } from '../common/errors/domain-errors.js';
import { StatementPostingsService } from '../statements/statement-postings.service.js';
import { StatementsService } from '../statements/statements.service.js';
import { CounterpartRulesService } from './counterpart-rules.service.js';
import { EntriesService } from './entries.service.js';
import { reversedLines } from './entry-plan.js';
import { FiscalYearsService } from './fiscal-years.service.js';
import type { EntryDraft } from './ledger-writer.service.js';
import { journalAccounts, postingKeyOf, PostingService, reversalKeyOf } from './posting.service.js';

export interface BankChangeResult {
  reversalEntryId: number | null;
  entryId: number | null;
}

/**
 * docs/rules.md#bank-changes: the bank changed or deleted a line already posted. Accepting reverses the original entry
 * and posts the new values, in one transaction; rejecting keeps the posted values. The original entry never changes.
 */
@Injectable()
export class BankChangesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statements: StatementsService,
    private readonly postings: StatementPostingsService,
    private readonly posting: PostingService,
    private readonly entries: EntriesService,
    private readonly rules: CounterpartRulesService,
    private readonly fiscalYears: FiscalYearsService,
    private readonly clock: Clock,
  ) {}

  async accept(
    statementId: number,
    lineId: number,
    comment: string | undefined,
    actor: string,
    scope: AccessScope,
  ): Promise<BankChangeResult> {
    const scene = await this.posting.scene(statementId, scope);
    return this.statements.withBankAccountLock(scene.bankAccount, async () => {
      const line = await this.postings.lineUnderReview(statementId, lineId);
      if (!line.reviewRequired) {
        throw new ConflictError(
          'line.no_bank_change',
          `Line ${lineId} of statement ${statementId} awaits no decision on a bank change`,
        );
      }
      const original = line.postedAt !== null ? await this.entries.currentPostingOf(postingKeyOf(line)) : null;
      const checkDates = [original?.date, line.reviewDeleted ? undefined : (line.reviewDate ?? line.date)].filter(
        (date): date is string => date !== undefined,
      );
      for (const date of checkDates) {
        await this.fiscalYears.assertOpenBetween(scene.company, date, date);
      }
      const rules = await this.rules.forJournal(scene.company.id, scene.bankAccount.id);
      const accounts = journalAccounts(scene.bankAccount);
      const validatedAt = this.clock.now();
      return this.dataSource.transaction(async (manager) => {
        const drafts: EntryDraft[] = [];
        if (original) {
          drafts.push({
            statementId: original.statementId,
            statementLineId: original.statementLineId,
            date: original.date,
            pieceRef: original.pieceRef,
            pieceDate: original.pieceDate,
            label: `Extourne ${original.ecritureNum} ${original.label}`,
            kind: 'reversal',
            reversalOfId: original.id,
            ruleId: original.ruleId,
            postingKey: reversalKeyOf(original.id),
            lines: reversedLines(original.lines),
          });
        }
        const resolution = `Modification de la banque acceptée le ${parisDay(validatedAt)} par ${actor}${comment ? ` : ${comment}` : ''}`;
        const updated = await this.postings.applyBankChange(manager, line, resolution);
        let newDraft: EntryDraft | null = null;
        if (!line.reviewDeleted) {
          newDraft = this.posting.draftOf(updated, scene.bankAccount, accounts, rules);
          if (newDraft) drafts.push(newDraft);
        }
        const ids = await this.posting.write(manager, scene, drafts, validatedAt);
        if (!line.reviewDeleted && (newDraft || !isZero(updated.amount))) {
          await this.postings.markPosted(manager, [line.id], validatedAt);
        }
        return {
          reversalEntryId: original ? ids[0]! : null,
          entryId: newDraft ? ids.at(-1)! : null,
        };
      });
    });
  }

  async reject(statementId: number, lineId: number, comment: string, actor: string, scope: AccessScope): Promise<void> {
    const scene = await this.posting.scene(statementId, scope);
    await this.statements.withBankAccountLock(scene.bankAccount, async () => {
      const line = await this.postings.lineUnderReview(statementId, lineId);
      if (!line.reviewRequired) {
        throw new ConflictError(
          'line.no_bank_change',
          `Line ${lineId} of statement ${statementId} awaits no decision on a bank change`,
        );
      }
      await this.postings.rejectBankChange(
        line,
        `Modification de la banque rejetée le ${parisDay(this.clock.now())} par ${actor} : ${comment}`,
      );
    });
  }
}

function parisDay(at: Date): string {
  return DateTime.fromJSDate(at, { zone: 'Europe/Paris' }).toFormat('dd/LL/yyyy');
}

function isZero(amount: string): boolean {
  return new Big(amount).eq(0);
}
