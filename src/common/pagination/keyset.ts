import { createHash } from 'node:crypto';

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';

import { InvalidInputError } from '../errors/domain-errors.js';

/**
 * Keyset pagination (docs/architecture.md#keyset-pages): a list ordered by (value, id) is read from a position, the
 * last item of the previous page, through the index on that order: the cost of a page does not grow with its depth, as
 * OFFSET's does. The position travels as an opaque cursor that names its list and carries a check, so a cursor of
 * another list, or one damaged in transit, is refused rather than read from elsewhere. A checksum, not a secret: the
 * scope check decides who reads what.
 */
export interface KeysetPosition {
  value: string;
  id: number;
}

const CURSOR_TEXT = /^[A-Za-z0-9_-]{1,200}$/;

function check(list: string, position: KeysetPosition): string {
  return createHash('sha256').update(`${list}\n${position.value}\n${position.id}`).digest('hex').slice(0, 8);
}

export function encodeAfter(list: string, position: KeysetPosition): string {
  return Buffer.from(`${position.value}|${position.id}|${check(list, position)}`, 'utf8').toString('base64url');
}

/** The position an `after` cursor of `list` names; 400 `page_cursor.invalid` on `after` for anything else. */
export function decodeAfter(list: string, cursor: string, value: RegExp): KeysetPosition {
  const text = CURSOR_TEXT.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^([^|]{1,40})\|([1-9]\d{0,9})\|[0-9a-f]{8}$/.exec(text);
  const position = match ? { value: match[1]!, id: Number(match[2]) } : null;
  if (!position || !value.test(position.value) || encodeAfter(list, position) !== cursor) {
    throw new InvalidInputError(
      'page_cursor.invalid',
      'after',
      'not a cursor of this list: start without after, then send the nextCursor of the previous page',
    );
  }
  return position;
}

/** `?after=`: the `nextCursor` of the previous page. */
export function AfterCursor(): PropertyDecorator {
  return (target, property) => {
    ApiPropertyOptional({
      description:
        'Keyset pagination: the nextCursor of the previous page; the page starts after it, at the same cost at any ' +
        'depth. `offset` is ignored with it.',
    })(target, property);
    IsOptional()(target, property);
    IsString()(target, property);
    Matches(CURSOR_TEXT, { message: 'after must be the nextCursor of a previous page' })(target, property);
  };
}

/**
 * The rows after the position `:afterValue`, `:afterId` in (column, id) order, ascending or descending. The first
 * condition is the index range on both engines (SQLite takes none from the OR alone); the second leaves out the rows of
 * that value up to the position's id.
 */
export function afterCondition(column: string, idColumn: string, direction: 'ASC' | 'DESC'): string {
  const [outer, strict] = direction === 'ASC' ? ['>=', '>'] : ['<=', '<'];
  return `${column} ${outer} :afterValue AND (${column} ${strict} :afterValue OR ${idColumn} ${strict} :afterId)`;
}

/** A page of `rows`, read with one row more than `limit` to tell whether another follows, and the next page's cursor. */
export function keysetPage<T>(
  rows: T[],
  limit: number,
  list: string,
  positionOf: (row: T) => KeysetPosition,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last !== undefined ? encodeAfter(list, positionOf(last)) : null,
  };
}
