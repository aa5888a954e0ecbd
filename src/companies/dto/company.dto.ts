import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, ValidateIf } from 'class-validator';

import { PageQueryDto } from '../../common/pagination/page.js';
import { trim } from '../../common/validation/transforms.js';
import { IsFiscalYearEnd, IsOmittable, IsSiren, IsText } from '../../common/validation/validators.js';
import type { Company } from '../company.entity.js';

const digitsOnly = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\s+/g, '') : value);

export class CreateCompanyDto {
  @ApiProperty({ example: 'Boulangerie Martin SARL' })
  @Transform(trim)
  @IsText(200)
  name: string;

  @ApiPropertyOptional({
    example: '732829320',
    description: '9 digits; spaces are removed',
    nullable: true,
    type: String,
  })
  @IsOptional()
  @Transform(digitsOnly)
  @ValidateIf((_object, value) => value !== null)
  @IsSiren()
  siren?: string | null;

  @ApiPropertyOptional({
    example: '12-31',
    default: '12-31',
    description:
      'MM-DD, the last day of the fiscal year; fiscal year 2025 of a company closing on 06-30 runs 2024-07-01..2025-06-30',
  })
  @IsOmittable()
  @IsFiscalYearEnd()
  fiscalYearEnd?: string;

  @ApiPropertyOptional({ default: false, description: 'Editor keys only: set when the annual payment is received' })
  @IsOmittable()
  @IsBoolean()
  subscriptionActive?: boolean;
}

export class UpdateCompanyDto extends PartialType(CreateCompanyDto, { skipNullProperties: false }) {}

export class ListCompaniesQueryDto extends PageQueryDto {}

export class CompanyResponse {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) siren: string | null;
  @ApiProperty({ example: '12-31' }) fiscalYearEnd: string;
  @ApiProperty() subscriptionActive: boolean;

  static from(company: Company): CompanyResponse {
    return {
      id: company.id,
      name: company.name,
      siren: company.siren,
      fiscalYearEnd: company.fiscalYearEnd,
      subscriptionActive: company.subscriptionActive,
    };
  }
}
