import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiTags } from '@nestjs/swagger';

import type { AccessScope } from '../auth/access-scope.js';
import { Scope } from '../auth/api-key.guard.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import type { Page } from '../common/pagination/page.js';
import {
  CreateStatementDto,
  LineChangesPage,
  ListLinesQueryDto,
  ListStatementsQueryDto,
  StatementResponse,
  UpdateStatementDto,
  type StatementLineResponse,
} from './dto/statement.dto.js';
import { StatementsService } from './statements.service.js';

@ApiTags('statements')
@ApiBearerAuth()
@Controller('statements')
export class StatementsController {
  constructor(private readonly statements: StatementsService) {}

  @Post()
  @ApiOkResponse({ type: StatementResponse })
  create(@Body() body: CreateStatementDto, @Scope() scope: AccessScope): Promise<StatementResponse> {
    return this.statements.create(body, scope);
  }

  @Get()
  list(@Query() query: ListStatementsQueryDto, @Scope() scope: AccessScope): Promise<Page<StatementResponse>> {
    return this.statements.list(query, scope);
  }

  @Get(':id')
  @ApiOkResponse({ type: StatementResponse })
  get(@Param('id', ParseIdPipe) id: number, @Scope() scope: AccessScope): Promise<StatementResponse> {
    return this.statements.get(id, scope);
  }

  @Patch(':id')
  @ApiOkResponse({ type: StatementResponse })
  update(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateStatementDto,
    @Scope() scope: AccessScope,
  ): Promise<StatementResponse> {
    return this.statements.update(id, body, scope);
  }

  @Get(':id/lines')
  @ApiExtraModels(LineChangesPage)
  @ApiOkResponse({
    description: 'The lines in date order (a page), or with `changedSince` the changes feed (LineChangesPage)',
  })
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
