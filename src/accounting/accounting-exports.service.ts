import { Readable } from 'node:stream';

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';

import type { AccessScope } from '../auth/access-scope.js';
import { Clock } from '../common/clock/clock.js';
import { InvalidInputError } from '../common/errors/domain-errors.js';
import { CompaniesService } from '../companies/companies.service.js';
import { StatementPostingsService } from '../statements/statement-postings.service.js';
import { StatementsService } from '../statements/statements.service.js';
import type { StatementExportFormat } from './dto/export.dto.js';
import { writeCamt053 } from './exports/camt053-writer.js';
import type { FecEncoding, FecEntry, StatementExport } from './exports/export-types.js';
import { fecDescription } from './exports/fec-description.js';
import { encodeFec } from './exports/fec-text.js';
import { FEC_RECORD_SEPARATOR, fecFileName, fecHeader, fecRecords } from './exports/fec-writer.js';
import { writeOfx } from './exports/ofx-writer.js';
import { writeStatementCsv } from './exports/statement-csv-writer.js';
import { fiscalPeriodNamed, type FiscalPeriod } from './fiscal-calendar.js';
import { FiscalYearsService } from './fiscal-years.service.js';
import { JournalEntryLine } from './journal-entry-line.entity.js';
import { JournalEntry } from './journal-entry.entity.js';

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Buffer | Readable;
}

// Entries per database page while streaming a FEC: memory stays flat whatever the year holds.
const FEC_PAGE = 1000;

const STATEMENT_FORMATS: Record<
  StatementExportFormat,
  { extension: string; contentType: string; write: (input: StatementExport) => string }
> = {
  camt053: { extension: 'xml', contentType: 'application/xml; charset=utf-8', write: writeCamt053 },
  ofx: { extension: 'ofx', contentType: 'application/x-ofx; charset=utf-8', write: writeOfx },
  csv: { extension: 'csv', contentType: 'text/csv; charset=utf-8', write: writeStatementCsv },
};

/** docs/rules.md#exports: the FEC of a fiscal year and its description, and the statement files. */
@Injectable()
export class AccountingExportsService {
  constructor(
    @InjectRepository(JournalEntry) private readonly entries: Repository<JournalEntry>,
    @InjectRepository(JournalEntryLine) private readonly entryLines: Repository<JournalEntryLine>,
    private readonly companies: CompaniesService,
    private readonly fiscalYears: FiscalYearsService,
    private readonly statements: StatementsService,
    private readonly postings: StatementPostingsService,
    private readonly clock: Clock,
  ) {}

  /**
   * The FEC (LPF art. A47 A-1) of a fiscal year: every entry of the year in validation order, streamed page by page.
   * The same entries always give the same bytes.
   */
  async fec(
    companyId: number,
    fiscalYear: number,
    encoding: FecEncoding,
    scope: AccessScope,
    pageSize = FEC_PAGE,
  ): Promise<ExportFile> {
    const { company, period } = await this.fecScene(companyId, fiscalYear, scope);
    const pages = this.fecPages(company.id, period.year, encoding, pageSize);
    return {
      fileName: fecFileName(company.siren!, period.endDate),
      contentType: `text/plain; charset=${encoding}`,
      body: Readable.from(pages),
    };
  }

  /** The description A47 A-1 XI asks for beside the FEC. */
  async fecDescription(
    companyId: number,
    fiscalYear: number,
    encoding: FecEncoding,
    scope: AccessScope,
  ): Promise<ExportFile> {
    const { company, period } = await this.fecScene(companyId, fiscalYear, scope);
    const fileName = fecFileName(company.siren!, period.endDate);
    const counts = await this.entries
      .createQueryBuilder('entry')
      .select('COUNT(DISTINCT entry.id)', 'entries')
      .addSelect('COUNT(line.id)', 'records')
      .leftJoin(JournalEntryLine, 'line', 'line.entryId = entry.id')
      .where('entry.companyId = :companyId AND entry.fiscalYear = :fiscalYear', {
        companyId: company.id,
        fiscalYear: period.year,
      })
      .getRawOne<{ entries: string | number; records: string | number }>();
    const journals = await this.entries
      .createQueryBuilder('entry')
      .select('entry.journalCode', 'code')
      .addSelect('MAX(entry.journalName)', 'name')
      .where('entry.companyId = :companyId AND entry.fiscalYear = :fiscalYear', {
        companyId: company.id,
        fiscalYear: period.year,
      })
      .groupBy('entry.journalCode')
      .orderBy('entry.journalCode', 'ASC')
      .getRawMany<{ code: string; name: string }>();
    const text = fecDescription({
      siren: company.siren!,
      companyName: company.name,
      fiscalYear: period.year,
      startDate: period.startDate,
      endDate: period.endDate,
      encoding,
      fileName,
      entryCount: Number(counts?.entries ?? 0),
      recordCount: Number(counts?.records ?? 0),
      journals,
    });
    return {
      fileName: fileName.replace(/\.txt$/, '-description.txt'),
      contentType: `text/plain; charset=${encoding}`,
      body: encodeFec(text, encoding),
    };
  }

  /** A statement as camt.053.001.02, OFX 2 or CSV, with its opening and closing balances and one record per line. */
  async statementFile(statementId: number, format: StatementExportFormat, scope: AccessScope): Promise<ExportFile> {
    const statement = await this.statements.get(statementId, scope);
    const entity = await this.statements.getEntity(statementId, scope);
    const company = await this.companies.get(entity.bankAccount.companyId, scope);
    const lines = await this.postings.linesForExport(statementId);
    const account = entity.bankAccount;
    const dateEnd = statement.dateEnd ?? lines.at(-1)?.date ?? statement.dateStart;
    // Stable bytes for a closed statement: its closing time stands for the creation time.
    const createdAt = entity.closedAt ?? this.clock.now();
    const input: StatementExport = {
      messageId: `TLC-${statement.id}-${createdAt.getTime()}`,
      createdAt,
      statementId: statement.id,
      name: statement.name,
      sequenceNumber: statement.id,
      dateStart: statement.dateStart,
      dateEnd,
      iban: account.iban,
      bic: account.bic,
      currency: account.currency,
      journalCode: account.journalCode,
      companyName: company.name,
      balanceStart: statement.balanceStart,
      balanceEnd: statement.balanceEnd,
      lines: lines.map((line) => ({
        id: line.id,
        date: line.date,
        valueDate: line.valueDate,
        bookingDate: line.bookingDate,
        amount: line.amount,
        label: line.label,
        bridgeTransactionId: line.bridgeTransactionId !== null ? String(line.bridgeTransactionId) : null,
        operationType: line.operationType,
      })),
    };
    const spec = STATEMENT_FORMATS[format];
    return {
      fileName: `releve-${account.journalCode}-${statement.id}.${spec.extension}`,
      contentType: spec.contentType,
      body: Buffer.from(spec.write(input), 'utf8'),
    };
  }

  private async fecScene(companyId: number, fiscalYear: number, scope: AccessScope) {
    const company = await this.companies.get(companyId, scope);
    if (!company.siren) {
      throw new InvalidInputError(
        'siren.missing',
        'siren',
        `company ${company.id} has no SIREN: the FEC is named <SIREN>FEC<closing date>.txt (A47 A-1 IX); set the company's siren first`,
      );
    }
    const recorded = await this.fiscalYears.findNamed(company.id, fiscalYear);
    const period: FiscalPeriod = recorded
      ? { year: recorded.year, startDate: recorded.startDate, endDate: recorded.endDate }
      : fiscalPeriodNamed(fiscalYear, company.fiscalYearEnd);
    return { company, period };
  }

  /** Header, then each entry's records, a page of entries at a time, in validation order (keyset, no OFFSET). */
  private async *fecPages(
    companyId: number,
    fiscalYear: number,
    encoding: FecEncoding,
    pageSize: number,
  ): AsyncGenerator<Buffer> {
    yield encodeFec(fecHeader(), encoding);
    let after: { validatedAt: Date; journalCode: string; number: number } | null = null;
    for (;;) {
      const builder = this.entries
        .createQueryBuilder('entry')
        .where('entry.companyId = :companyId AND entry.fiscalYear = :fiscalYear', { companyId, fiscalYear })
        .orderBy('entry.validatedAt', 'ASC')
        .addOrderBy('entry.journalCode', 'ASC')
        .addOrderBy('entry.number', 'ASC')
        .limit(pageSize);
      if (after) {
        // The first condition starts the range of IDX_journal_entry_fec_order at the last page's end (an OR alone
        // makes MariaDB scan and sort the rest of the year for every page); the second is the exact keyset.
        builder
          .andWhere('entry.validatedAt >= :validatedAt', after)
          .andWhere(
            '(entry.validatedAt > :validatedAt OR (entry.validatedAt = :validatedAt AND (entry.journalCode > :journalCode OR (entry.journalCode = :journalCode AND entry.number > :number))))',
            after,
          );
      }
      const page = await builder.getMany();
      if (page.length === 0) {
        return;
      }
      const lines = await this.entryLines.find({
        where: { entryId: In(page.map((entry) => entry.id)) },
        order: { entryId: 'ASC', position: 'ASC' },
      });
      const byEntry = new Map<number, JournalEntryLine[]>();
      for (const line of lines) byEntry.set(line.entryId, [...(byEntry.get(line.entryId) ?? []), line]);
      let text = '';
      for (const entry of page) {
        const fecEntry: FecEntry = {
          journalCode: entry.journalCode,
          journalName: entry.journalName,
          ecritureNum: entry.ecritureNum,
          date: entry.date,
          pieceRef: entry.pieceRef,
          pieceDate: entry.pieceDate,
          label: entry.label,
          validatedAt: entry.validatedAt,
          lines: (byEntry.get(entry.id) ?? []).map((line) => ({
            account: line.account,
            accountLabel: line.accountLabel,
            debit: line.debit,
            credit: line.credit,
          })),
        };
        for (const record of fecRecords(fecEntry, encoding)) text += FEC_RECORD_SEPARATOR + record;
      }
      yield encodeFec(text, encoding);
      const last = page.at(-1)!;
      after = { validatedAt: last.validatedAt, journalCode: last.journalCode, number: last.number };
    }
  }
}
