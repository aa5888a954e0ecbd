import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, registerDecorator } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

import { InvalidInputError } from '../errors/domain-errors.js';
import { afterCondition, AfterCursor, decodeAfter, keysetPage } from '../pagination/keyset.js';
import { CompanyPageQueryDto, pageWindow, QueryId, type Page } from '../pagination/page.js';
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

  @AfterCursor()
  after?: string;
}

const INSTANT_VALUE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * A page of a log, newest first by (at, id): from `after` when given (keyset: the same cost at any depth), else from
 * `offset`; one more row is read to tell whether another page follows. `list` names the log in its cursors.
 */
export async function logPage<T extends ObjectLiteral & { id: number; at: Date }>(
  builder: SelectQueryBuilder<T>,
  query: LogQueryDto,
  list: string,
): Promise<Page<T>> {
  const { limit, offset } = pageWindow(query);
  const alias = builder.alias;
  const total = await builder.clone().getCount();
  if (query.after !== undefined) {
    const after = decodeAfter(list, query.after, INSTANT_VALUE);
    builder.andWhere(afterCondition(`${alias}.at`, `${alias}.id`, 'DESC'), {
      afterValue: new Date(after.value),
      afterId: after.id,
    });
  } else {
    builder.offset(offset);
  }
  const rows = await builder
    .orderBy(`${alias}.at`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .limit(limit + 1)
    .getMany();
  const page = keysetPage(rows, limit, list, (row) => ({ value: row.at.toISOString(), id: row.id }));
  return { ...page, total, limit, offset: query.after !== undefined ? 0 : offset };
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
