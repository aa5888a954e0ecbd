import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';

import type { BankAccount } from '../bank-accounts/bank-account.entity.js';
import { ecritureNum, type PlannedLine } from './entry-plan.js';
import { EntrySequence } from './entry-sequence.entity.js';
import type { FiscalYear } from './fiscal-year.entity.js';
import { FiscalYearsService, type CompanyCalendar } from './fiscal-years.service.js';
import { JournalEntryLine } from './journal-entry-line.entity.js';
import { JournalEntry, type EntryKind } from './journal-entry.entity.js';

/** An entry to write: everything but its number, which the sequence gives at validation. */
export interface EntryDraft {
  statementId: number;
  statementLineId: number;
  date: string;
  pieceRef: string;
  pieceDate: string;
  label: string;
  kind: EntryKind;
  reversalOfId: number | null;
  ruleId: number | null;
  postingKey: string;
  lines: PlannedLine[];
}

const INSERT_CHUNK = 100;
const LABEL_LENGTH = 500;

/**
 * Writes validated entries: numbers them from the gapless sequence of their company, journal and fiscal year, inserts
 * them and their lines, all in the caller's transaction. The sequence row is incremented first (UPDATE … SET
 * lastNumber = lastNumber + n) and read back: the row lock serialises writers on MariaDB, SQLite's first write takes
 * the database's write lock, and a rollback gives the numbers back (docs/rules.md#entry-numbers).
 */
@Injectable()
export class LedgerWriter {
  constructor(private readonly fiscalYears: FiscalYearsService) {}

  async write(
    manager: EntityManager,
    company: CompanyCalendar,
    journal: Pick<BankAccount, 'id' | 'journalCode' | 'journalName'>,
    drafts: readonly EntryDraft[],
    validatedAt: Date,
  ): Promise<number[]> {
    if (drafts.length === 0) {
      return [];
    }
    // Numbers follow the drafts' order within each fiscal year. A chunk's dates mostly fall into one year: each year
    // is looked up (or opened) once, not once per draft.
    const byYear = new Map<number, EntryDraft[]>();
    const yearOfDraft = new Map<EntryDraft, number>();
    const opened: FiscalYear[] = [];
    for (const draft of drafts) {
      let fiscalYear = opened.find((year) => year.startDate <= draft.date && draft.date <= year.endDate);
      if (!fiscalYear) {
        fiscalYear = await this.fiscalYears.openYearOf(manager, company, draft.date);
        opened.push(fiscalYear);
      }
      const year = fiscalYear.year;
      yearOfDraft.set(draft, year);
      const group = byYear.get(year);
      if (group) group.push(draft);
      else byYear.set(year, [draft]);
    }
    const numbers = new Map<EntryDraft, number>();
    for (const [year, group] of byYear) {
      const last = await this.takeNumbers(manager, company.id, journal.journalCode, year, group.length);
      group.forEach((draft, index) => numbers.set(draft, last - group.length + 1 + index));
    }

    const rows = drafts.map((draft) => {
      const year = yearOfDraft.get(draft)!;
      const number = numbers.get(draft)!;
      return {
        companyId: company.id,
        bankAccountId: journal.id,
        statementId: draft.statementId,
        statementLineId: draft.statementLineId,
        journalCode: journal.journalCode,
        journalName: journal.journalName,
        fiscalYear: year,
        number,
        ecritureNum: ecritureNum(journal.journalCode, year, number),
        date: draft.date,
        pieceRef: draft.pieceRef,
        pieceDate: draft.pieceDate,
        label: draft.label.slice(0, LABEL_LENGTH),
        kind: draft.kind,
        reversalOfId: draft.reversalOfId,
        ruleId: draft.ruleId,
        postingKey: draft.postingKey,
        validatedAt,
      };
    });
    for (let index = 0; index < rows.length; index += INSERT_CHUNK) {
      await manager.insert(JournalEntry, rows.slice(index, index + INSERT_CHUNK));
    }
    // Read the ids back by the unique posting key: portable, whatever a driver reports for a multi-row insert.
    const idByKey = new Map<string, number>();
    for (let index = 0; index < drafts.length; index += INSERT_CHUNK) {
      const keys = drafts.slice(index, index + INSERT_CHUNK).map((draft) => draft.postingKey);
      const found = await manager.find(JournalEntry, {
        select: { id: true, postingKey: true },
        where: { postingKey: In(keys) },
      });
      for (const entry of found) idByKey.set(entry.postingKey, entry.id);
    }
    const ids = drafts.map((draft) => idByKey.get(draft.postingKey)!);
    const lines = drafts.flatMap((draft, index) =>
      draft.lines.map((line, position) => ({ entryId: ids[index]!, position: position + 1, ...line })),
    );
    for (let index = 0; index < lines.length; index += INSERT_CHUNK * 2) {
      await manager.insert(JournalEntryLine, lines.slice(index, index + INSERT_CHUNK * 2));
    }
    return ids;
  }

  /** Reserves `count` numbers and returns the last one. */
  private async takeNumbers(
    manager: EntityManager,
    companyId: number,
    journalCode: string,
    fiscalYear: number,
    count: number,
  ): Promise<number> {
    const key = { companyId, journalCode, fiscalYear };
    const increment = () =>
      manager
        .createQueryBuilder()
        .update(EntrySequence)
        .set({ lastNumber: () => `lastNumber + ${Math.trunc(count)}` })
        .where('companyId = :companyId AND journalCode = :journalCode AND fiscalYear = :fiscalYear', key)
        .execute();
    const result = await increment();
    if (!result.affected) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(EntrySequence)
        .values({ ...key, lastNumber: 0 })
        .orIgnore()
        .execute();
      await increment();
    }
    const sequence = await manager.findOneByOrFail(EntrySequence, key);
    return sequence.lastNumber;
  }
}
