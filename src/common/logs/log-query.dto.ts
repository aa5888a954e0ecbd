import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Min } from 'class-validator';

import { CompanyPageQueryDto } from '../pagination/page.js';

const DATE_OR_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const DATE_MESSAGE = 'must be a date YYYY-MM-DD or an ISO 8601 date-time';

/** Filters shared by the read-only logs: company, Bridge configuration, time window. */
export class LogQueryDto extends CompanyPageQueryDto {

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  bridgeConfigId?: number;

  @ApiPropertyOptional({ example: '2026-11-01', description: 'From this instant (a date means its start, UTC)' })
  @IsOptional()
  @Matches(DATE_OR_DATETIME, { message: DATE_MESSAGE })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Up to this instant (a date includes the whole day, UTC)' })
  @IsOptional()
  @Matches(DATE_OR_DATETIME, { message: DATE_MESSAGE })
  to?: string;
}

/** The [from, to) window of a log query; a bare date `to` includes that whole day. */
export function logWindow(query: LogQueryDto): { from?: Date; to?: Date } {
  const from = query.from ? new Date(query.from.length === 10 ? `${query.from}T00:00:00Z` : query.from) : undefined;
  let to: Date | undefined;
  if (query.to) {
    to = new Date(query.to.length === 10 ? `${query.to}T00:00:00Z` : query.to);
    if (query.to.length === 10) {
      to = new Date(to.getTime() + 86_400_000);
    }
  }
  return { from, to };
}
