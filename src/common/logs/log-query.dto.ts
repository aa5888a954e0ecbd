import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, registerDecorator } from 'class-validator';

import { InvalidInputError } from '../errors/domain-errors.js';
import { CompanyPageQueryDto, QueryId } from '../pagination/page.js';
import { parseInstant } from '../validation/validators.js';

const INSTANT_MESSAGE =
  'must be a date YYYY-MM-DD or an ISO 8601 date-time that exists, e.g. 2026-11-01 or 2026-11-01T08:00:00Z';

function IsLogInstant(): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isLogInstant',
      target: target.constructor,
      propertyName: property as string,
      options: { message: INSTANT_MESSAGE },
      validator: { validate: (value: unknown) => typeof value === 'string' && parseInstant(value) !== null },
    });
}

/** Filters shared by the read-only logs: company, Bridge configuration, time window. */
export class LogQueryDto extends CompanyPageQueryDto {
  @ApiPropertyOptional()
  @QueryId()
  bridgeConfigId?: number;

  @ApiPropertyOptional({
    example: '2026-11-01',
    description: 'From this instant (a date means its start, UTC; a date-time without offset is UTC)',
    type: String,
    format: 'date',
  })
  @IsOptional()
  @IsLogInstant()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-11-30',
    description: 'Up to this instant (a date includes the whole day, UTC; a date-time without offset is UTC)',
    type: String,
    format: 'date',
  })
  @IsOptional()
  @IsLogInstant()
  to?: string;
}

/** The [from, to) window of a log query; a bare date `to` includes that whole day. */
export function logWindow(query: LogQueryDto): { from?: Date; to?: Date } {
  const from = query.from !== undefined ? parseInstant(query.from)! : undefined;
  let to = query.to !== undefined ? parseInstant(query.to)! : undefined;
  if (to && query.to!.length === 10) {
    to = new Date(to.getTime() + 86_400_000);
  }
  if (from && to && to.getTime() <= from.getTime()) {
    throw new InvalidInputError('date_range.invalid', 'to', `must come after from (${query.from})`);
  }
  return { from, to };
}
