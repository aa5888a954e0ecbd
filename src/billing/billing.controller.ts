import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import type { AccessScope } from '../auth/access-scope.js';
import { Scope } from '../auth/api-key.guard.js';
import { ForbiddenError } from '../common/errors/domain-errors.js';
import { ApiErrors, ApiFile, ApiPage } from '../common/openapi/api-schema.js';
import type { Page } from '../common/pagination/page.js';
import {
  BillingReportResponse,
  BillingRunDto,
  BillingRunResponse,
  ExportBillingReportsQueryDto,
  ListBillingReportsQueryDto,
} from './billing.dto.js';
import { BillingService } from './billing.service.js';

@ApiTags('billing')
@ApiBearerAuth()
@Controller('billing')
export class BillingController {
  constructor(private readonly billing: BillingService) {}

  @Get('reports')
  @ApiOperation({ operationId: 'listBillingReports' })
  @ApiPage(BillingReportResponse)
  async listReports(
    @Query() query: ListBillingReportsQueryDto,
    @Scope() scope: AccessScope,
  ): Promise<Page<BillingReportResponse>> {
    const page = await this.billing.listReports(query, scope);
    return { ...page, items: page.items.map(BillingReportResponse.from) };
  }

  /** Download of the reports for the editor (editor key), as CSV (default) or JSON: each with its company's and configuration's names. */
  @Get('reports/export')
  @ApiProduces('text/csv', 'application/json')
  @ApiOperation({ operationId: 'exportBillingReports' })
  @ApiFile('text/csv', 'application/json')
  @ApiErrors('billing_period.invalid')
  async exportReports(
    @Query() query: ExportBillingReportsQueryDto,
    @Scope() scope: AccessScope,
    @Res() response: Response,
  ): Promise<void> {
    const file = await this.billing.export(query, query.format ?? 'csv', scope);
    response.type(file.contentType).attachment(file.filename).send(file.body);
  }

  /** Runs a period on demand (catch-up after downtime); a period already run is left as it is. Editor key only. */
  @Post('runs')
  @HttpCode(200)
  @ApiOkResponse({ type: BillingRunResponse })
  @ApiOperation({ operationId: 'runBilling' })
  @ApiErrors('billing.editor_only', 'billing_period.invalid', 'billing_period.not_over')
  async run(@Body() body: BillingRunDto, @Scope() scope: AccessScope): Promise<BillingRunResponse> {
    if (!scope.editor)
      throw new ForbiddenError('billing.editor_only', 'Billing runs are for the editor: use an editor key');
    const run = await this.billing.run(body.period);
    return {
      period: run.period,
      kind: run.kind,
      created: run.created.map(BillingReportResponse.from),
      existing: run.existing.map(BillingReportResponse.from),
      warnings: run.warnings,
    };
  }
}
