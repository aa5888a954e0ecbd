import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthDatabaseResponse {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ example: 'better-sqlite3' }) engine: string;
  @ApiPropertyOptional({ description: 'Why the database is down (never its address or credentials)' }) error?: string;
}

/** The answer of GET /health. */
export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'error'] }) status: 'ok' | 'error';
  @ApiProperty({ type: HealthDatabaseResponse }) database: HealthDatabaseResponse;
}
