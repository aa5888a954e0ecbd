import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Like, type FindOptionsWhere, type Repository } from 'typeorm';

import type { AccessScope } from '../auth/access-scope.js';
import { InvalidInputError } from '../common/errors/domain-errors.js';
import { pageWindow, type Page } from '../common/pagination/page.js';
import { BillingReport } from './billing-report.entity.js';
import type { ListBillingReportsQueryDto } from './billing.dto.js';

@Injectable()
export class BillingService {
  constructor(@InjectRepository(BillingReport) private readonly reports: Repository<BillingReport>) {}

  async listReports(query: ListBillingReportsQueryDto, scope: AccessScope): Promise<Page<BillingReport>> {
    if (query.month !== undefined && query.year === undefined) {
      throw new InvalidInputError('month', 'needs a year (e.g. year=2027&month=3)');
    }
    const { limit, offset } = pageWindow(query);
    const companyIds = scope.companyFilter(query.companyId);
    const where: FindOptionsWhere<BillingReport> = {
      ...(companyIds && { companyId: In(companyIds) }),
      ...(query.year !== undefined && {
        period: query.month !== undefined ? `${query.year}-${String(query.month).padStart(2, '0')}` : Like(`${query.year}%`),
      }),
    };
    const [items, total] = await this.reports.findAndCount({
      where,
      order: { period: 'ASC', companyId: 'ASC', bridgeConfigId: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items, total, limit, offset };
  }
}
