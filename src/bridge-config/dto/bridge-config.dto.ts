import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateBy,
} from 'class-validator';

import { WarningResponse } from '../../common/errors/warning.response.js';
import { CompanyPageQueryDto } from '../../common/pagination/page.js';
import { integerTextList, trim } from '../../common/validation/transforms.js';
import {
  FitsJoined,
  IsIntegerBetween,
  IsOmittable,
  IsText,
  MAX_EXTERNAL_ID,
  MAX_ID,
} from '../../common/validation/validators.js';
import { BRIDGE_VERSIONS, type BridgeConfig, type BridgeVersion } from '../bridge-config.entity.js';
import { IsNotPlaceholder } from './not-placeholder.validator.js';

const upperCaseList = ({ value }: { value: unknown }) =>
  Array.isArray(value)
    ? value.map((item: unknown) => (typeof item === 'string' ? item.trim().toUpperCase() : item))
    : value;

export class CreateBridgeConfigDto {
  @ApiProperty({ type: [Number], example: [1], description: 'Companies served by these credentials' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIntegerBetween(1, MAX_ID, { each: true })
  companyIds: number[];

  @ApiProperty({ example: 'Bridge production' })
  @Transform(trim)
  @IsText(200)
  name: string;

  @ApiPropertyOptional({
    default: 'https://api.bridgeapi.io',
    description:
      'API origin; the client appends /v2/... or /v3/aggregation/... (a path prefix is allowed for a Bridge-compatible API mounted under one, such as the sandbox)',
  })
  @IsOmittable()
  @Matches(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~-]+)*\/?$/, {
    message: 'must be an http(s) URL such as https://api.bridgeapi.io, without query',
  })
  @ValidateBy({
    name: 'isApiOrigin',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && !/\/(v2|v3)(\/aggregation)?\/?$/.test(value),
      defaultMessage: () =>
        'must be the API origin without the version path (e.g. https://api.bridgeapi.io, not .../v3/aggregation)',
    },
  })
  @MaxLength(500, { message: 'must be at most 500 characters long' })
  url?: string;

  @ApiPropertyOptional({ enum: BRIDGE_VERSIONS, default: '2025-01-15' })
  @IsOmittable()
  @IsIn(BRIDGE_VERSIONS, { message: `must be one of ${BRIDGE_VERSIONS.join(', ')}` })
  version?: BridgeVersion;

  @ApiProperty({ example: 'sandbox_id_1234' })
  @Transform(trim)
  @IsText(200)
  @IsNotPlaceholder()
  clientId: string;

  @ApiProperty({ writeOnly: true, description: 'Stored encrypted; never returned' })
  @IsString({ message: 'must be a string of 1 to 500 characters' })
  @MinLength(1, { message: 'must be a string of 1 to 500 characters' })
  @MaxLength(500, { message: 'must be a string of 1 to 500 characters' })
  @IsNotPlaceholder()
  clientSecret: string;

  @ApiPropertyOptional({
    writeOnly: true,
    description: 'Secret that signs Bridge webhooks; stored encrypted; never returned',
  })
  @IsOmittable()
  @IsString({ message: 'must be a string of 8 to 500 characters' })
  @MinLength(8, { message: 'must be a string of 8 to 500 characters' })
  @MaxLength(500, { message: 'must be a string of 8 to 500 characters' })
  webhookSecret?: string;

  @ApiPropertyOptional({ type: [String], example: ['FR', 'BE'], default: ['FR'] })
  @IsOmittable()
  @Transform(upperCaseList)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ArrayUnique()
  @Matches(/^[A-Z]{2}$/, { each: true, message: 'each value must be an ISO 3166 alpha-2 country code such as FR' })
  countryCodes?: string[];

  @ApiPropertyOptional({ type: [Number], example: [574], default: [] })
  @IsOmittable()
  @Transform(integerTextList)
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsIntegerBetween(1, MAX_EXTERNAL_ID, { each: true })
  @FitsJoined(500)
  preselectedBankIds?: number[];

  @ApiPropertyOptional({ default: true })
  @IsOmittable()
  @IsBoolean()
  active?: boolean;
}

export class UpdateBridgeConfigDto extends PartialType(CreateBridgeConfigDto, { skipNullProperties: false }) {}

export class ListBridgeConfigsQueryDto extends CompanyPageQueryDto {}

export class BridgeConfigResponse {
  @ApiProperty() id: number;
  @ApiProperty({ type: [Number] }) companyIds: number[];
  @ApiProperty() name: string;
  @ApiProperty() url: string;
  @ApiProperty({ enum: BRIDGE_VERSIONS }) version: BridgeVersion;
  @ApiProperty() clientId: string;
  @ApiProperty({ description: 'A client secret is stored (it is never returned)' }) clientSecretSet: boolean;
  @ApiProperty() webhookSecretSet: boolean;
  @ApiProperty({ type: [String] }) countryCodes: string[];
  @ApiProperty({ type: [Number] }) preselectedBankIds: number[];
  @ApiProperty() active: boolean;
  @ApiPropertyOptional({
    type: [WarningResponse],
    description: 'A company it serves has several active Bridge configurations (POST and PATCH only)',
  })
  warnings?: WarningResponse[];

  static from(config: BridgeConfig): BridgeConfigResponse {
    return {
      id: config.id,
      companyIds: config.companies.map((company) => company.id).sort((a, b) => a - b),
      name: config.name,
      url: config.url,
      version: config.version,
      clientId: config.clientId,
      clientSecretSet: Boolean(config.clientSecretEncrypted),
      webhookSecretSet: Boolean(config.webhookSecretEncrypted),
      countryCodes: config.countryCodes,
      preselectedBankIds: config.preselectedBankIds,
      active: config.active,
    };
  }
}
