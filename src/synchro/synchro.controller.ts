import { Body, Controller, Get, HttpCode, Ip, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import type { AccessScope } from '../auth/access-scope.js';
import { Public, Scope } from '../auth/api-key.guard.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { CallbackService, type BridgeCallbackQuery } from './callback.service.js';
import { LinkAccountRequestDto, SyncRequestDto, SyncResponse, type SyncResult } from './sync-result.js';
import { SynchroService } from './synchro.service.js';

@ApiTags('statements')
@ApiBearerAuth()
@Controller('statements')
export class SynchroController {
  constructor(private readonly synchro: SynchroService) {}

  /** The "Synchro" button: imports the bank's operations, or answers the funnel URL the user must open. */
  @Post(':id/sync')
  @HttpCode(200)
  @ApiOkResponse({ type: SyncResponse })
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
  @ApiOkResponse({ type: SyncResponse })
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
