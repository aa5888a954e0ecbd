import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';

import type { AccessScope } from '../auth/access-scope.js';
import { Scope } from '../auth/api-key.guard.js';
import { ApiErrors, ApiPage } from '../common/openapi/api-schema.js';
import type { Page } from '../common/pagination/page.js';
import { ConnectionLogResponse, ListConnectionLogsQueryDto } from './connection-log.dto.js';
import { ConnectionLogService } from './connection-log.service.js';

/** Read-only: the connection log is written by the Synchro only. */
@ApiTags('connection-logs')
@ApiBearerAuth()
@Controller('connection-logs')
export class ConnectionLogController {
  constructor(private readonly logs: ConnectionLogService) {}

  @Get()
  @ApiOperation({ operationId: 'listConnectionLogs' })
  @ApiPage(ConnectionLogResponse, { keyset: true })
  @ApiErrors('page_cursor.invalid')
  async list(
    @Query() query: ListConnectionLogsQueryDto,
    @Scope() scope: AccessScope,
  ): Promise<Page<ConnectionLogResponse>> {
    const page = await this.logs.list(query, scope);
    return { ...page, items: page.items.map(ConnectionLogResponse.from) };
  }
}
