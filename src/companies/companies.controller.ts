import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import type { AccessScope } from '../auth/access-scope.js';
import { CallerKeyId, Scope } from '../auth/api-key.guard.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { ApiErrors, ApiPage } from '../common/openapi/api-schema.js';
import type { Page } from '../common/pagination/page.js';
import { CompaniesService } from './companies.service.js';
import { CompanyResponse, CreateCompanyDto, ListCompaniesQueryDto, UpdateCompanyDto } from './dto/company.dto.js';

@ApiTags('companies')
@ApiBearerAuth()
@Controller('companies')
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @Post()
  @ApiOperation({ operationId: 'createCompany' })
  @ApiCreatedResponse({ type: CompanyResponse })
  @ApiErrors('siren.invalid', 'siren.taken', 'subscription.editor_only', 'access.forbidden')
  async create(
    @Body() body: CreateCompanyDto,
    @Scope() scope: AccessScope,
    @CallerKeyId() keyId: number | undefined,
  ): Promise<CompanyResponse> {
    return CompanyResponse.from(await this.companies.create(body, scope, keyId));
  }

  @Get()
  @ApiOperation({ operationId: 'listCompanies' })
  @ApiPage(CompanyResponse)
  async list(@Query() query: ListCompaniesQueryDto, @Scope() scope: AccessScope): Promise<Page<CompanyResponse>> {
    const page = await this.companies.list(query, scope);
    return { ...page, items: page.items.map(CompanyResponse.from) };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getCompany' })
  @ApiOkResponse({ type: CompanyResponse })
  @ApiErrors('company.not_found')
  async get(@Param('id', ParseIdPipe) id: number, @Scope() scope: AccessScope): Promise<CompanyResponse> {
    return CompanyResponse.from(await this.companies.get(id, scope));
  }

  @Patch(':id')
  @ApiOperation({ operationId: 'updateCompany' })
  @ApiOkResponse({ type: CompanyResponse })
  @ApiErrors('company.not_found', 'siren.invalid', 'siren.taken', 'subscription.editor_only')
  async update(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateCompanyDto,
    @Scope() scope: AccessScope,
  ): Promise<CompanyResponse> {
    return CompanyResponse.from(await this.companies.update(id, body, scope));
  }
}
