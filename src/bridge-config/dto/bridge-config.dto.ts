import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

import { IsOmittable } from '../../common/validation/validators.js';
import { trim } from '../../common/validation/transforms.js';
import { CompanyPageQueryDto } from '../../common/pagination/page.js';
import { BRIDGE_VERSIONS, type BridgeConfig, type BridgeVersion } from '../bridge-config.entity.js';

const upperCaseList = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim().toUpperCase() : item)) : value;

export class CreateBridgeConfigDto {
  @ApiProperty({ type: [Number], example: [1], description: 'Companies served by these credentials' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  companyIds: number[];

  @ApiProperty({ example: 'Bridge production' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({
    default: 'https://api.bridgeapi.io',
    description: 'API origin; the client appends /v2/... or /v3/aggregation/... (a path prefix is allowed for a Bridge-compatible API mounted under one, such as the sandbox)',
  })
  @IsOmittable()
  @Matches(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~-]+)*\/?$/, { message: 'must be an http(s) URL such as https://api.bridgeapi.io, without query' })
  @Matches(/^(?!.*\/(v2|v3)(\/aggregation)?\/?$)/, { message: 'must be the API origin without the version path (e.g. https://api.bridgeapi.io, not .../v3/aggregation)' })
  url?: string;

  @ApiPropertyOptional({ enum: BRIDGE_VERSIONS, default: '2025-01-15' })
  @IsOmittable()
  @IsIn(BRIDGE_VERSIONS, { message: `must be one of ${BRIDGE_VERSIONS.join(', ')}` })
  version?: BridgeVersion;

  @ApiProperty({ example: 'sandbox_id_1234' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  clientId: string;

  @ApiProperty({ writeOnly: true, description: 'Stored encrypted; never returned' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  clientSecret: string;

  @ApiPropertyOptional({ writeOnly: true, description: 'Secret that signs Bridge webhooks; stored encrypted; never returned' })
  @IsOmittable()
  @IsString()
  @MinLength(8)
  @MaxLength(500)
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
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Type(() => Number)
  @IsInt({ each: true })
  @Min(1, { each: true })
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
