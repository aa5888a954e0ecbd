import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';

import type { AccessScope } from '../auth/access-scope.js';
import { Scope } from '../auth/api-key.guard.js';
import { LogQueryDto } from '../common/logs/log-query.dto.js';
import { ApiErrors, ApiInstant, ApiPage } from '../common/openapi/api-schema.js';
import type { Page } from '../common/pagination/page.js';
import type { ApiLog } from './api-log.entity.js';
import { ApiLogsService } from './api-logs.service.js';

export class ApiLogResponse {
  @ApiProperty() id: number;
  @ApiInstant() at: string;
  @ApiProperty({ nullable: true, type: Number }) bridgeConfigId: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The company the exchange was made for' }) companyId:
    number | null;
  @ApiProperty() method: string;
  @ApiProperty() path: string;
  @ApiProperty({ nullable: true, type: Number }) status: number | null;
  @ApiProperty() durationMs: number;
  @ApiProperty({ nullable: true, type: Number, description: 'How many items the answer listed (a page of operations)' })
  rowCount: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Redacted, a bounded excerpt' }) requestBody: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Redacted, a bounded excerpt' }) responseBody:
    string | null;
  @ApiProperty({ nullable: true, type: String }) error: string | null;

  static from(log: ApiLog): ApiLogResponse {
    return {
      id: log.id,
      at: log.at.toISOString(),
      bridgeConfigId: log.bridgeConfigId,
      companyId: log.companyId,
      method: log.method,
      path: log.path,
      status: log.status,
      durationMs: log.durationMs,
      rowCount: log.rowCount,
      requestBody: log.requestBody,
      responseBody: log.responseBody,
      error: log.error,
    };
  }
}

/** Read-only: one row per HTTP exchange with Bridge, written by the Bridge provider. */
@ApiTags('api-logs')
@ApiBearerAuth()
@Controller('api-logs')
export class ApiLogsController {
  constructor(private readonly logs: ApiLogsService) {}

  @Get()
  @ApiOperation({ operationId: 'listApiLogs' })
  @ApiPage(ApiLogResponse, { keyset: true })
  @ApiErrors('page_cursor.invalid')
  async list(@Query() query: LogQueryDto, @Scope() scope: AccessScope): Promise<Page<ApiLogResponse>> {
    const page = await this.logs.list(query, scope);
    return { ...page, items: page.items.map(ApiLogResponse.from) };
  }
}
