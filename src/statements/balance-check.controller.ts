import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import type { AccessScope } from '../auth/access-scope.js';
import { Scope } from '../auth/api-key.guard.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { ApiErrors } from '../common/openapi/api-schema.js';
import { BalanceCheckService } from './balance-check.service.js';
import { BalanceCheckResponse } from './dto/balance-check.dto.js';

@ApiTags('bank-accounts')
@ApiBearerAuth()
@Controller('bank-accounts')
export class BalanceCheckController {
  constructor(private readonly balanceCheck: BalanceCheckService) {}

  @Get(':id/balance-check')
  @ApiOperation({
    operationId: 'getBalanceCheck',
    summary: "The bank's balance at each Synchro against the journal's: until when it was right, and since when not",
  })
  @ApiOkResponse({ type: BalanceCheckResponse })
  @ApiErrors('bank_account.not_found')
  check(@Param('id', ParseIdPipe) id: number, @Scope() scope: AccessScope): Promise<BalanceCheckResponse> {
    return this.balanceCheck.check(id, scope);
  }
}
