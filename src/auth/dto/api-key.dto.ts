import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMinSize, ArrayUnique, IsArray } from 'class-validator';

import { trim } from '../../common/validation/transforms.js';
import { IsIntegerBetween, IsText, MAX_ID } from '../../common/validation/validators.js';
import type { ApiKey } from '../api-key.entity.js';
import type { CreatedApiKey } from '../api-keys.service.js';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'ERP Cabinet Durand' })
  @Transform(trim)
  @IsText(200)
  name: string;

  @ApiProperty({ type: [Number], example: [3, 7], description: 'The companies the key may see (at least one)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIntegerBetween(1, MAX_ID, { each: true })
  companyIds: number[];
}

/** An API key without its secret (only its hash is stored). */
export class ApiKeyResponse {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'tcb_Xk3f9aQ2', description: 'The first characters of the key, to recognise it' })
  prefix: string;
  @ApiProperty({ description: 'An editor key sees every company' }) editor: boolean;
  @ApiProperty({ type: [Number] }) companyIds: number[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastUsedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;

  static from(apiKey: ApiKey): ApiKeyResponse {
    return {
      id: apiKey.id,
      name: apiKey.name,
      prefix: apiKey.prefix,
      editor: apiKey.editor,
      companyIds: apiKey.companies.map((company) => company.id).sort((a, b) => a - b),
      createdAt: apiKey.createdAt.toISOString(),
      lastUsedAt: apiKey.lastUsedAt?.toISOString() ?? null,
      revokedAt: apiKey.revokedAt?.toISOString() ?? null,
    };
  }
}

export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({ description: 'The key itself, shown this once: keep it now' }) key: string;

  static fromCreated(created: CreatedApiKey): CreatedApiKeyResponse {
    return { ...ApiKeyResponse.from(created.apiKey), key: created.key };
  }
}
