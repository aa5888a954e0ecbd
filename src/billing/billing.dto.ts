import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { ApiMoney } from '../common/openapi/api-schema.js';

import { WarningResponse } from '../common/errors/warning.response.js';
import type { Money } from '../common/money/money.js';
import { CompanyPageQueryDto } from '../common/pagination/page.js';
import { integerText } from '../common/validation/transforms.js';
import { IsIntegerBetween } from '../common/validation/validators.js';
import { BILLING_KINDS, type BillingKind, type BillingReport } from './billing-report.entity.js';

export class ListBillingReportsQueryDto extends CompanyPageQueryDto {
  @ApiPropertyOptional({ example: 2027 })
  @IsOptional()
  @Transform(integerText)
  @IsIntegerBetween(2000, 2999)
  year?: number;

  @ApiPropertyOptional({ example: 3, description: 'Month of the monthly reports (needs year)' })
  @IsOptional()
  @Transform(integerText)
  @IsIntegerBetween(1, 12)
  month?: number;
}

export class BillingReportResponse {
  @ApiProperty() id: number;
  @ApiProperty({ example: '2027-03' }) period: string;
  @ApiProperty({ enum: BILLING_KINDS }) kind: BillingKind;
  @ApiProperty() companyId: number;
  @ApiProperty() bridgeConfigId: number;
  @ApiProperty({ type: [String] }) users: string[];
  @ApiProperty() userCount: number;
  @ApiMoney() unitPrice: Money;
  @ApiMoney() amount: Money;

  static from(report: BillingReport): BillingReportResponse {
    return {
      id: report.id,
      period: report.period,
      kind: report.kind,
      companyId: report.companyId,
      bridgeConfigId: report.bridgeConfigId,
      users: JSON.parse(report.users) as string[],
      userCount: report.userCount,
      unitPrice: report.unitPrice,
      amount: report.amount,
    };
  }
}

export class BillingRunDto {
  @ApiProperty({
    example: '2027-03',
    description: '"2027" runs the annual report of 1 January 2027; "2027-03" the monthly report of March 2027',
  })
  // The service reads the period itself; this bounds what reaches it.
  @Matches(/^\s*\d{4}(-\d{2})?\s*$/, {
    message: 'must be a year such as "2027" (annual report) or a month such as "2027-03" (monthly report)',
  })
  period: string;
}

export class ExportBillingReportsQueryDto extends ListBillingReportsQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'json'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'json'], { message: 'must be csv or json' })
  format?: 'csv' | 'json';
}

export class BillingRunResponse {
  @ApiProperty() period: string;
  @ApiProperty({ enum: BILLING_KINDS }) kind: BillingKind;
  @ApiProperty({ type: [BillingReportResponse], description: 'Reports written by this run' })
  created: BillingReportResponse[];
  @ApiProperty({
    type: [BillingReportResponse],
    description: 'Reports the period already had (a second run changes nothing)',
  })
  existing: BillingReportResponse[];
  @ApiProperty({ type: [WarningResponse], description: 'A company served by several active Bridge configurations' })
  warnings: WarningResponse[];
}
