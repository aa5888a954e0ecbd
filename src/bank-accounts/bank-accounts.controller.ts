import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';

import type { AccessScope } from '../auth/access-scope.js';
import { Scope } from '../auth/api-key.guard.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
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
  @ApiOkResponse({ type: BankAccountResponse })
  async create(@Body() body: CreateBankAccountDto, @Scope() scope: AccessScope): Promise<BankAccountResponse> {
    return BankAccountResponse.from(await this.accounts.create(body, scope));
  }

  @Get()
  async list(
    @Query() query: ListBankAccountsQueryDto,
    @Scope() scope: AccessScope,
  ): Promise<Page<BankAccountResponse>> {
    const page = await this.accounts.list(query, scope);
    return { ...page, items: page.items.map(BankAccountResponse.from) };
  }

  @Get(':id')
  @ApiOkResponse({ type: BankAccountResponse })
  async get(@Param('id', ParseIdPipe) id: number, @Scope() scope: AccessScope): Promise<BankAccountResponse> {
    return BankAccountResponse.from(await this.accounts.get(id, scope));
  }

  @Patch(':id')
  @ApiOkResponse({ type: BankAccountResponse })
  async update(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateBankAccountDto,
    @Scope() scope: AccessScope,
  ): Promise<BankAccountResponse> {
    return BankAccountResponse.from(await this.accounts.update(id, body, scope));
  }
}
