import { Body, Controller, Get, HttpCode, Ip, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import type { AccessScope } from '../auth/access-scope.js';
import { Public, Scope } from '../auth/api-key.guard.js';
import type { ErrorCode } from '../common/errors/error-codes.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { ApiErrors, ApiOneOfByStatus } from '../common/openapi/api-schema.js';
import { CallbackService, type BridgeCallbackQuery } from './callback.service.js';
import { LinkAccountRequestDto, SYNC_RESPONSES, SyncRequestDto, type SyncResult } from './sync-result.js';
import { SynchroService } from './synchro.service.js';

/** What a Synchro may answer besides its result; linking an account then syncing may answer the same. */
const SYNC_ERRORS: ErrorCode[] = [
  'statement.not_found',
  'statement.closed',
  'user.not_found',
  'user.other_company',
  'user.inactive',
  'user.email_missing',
  'user.bridge_identity_taken',
  'subscription.inactive',
  'bridge_config.missing',
  'bridge_config.inactive',
  'bank_account.iban_missing',
  'sync.busy',
  'sync.interrupted',
  'database.lock_timeout',
  'bridge.origin_not_allowed',
  'bridge.item_action_required',
  'bridge.authentication_failed',
  'bridge.token_rejected',
  'bridge.request_refused',
  'bridge.invalid_data',
  'bridge.rate_limited',
  'bridge.unavailable',
  'bridge.unexpected_answer',
];

@ApiTags('statements')
@ApiBearerAuth()
@Controller('statements')
export class SynchroController {
  constructor(private readonly synchro: SynchroService) {}

  /** The "Synchro" button: imports the bank's operations, or answers the funnel URL the user must open. */
  @Post(':id/sync')
  @HttpCode(200)
  @ApiOperation({ operationId: 'syncStatement' })
  @ApiOneOfByStatus(200, SYNC_RESPONSES)
  @ApiErrors(...SYNC_ERRORS)
  sync(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: SyncRequestDto,
    @Scope() scope: AccessScope,
    @Ip() ip: string,
  ): Promise<SyncResult> {
    return this.synchro.sync(id, body.userId, scope, ip ?? null, { addBank: body.addBank === true });
  }

  /** After `account_choice_required`: links the chosen Bridge account to the statement's journal, then syncs. */
  @Post(':id/sync/link')
  @HttpCode(200)
  @ApiOperation({ operationId: 'linkStatementAccount' })
  @ApiOneOfByStatus(200, SYNC_RESPONSES)
  @ApiErrors(...SYNC_ERRORS, 'bank_account.bridge_account_unknown')
  link(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: LinkAccountRequestDto,
    @Scope() scope: AccessScope,
    @Ip() ip: string,
  ): Promise<SyncResult> {
    return this.synchro.linkAndSync(id, body.userId, body.bridgeAccountId, scope, ip ?? null);
  }
}

/** Where Bridge sends the user's browser back after the funnel (public: the browser has no API key). */
@Controller('bridge')
export class BridgeCallbackController {
  constructor(private readonly callbacks: CallbackService) {}

  @Public()
  @Get('callback')
  @ApiExcludeEndpoint()
  async callback(@Query() query: BridgeCallbackQuery, @Ip() ip: string, @Res() response: Response): Promise<void> {
    const page = await this.callbacks.handle(query, ip ?? null);
    response.status(page.status).type('html').send(page.html);
  }
}
