import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import type { AccessScope } from '../auth/access-scope.js';
import { Scope } from '../auth/api-key.guard.js';
import type { Page } from '../common/pagination/page.js';
import { BillingReportResponse, ListBillingReportsQueryDto } from './billing.dto.js';
import { BillingService } from './billing.service.js';

@ApiTags('billing')
@ApiBearerAuth()
@Controller('billing')
export class BillingController {
  constructor(private readonly billing: BillingService) {}

  @Get('reports')
  async listReports(@Query() query: ListBillingReportsQueryDto, @Scope() scope: AccessScope): Promise<Page<BillingReportResponse>> {
    const page = await this.billing.listReports(query, scope);
    return { ...page, items: page.items.map(BillingReportResponse.from) };
  }
}
