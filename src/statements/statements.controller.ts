import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';

import type { AccessScope } from '../auth/access-scope.js';
import { Scope } from '../auth/api-key.guard.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { ApiErrors, ApiPage, pageOf } from '../common/openapi/api-schema.js';
import type { Page } from '../common/pagination/page.js';
import {
  CreateStatementDto,
  LineChangesPage,
  ListLinesQueryDto,
  ListStatementsQueryDto,
  StatementLineResponse,
  StatementResponse,
  UpdateStatementDto,
} from './dto/statement.dto.js';
import { StatementsService } from './statements.service.js';

const StatementLinePageSchema = pageOf(StatementLineResponse, { keyset: true });

@ApiTags('statements')
@ApiBearerAuth()
@Controller('statements')
export class StatementsController {
  constructor(private readonly statements: StatementsService) {}

  @Post()
  @ApiOperation({ operationId: 'createStatement' })
  @ApiCreatedResponse({ type: StatementResponse })
  @ApiErrors('bank_account.not_found', 'date_range.invalid', 'statement.overlap')
  create(@Body() body: CreateStatementDto, @Scope() scope: AccessScope): Promise<StatementResponse> {
    return this.statements.create(body, scope);
  }

  @Get()
  @ApiOperation({ operationId: 'listStatements' })
  @ApiPage(StatementResponse)
  list(@Query() query: ListStatementsQueryDto, @Scope() scope: AccessScope): Promise<Page<StatementResponse>> {
    return this.statements.list(query, scope);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getStatement' })
  @ApiOkResponse({ type: StatementResponse })
  @ApiErrors('statement.not_found')
  get(@Param('id', ParseIdPipe) id: number, @Scope() scope: AccessScope): Promise<StatementResponse> {
    return this.statements.get(id, scope);
  }

  @Patch(':id')
  @ApiOperation({ operationId: 'updateStatement' })
  @ApiOkResponse({ type: StatementResponse })
  @ApiErrors(
    'statement.not_found',
    'date_range.invalid',
    'statement.overlap',
    'statement.lines_outside_period',
    'statement.unbalanced',
    'statement.review_pending',
    'statement.unposted_lines',
    'statement.closed',
    'sync.busy',
  )
  update(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateStatementDto,
    @Scope() scope: AccessScope,
  ): Promise<StatementResponse> {
    return this.statements.update(id, body, scope);
  }

  @Get(':id/lines')
  @ApiOperation({ operationId: 'listStatementLines' })
  @ApiExtraModels(StatementLineResponse, StatementLinePageSchema, LineChangesPage)
  @ApiOkResponse({
    description: 'The lines in date order (a page), or with `changedSince` the changes feed (LineChangesPage)',
    schema: { oneOf: [{ $ref: getSchemaPath(StatementLinePageSchema) }, { $ref: getSchemaPath(LineChangesPage) }] },
  })
  @ApiErrors('statement.not_found', 'cursor.invalid', 'page_cursor.invalid')
  listLines(
    @Param('id', ParseIdPipe) id: number,
    @Query() query: ListLinesQueryDto,
    @Scope() scope: AccessScope,
  ): Promise<Page<StatementLineResponse> | LineChangesPage> {
    if (query.changedSince !== undefined) {
      return this.statements.lineChanges(id, { changedSince: query.changedSince, limit: query.limit }, scope);
    }
    return this.statements.listLines(id, query, scope);
  }
}
