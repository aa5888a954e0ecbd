import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import type { AccessScope } from '../auth/access-scope.js';
import { Scope } from '../auth/api-key.guard.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { ApiErrors } from '../common/openapi/api-schema.js';
import { BankChangesService } from './bank-changes.service.js';
import {
  AcceptBankChangeDto,
  BankChangeResultResponse,
  PostingResponse,
  PostStatementDto,
  RejectBankChangeDto,
  RejectBankChangeResponse,
} from './dto/entry.dto.js';
import { PostingService } from './posting.service.js';

const API_ACTOR = "l'API";

@ApiTags('accounting')
@ApiBearerAuth()
@Controller('statements')
export class PostingController {
  constructor(
    private readonly posting: PostingService,
    private readonly bankChanges: BankChangesService,
  ) {}

  @Post(':id/post')
  @HttpCode(200)
  @ApiOkResponse({ type: PostingResponse })
  @ApiOperation({ operationId: 'postStatement' })
  @ApiErrors(
    'statement.not_found',
    'line_ids.unknown',
    'statement.review_pending',
    'fiscal_year.closed',
    'fiscal_year.conflict',
    'accounting.card_clearing_missing',
    'accounting.currency_unsupported',
    'database.lock_timeout',
  )
  post(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: PostStatementDto,
    @Scope() scope: AccessScope,
  ): Promise<PostingResponse> {
    return this.posting.post(id, body.lineIds, scope);
  }

  @Post(':id/lines/:lineId/accept-bank-change')
  @HttpCode(200)
  @ApiOkResponse({ type: BankChangeResultResponse })
  @ApiOperation({ operationId: 'acceptBankChange' })
  @ApiErrors(
    'statement.not_found',
    'statement_line.not_found',
    'line.no_bank_change',
    'fiscal_year.closed',
    'database.lock_timeout',
  )
  accept(
    @Param('id', ParseIdPipe) id: number,
    @Param('lineId', ParseIdPipe) lineId: number,
    @Body() body: AcceptBankChangeDto,
    @Scope() scope: AccessScope,
  ): Promise<BankChangeResultResponse> {
    return this.bankChanges.accept(id, lineId, body.comment, API_ACTOR, scope);
  }

  @Post(':id/lines/:lineId/reject-bank-change')
  @HttpCode(200)
  @ApiOkResponse({ type: RejectBankChangeResponse, description: 'The posted values are kept; the flag is cleared' })
  @ApiOperation({ operationId: 'rejectBankChange' })
  @ApiErrors('statement.not_found', 'statement_line.not_found', 'line.no_bank_change')
  async reject(
    @Param('id', ParseIdPipe) id: number,
    @Param('lineId', ParseIdPipe) lineId: number,
    @Body() body: RejectBankChangeDto,
    @Scope() scope: AccessScope,
  ): Promise<{ rejected: true }> {
    await this.bankChanges.reject(id, lineId, body.comment, API_ACTOR, scope);
    return { rejected: true };
  }
}
