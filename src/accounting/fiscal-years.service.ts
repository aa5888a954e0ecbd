import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThanOrEqual, MoreThanOrEqual, type EntityManager, type Repository } from 'typeorm';

import type { AccessScope } from '../auth/access-scope.js';
import { Clock } from '../common/clock/clock.js';
import { ConflictError, NotFoundError } from '../common/errors/domain-errors.js';
import { pageWindow, type CompanyPageQueryDto, type Page } from '../common/pagination/page.js';
import { isMysql } from '../database/db-lock.js';
import { fiscalPeriodOf } from './fiscal-calendar.js';
import { FiscalYear } from './fiscal-year.entity.js';

export interface CompanyCalendar {
  id: number;
  fiscalYearEnd: string;
}

/** docs/rules.md#fiscal-years: a company's fiscal years, opened by the first entry dated in them. */
@Injectable()
export class FiscalYearsService {
  constructor(
    @InjectRepository(FiscalYear) private readonly years: Repository<FiscalYear>,
    private readonly clock: Clock,
  ) {}

  /**
   * The open fiscal year holding `date`, created when it is the first entry of that year (in the caller's
   * transaction). A year already recorded wins over the company's current fiscalYearEnd; a closed one is a 409.
   */
  async openYearOf(manager: EntityManager, company: CompanyCalendar, date: string): Promise<FiscalYear> {
    let year = await this.recordedYearOf(company.id, date, manager);
    if (!year) {
      const period = fiscalPeriodOf(date, company.fiscalYearEnd);
      await manager
        .createQueryBuilder()
        .insert()
        .into(FiscalYear)
        .values({ companyId: company.id, year: period.year, startDate: period.startDate, endDate: period.endDate })
        .orIgnore()
        .execute();
      // A locking read on MariaDB: a plain one reads the transaction's snapshot, which misses the year another
      // journal's posting created and committed meanwhile, the very row the insert above was ignored for.
      year = await manager.findOne(FiscalYear, {
        where: { companyId: company.id, year: period.year },
        lock: isMysql(manager.connection) ? { mode: 'pessimistic_read' } : undefined,
      });
      if (!year || year.startDate > date || year.endDate < date) {
        throw new ConflictError(
          'fiscal_year.conflict',
          `date: ${date} falls into no recorded fiscal year, and fiscal year ${period.year} (${year?.startDate} to ${year?.endDate}) does not hold it: the company's fiscalYearEnd (${company.fiscalYearEnd}) changed after that year was opened`,
          'date',
        );
      }
    }
    assertOpen(year);
    return year;
  }

  /** Refuses (409) when a fiscal year between two dates is closed: checked before any entry is written. */
  async assertOpenBetween(company: CompanyCalendar, first: string, last: string): Promise<void> {
    const closed = await this.years.findOne({
      where: {
        companyId: company.id,
        state: 'closed',
        startDate: LessThanOrEqual(last),
        endDate: MoreThanOrEqual(first),
      },
      order: { year: 'ASC' },
    });
    if (closed) assertOpen(closed);
  }

  async list(query: CompanyPageQueryDto, scope: AccessScope): Promise<Page<FiscalYear>> {
    const { limit, offset } = pageWindow(query);
    const companyIds = scope.companyFilter(query.companyId);
    const [items, total] = await this.years.findAndCount({
      where: companyIds ? { companyId: In(companyIds) } : {},
      order: { companyId: 'ASC', year: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items, total, limit, offset };
  }

  async get(id: number, scope: AccessScope): Promise<FiscalYear> {
    const year = await this.years.findOneBy({ id });
    if (!year || !scope.canAccess(year.companyId)) {
      throw new NotFoundError('Fiscal year', id);
    }
    return year;
  }

  /** The recorded fiscal year named `year` of a company, if any. */
  findNamed(companyId: number, year: number): Promise<FiscalYear | null> {
    return this.years.findOneBy({ companyId, year });
  }

  /** Closing is final: a closed year takes no entry, and is not reopened (PCG: the books of a closed year are fixed). */
  async close(id: number, scope: AccessScope): Promise<FiscalYear> {
    const year = await this.get(id, scope);
    if (year.state === 'closed') {
      return year;
    }
    year.state = 'closed';
    year.closedAt = this.clock.now();
    return this.years.save(year);
  }

  private recordedYearOf(companyId: number, date: string, manager: EntityManager): Promise<FiscalYear | null> {
    return manager.findOneBy(FiscalYear, {
      companyId,
      startDate: LessThanOrEqual(date),
      endDate: MoreThanOrEqual(date),
    });
  }
}

function assertOpen(year: FiscalYear): void {
  if (year.state === 'closed') {
    throw new ConflictError(
      'fiscal_year.closed',
      `Fiscal year ${year.year} (${year.startDate} to ${year.endDate}) of company ${year.companyId} is closed: it takes no new entry`,
    );
  }
}
