import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';

import { integerText } from '../../common/validation/transforms.js';
import { IsIntegerBetween } from '../../common/validation/validators.js';
import type { FecEncoding } from '../exports/export-types.js';

export const FEC_ENCODINGS = ['iso-8859-15', 'utf-8'] as const satisfies readonly FecEncoding[];
export const STATEMENT_EXPORT_FORMATS = ['camt053', 'ofx', 'csv'] as const;
export type StatementExportFormat = (typeof STATEMENT_EXPORT_FORMATS)[number];

export class FecQueryDto {
  @ApiProperty({ example: 2025, description: 'The fiscal year, named by the year of its end date' })
  @Transform(integerText)
  @IsIntegerBetween(1900, 2999)
  fiscalYear: number;

  @ApiPropertyOptional({ enum: FEC_ENCODINGS, default: 'iso-8859-15' })
  @IsOptional()
  @IsIn(FEC_ENCODINGS, { message: `must be one of ${FEC_ENCODINGS.join(', ')}` })
  encoding?: FecEncoding;
}

export class StatementExportQueryDto {
  @ApiProperty({ enum: STATEMENT_EXPORT_FORMATS })
  @IsIn(STATEMENT_EXPORT_FORMATS, { message: `must be one of ${STATEMENT_EXPORT_FORMATS.join(', ')}` })
  format: StatementExportFormat;
}
