import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches, ValidateIf } from 'class-validator';
import { ApiMoney } from '../../common/openapi/api-schema.js';

import { GL_ACCOUNT, GL_ACCOUNT_MESSAGE } from '../../bank-accounts/dto/bank-account.dto.js';
import type { Money } from '../../common/money/money.js';
import { CompanyPageQueryDto, QueryId } from '../../common/pagination/page.js';
import { trim } from '../../common/validation/transforms.js';
import { IsIntegerBetween, IsMoney, IsOmittable, IsText, MAX_ID } from '../../common/validation/validators.js';
import { RULE_SIGNS, type CounterpartRule, type RuleSign } from '../counterpart-rule.entity.js';

const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.replace(/\s+/g, '').toUpperCase() : value;

export class CreateCounterpartRuleDto {
  @ApiProperty()
  @IsIntegerBetween(1, MAX_ID)
  companyId: number;

  @ApiPropertyOptional({
    nullable: true,
    description: 'Only this journal; null: every journal of the company',
    type: Number,
  })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsIntegerBetween(1, MAX_ID)
  bankAccountId?: number | null;

  @ApiProperty({ example: 'Frais bancaires' })
  @Transform(trim)
  @IsText(200)
  name: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1_000_000, description: 'Lower first; ties by id' })
  @IsOmittable()
  @IsIntegerBetween(1, 1_000_000)
  priority?: number;

  @ApiPropertyOptional({ nullable: true, example: 'frais', description: 'Case- and accent-insensitive', type: String })
  @IsOptional()
  @Transform(trim)
  @ValidateIf((_object, value) => value !== null)
  @IsText(200)
  labelContains?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    example: '^PRLV .*URSSAF',
    description: 'Case- and accent-insensitive',
    type: String,
  })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsText(500)
  labelRegex?: string | null;

  @ApiPropertyOptional({ enum: RULE_SIGNS, default: 'any', description: 'debit: money out; credit: money in' })
  @IsOmittable()
  @IsIn(RULE_SIGNS, { message: `must be one of ${RULE_SIGNS.join(', ')}` })
  sign?: RuleSign;

  @ApiMoney({ nullable: true, description: 'On the absolute amount, included', required: false })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsMoney()
  amountMin?: Money | null;

  @ApiMoney({ nullable: true, description: 'On the absolute amount, included', required: false })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsMoney()
  amountMax?: Money | null;

  @ApiProperty({ example: '627000' })
  @Transform(upper)
  @Matches(GL_ACCOUNT, { message: GL_ACCOUNT_MESSAGE })
  account: string;

  @ApiProperty({ example: 'Services bancaires et assimilés' })
  @Transform(trim)
  @IsText(200)
  accountLabel: string;

  @ApiPropertyOptional({ default: true })
  @IsOmittable()
  @IsBoolean()
  active?: boolean;
}

export class UpdateCounterpartRuleDto extends PartialType(OmitType(CreateCounterpartRuleDto, ['companyId'] as const), {
  skipNullProperties: false,
}) {}

export class ListCounterpartRulesQueryDto extends CompanyPageQueryDto {
  @ApiPropertyOptional()
  @QueryId()
  bankAccountId?: number;
}

export class CounterpartRuleResponse {
  @ApiProperty() id: number;
  @ApiProperty() companyId: number;
  @ApiProperty({ nullable: true, type: Number }) bankAccountId: number | null;
  @ApiProperty() name: string;
  @ApiProperty() priority: number;
  @ApiProperty({ nullable: true, type: String }) labelContains: string | null;
  @ApiProperty({ nullable: true, type: String }) labelRegex: string | null;
  @ApiProperty({ enum: RULE_SIGNS }) sign: RuleSign;
  @ApiMoney({ nullable: true }) amountMin: Money | null;
  @ApiMoney({ nullable: true }) amountMax: Money | null;
  @ApiProperty() account: string;
  @ApiProperty() accountLabel: string;
  @ApiProperty() active: boolean;

  static from(rule: CounterpartRule): CounterpartRuleResponse {
    return {
      id: rule.id,
      companyId: rule.companyId,
      bankAccountId: rule.bankAccountId,
      name: rule.name,
      priority: rule.priority,
      labelContains: rule.labelContains,
      labelRegex: rule.labelRegex,
      sign: rule.sign,
      amountMin: rule.amountMin,
      amountMax: rule.amountMax,
      account: rule.account,
      accountLabel: rule.accountLabel,
      active: rule.active,
    };
  }
}
