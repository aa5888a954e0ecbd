import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

import type { AccessScope } from '../auth/access-scope.js';
import { Scope } from '../auth/api-key.guard.js';
import { ConflictError } from '../common/errors/domain-errors.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { ApiErrors, ApiPage } from '../common/openapi/api-schema.js';
import { CompanyPageQueryDto, type Page } from '../common/pagination/page.js';
import { FISCAL_YEAR_STATES, type FiscalYear, type FiscalYearState } from './fiscal-year.entity.js';
import { FiscalYearsService } from './fiscal-years.service.js';

export class UpdateFiscalYearDto {
  @ApiProperty({ enum: ['closed'], description: 'Closing is final: a closed fiscal year takes no entry' })
  @IsIn(['closed'], { message: 'must be closed (a closed fiscal year is not reopened)' })
  state: FiscalYearState;
}

export class FiscalYearResponse {
  @ApiProperty() id: number;
  @ApiProperty() companyId: number;
  @ApiProperty({ example: 2025 }) year: number;
  @ApiProperty({ example: '2025-01-01', type: String, format: 'date' }) startDate: string;
  @ApiProperty({ example: '2025-12-31', type: String, format: 'date' }) endDate: string;
  @ApiProperty({ enum: FISCAL_YEAR_STATES }) state: FiscalYearState;
  @ApiProperty({ nullable: true, type: Date }) closedAt: Date | null;

  static from(year: FiscalYear): FiscalYearResponse {
    return {
      id: year.id,
      companyId: year.companyId,
      year: year.year,
      startDate: year.startDate,
      endDate: year.endDate,
      state: year.state,
      closedAt: year.closedAt,
    };
  }
}

@ApiTags('accounting')
@ApiBearerAuth()
@Controller('fiscal-years')
export class FiscalYearsController {
  constructor(private readonly years: FiscalYearsService) {}

  @Get()
  @ApiOperation({ operationId: 'listFiscalYears' })
  @ApiPage(FiscalYearResponse)
  async list(@Query() query: CompanyPageQueryDto, @Scope() scope: AccessScope): Promise<Page<FiscalYearResponse>> {
    const page = await this.years.list(query, scope);
    return { ...page, items: page.items.map((year) => FiscalYearResponse.from(year)) };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getFiscalYear' })
  @ApiOkResponse({ type: FiscalYearResponse })
  @ApiErrors('fiscal_year.not_found')
  async get(@Param('id', ParseIdPipe) id: number, @Scope() scope: AccessScope): Promise<FiscalYearResponse> {
    return FiscalYearResponse.from(await this.years.get(id, scope));
  }

  @Patch(':id')
  @ApiOperation({ operationId: 'updateFiscalYear' })
  @ApiOkResponse({ type: FiscalYearResponse })
  @ApiErrors('fiscal_year.not_found', 'fiscal_year.closed')
  async update(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateFiscalYearDto,
    @Scope() scope: AccessScope,
  ): Promise<FiscalYearResponse> {
    if (body.state !== 'closed') {
      throw new ConflictError('fiscal_year.closed', 'state: a closed fiscal year is not reopened', 'state');
    }
    return FiscalYearResponse.from(await this.years.close(id, scope));
  }
}
