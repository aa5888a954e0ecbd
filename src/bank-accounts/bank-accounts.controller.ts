import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import type { AccessScope } from '../auth/access-scope.js';
import { Scope } from '../auth/api-key.guard.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { ApiErrors, ApiPage } from '../common/openapi/api-schema.js';
import type { Page } from '../common/pagination/page.js';
import { BankAccountsService } from './bank-accounts.service.js';
import {
  BankAccountResponse,
  CreateBankAccountDto,
  ListBankAccountsQueryDto,
  UpdateBankAccountDto,
} from './dto/bank-account.dto.js';

@ApiTags('bank-accounts')
@ApiBearerAuth()
@Controller('bank-accounts')
export class BankAccountsController {
  constructor(private readonly accounts: BankAccountsService) {}

  @Post()
  @ApiOperation({ operationId: 'createBankAccount' })
  @ApiCreatedResponse({ type: BankAccountResponse })
  @ApiErrors('company.not_found', 'iban.invalid', 'bic.invalid', 'journal_code.taken')
  async create(@Body() body: CreateBankAccountDto, @Scope() scope: AccessScope): Promise<BankAccountResponse> {
    return BankAccountResponse.from(await this.accounts.create(body, scope));
  }

  @Get()
  @ApiOperation({ operationId: 'listBankAccounts' })
  @ApiPage(BankAccountResponse)
  async list(
    @Query() query: ListBankAccountsQueryDto,
    @Scope() scope: AccessScope,
  ): Promise<Page<BankAccountResponse>> {
    const page = await this.accounts.list(query, scope);
    return { ...page, items: page.items.map(BankAccountResponse.from) };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getBankAccount' })
  @ApiOkResponse({ type: BankAccountResponse })
  @ApiErrors('bank_account.not_found')
  async get(@Param('id', ParseIdPipe) id: number, @Scope() scope: AccessScope): Promise<BankAccountResponse> {
    return BankAccountResponse.from(await this.accounts.get(id, scope));
  }

  @Patch(':id')
  @ApiOperation({ operationId: 'updateBankAccount' })
  @ApiOkResponse({ type: BankAccountResponse })
  @ApiErrors('bank_account.not_found', 'iban.invalid', 'bic.invalid', 'journal_code.taken')
  async update(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateBankAccountDto,
    @Scope() scope: AccessScope,
  ): Promise<BankAccountResponse> {
    return BankAccountResponse.from(await this.accounts.update(id, body, scope));
  }
}
