import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';

import type { AccessScope } from '../auth/access-scope.js';
import { Scope } from '../auth/api-key.guard.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { ApiErrors, ApiPage } from '../common/openapi/api-schema.js';
import type { Page } from '../common/pagination/page.js';
import { CounterpartRulesService } from './counterpart-rules.service.js';
import {
  CounterpartRuleResponse,
  CreateCounterpartRuleDto,
  ListCounterpartRulesQueryDto,
  UpdateCounterpartRuleDto,
} from './dto/counterpart-rule.dto.js';

@ApiTags('accounting')
@ApiBearerAuth()
@Controller('counterpart-rules')
export class CounterpartRulesController {
  constructor(private readonly rules: CounterpartRulesService) {}

  @Post()
  @ApiOperation({ operationId: 'createCounterpartRule' })
  @ApiCreatedResponse({ type: CounterpartRuleResponse })
  @ApiErrors('company.not_found', 'bank_account.not_found', 'label_regex.invalid', 'rule.criteria_invalid')
  async create(@Body() body: CreateCounterpartRuleDto, @Scope() scope: AccessScope): Promise<CounterpartRuleResponse> {
    return CounterpartRuleResponse.from(await this.rules.create(body, scope));
  }

  @Get()
  @ApiOperation({ operationId: 'listCounterpartRules' })
  @ApiPage(CounterpartRuleResponse)
  async list(
    @Query() query: ListCounterpartRulesQueryDto,
    @Scope() scope: AccessScope,
  ): Promise<Page<CounterpartRuleResponse>> {
    const page = await this.rules.list(query, scope);
    return { ...page, items: page.items.map((rule) => CounterpartRuleResponse.from(rule)) };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getCounterpartRule' })
  @ApiOkResponse({ type: CounterpartRuleResponse })
  @ApiErrors('counterpart_rule.not_found')
  async get(@Param('id', ParseIdPipe) id: number, @Scope() scope: AccessScope): Promise<CounterpartRuleResponse> {
    return CounterpartRuleResponse.from(await this.rules.get(id, scope));
  }

  @Patch(':id')
  @ApiOperation({ operationId: 'updateCounterpartRule' })
  @ApiOkResponse({ type: CounterpartRuleResponse })
  @ApiErrors(
    'counterpart_rule.not_found',
    'company.not_found',
    'bank_account.not_found',
    'label_regex.invalid',
    'rule.criteria_invalid',
  )
  async update(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateCounterpartRuleDto,
    @Scope() scope: AccessScope,
  ): Promise<CounterpartRuleResponse> {
    return CounterpartRuleResponse.from(await this.rules.update(id, body, scope));
  }

  @Delete(':id')
  @ApiOperation({ operationId: 'deleteCounterpartRule' })
  @ApiErrors('counterpart_rule.not_found')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted; the entries it gave keep their accounts' })
  async remove(@Param('id', ParseIdPipe) id: number, @Scope() scope: AccessScope): Promise<void> {
    await this.rules.remove(id, scope);
  }
}
