import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';

import type { AccessScope } from '../auth/access-scope.js';
import { CallerKeyId, Scope } from '../auth/api-key.guard.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import type { Page } from '../common/pagination/page.js';
import { CompaniesService } from './companies.service.js';
import { CompanyResponse, CreateCompanyDto, ListCompaniesQueryDto, UpdateCompanyDto } from './dto/company.dto.js';

@ApiTags('companies')
@ApiBearerAuth()
@Controller('companies')
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @Post()
  @ApiOkResponse({ type: CompanyResponse })
  async create(
    @Body() body: CreateCompanyDto,
    @Scope() scope: AccessScope,
    @CallerKeyId() keyId: number | undefined,
  ): Promise<CompanyResponse> {
    return CompanyResponse.from(await this.companies.create(body, scope, keyId));
  }

  @Get()
  async list(@Query() query: ListCompaniesQueryDto, @Scope() scope: AccessScope): Promise<Page<CompanyResponse>> {
    const page = await this.companies.list(query, scope);
    return { ...page, items: page.items.map(CompanyResponse.from) };
  }

  @Get(':id')
  @ApiOkResponse({ type: CompanyResponse })
  async get(@Param('id', ParseIdPipe) id: number, @Scope() scope: AccessScope): Promise<CompanyResponse> {
    return CompanyResponse.from(await this.companies.get(id, scope));
  }

  @Patch(':id')
  @ApiOkResponse({ type: CompanyResponse })
  async update(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateCompanyDto,
    @Scope() scope: AccessScope,
  ): Promise<CompanyResponse> {
    return CompanyResponse.from(await this.companies.update(id, body, scope));
  }
}
