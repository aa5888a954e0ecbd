import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';

import type { AccessScope } from '../auth/access-scope.js';
import { NotFoundError } from '../common/errors/domain-errors.js';
import { pageWindow, type Page } from '../common/pagination/page.js';
import type { ListEntriesQueryDto } from './dto/entry.dto.js';
import { JournalEntryLine } from './journal-entry-line.entity.js';
import { JournalEntry } from './journal-entry.entity.js';

/** Reads entries; nothing here or anywhere else updates or deletes one (docs/rules.md#entries). */
@Injectable()
export class EntriesService {
  constructor(
    @InjectRepository(JournalEntry) private readonly entries: Repository<JournalEntry>,
    @InjectRepository(JournalEntryLine) private readonly entryLines: Repository<JournalEntryLine>,
  ) {}

  /** In posting order (ids grow with validation). */
  async list(query: ListEntriesQueryDto, scope: AccessScope): Promise<Page<JournalEntry>> {
    const { limit, offset } = pageWindow(query);
    const builder = this.entries.createQueryBuilder('entry').orderBy('entry.id', 'ASC');
    const companyIds = scope.companyFilter(query.companyId);
    if (companyIds) {
      builder.andWhere('entry.companyId IN (:...companyIds)', { companyIds: companyIds.length > 0 ? companyIds : [0] });
    }
    const equal = ['bankAccountId', 'statementId', 'statementLineId', 'journalCode', 'fiscalYear', 'kind'] as const;
    for (const field of equal) {
      if (query[field] !== undefined) {
        builder.andWhere(`entry.${field} = :${field}`, { [field]: query[field] });
      }
    }
    if (query.from !== undefined) builder.andWhere('entry.date >= :from', { from: query.from });
    if (query.to !== undefined) builder.andWhere('entry.date <= :to', { to: query.to });
    const [items, total] = await builder.take(limit).skip(offset).getManyAndCount();
    await this.attachLines(items);
    return { items, total, limit, offset };
  }

  async get(id: number, scope: AccessScope): Promise<JournalEntry> {
    const entry = await this.entries.findOneBy({ id });
    if (!entry || !scope.canAccess(entry.companyId)) {
      throw new NotFoundError('Entry', id);
    }
    await this.attachLines([entry]);
    return entry;
  }

  /** The entry that posted the current values of a line, with its lines (none when they are not posted). */
  async currentPostingOf(postingKey: string): Promise<JournalEntry | null> {
    const entry = await this.entries.findOneBy({ postingKey });
    if (entry) await this.attachLines([entry]);
    return entry;
  }

  /** The entries of some statement lines, per line, in posting order (back-office line pages). */
  async ofLines(lineIds: number[]): Promise<Map<number, JournalEntry[]>> {
    const result = new Map<number, JournalEntry[]>();
    if (lineIds.length === 0) return result;
    const entries = await this.entries.find({ where: { statementLineId: In(lineIds) }, order: { id: 'ASC' } });
    await this.attachLines(entries);
    for (const entry of entries) {
      result.set(entry.statementLineId, [...(result.get(entry.statementLineId) ?? []), entry]);
    }
    return result;
  }

  private async attachLines(entries: JournalEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const lines = await this.entryLines.find({
      where: { entryId: In(entries.map((entry) => entry.id)) },
      order: { entryId: 'ASC', position: 'ASC' },
    });
    const byEntry = new Map<number, JournalEntryLine[]>();
    for (const line of lines) byEntry.set(line.entryId, [...(byEntry.get(line.entryId) ?? []), line]);
    for (const entry of entries) entry.lines = byEntry.get(entry.id) ?? [];
  }
}
