import type { EntityManager } from 'typeorm';

import { InvalidInputError } from '../common/errors/domain-errors.js';
import { StatementLineSequence } from './statement-line-sequence.entity.js';

const SEQUENCE_ROW = 1;
const CURSOR_PREFIX = 'seq:';
/** The cursor that reads the feed from the beginning; `0` is accepted too. */
export const INITIAL_CURSOR = '0';

/**
 * Takes `count` numbers of the line-change sequence, in the caller's transaction, and answers the first. The UPDATE
 * locks the row until the transaction ends (MariaDB), and SQLite runs one writer at a time: numbers are given in
 * commit order, so a reader never sees a number after a smaller one that commits later
 * (docs/rules.md#changes-feed).
 */
export async function takeLineSeq(manager: EntityManager, count = 1): Promise<number> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('takeLineSeq must run inside a transaction');
  }
  await manager
    .createQueryBuilder()
    .update(StatementLineSequence)
    .set({ value: () => `value + ${Math.max(1, Math.floor(count))}` })
    .where('id = :id', { id: SEQUENCE_ROW })
    .execute();
  const row = await manager.findOneByOrFail(StatementLineSequence, { id: SEQUENCE_ROW });
  return row.value - Math.max(1, Math.floor(count)) + 1;
}

/** A position in the feed: after the change `seq` of line `lineId` (changes of one transaction may share a number). */
export interface FeedPosition {
  seq: number;
  lineId: number;
}

export function encodeCursor(position: FeedPosition): string {
  return position.seq === 0
    ? INITIAL_CURSOR
    : Buffer.from(`${CURSOR_PREFIX}${position.seq}:${position.lineId}`, 'utf8').toString('base64url');
}

/** The position a cursor names; 400 `cursor.invalid` on anything this service did not give. */
export function decodeCursor(cursor: string): FeedPosition {
  if (cursor === INITIAL_CURSOR) return { seq: 0, lineId: 0 };
  const text = /^[A-Za-z0-9_-]{1,60}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^seq:([1-9]\d{0,14}):(0|[1-9]\d{0,9})$/.exec(text);
  const position = match ? { seq: Number(match[1]), lineId: Number(match[2]) } : null;
  if (!position || encodeCursor(position) !== cursor) {
    throw new InvalidInputError(
      'cursor.invalid',
      'changedSince',
      'not a cursor of this feed: start from 0 and then send the nextCursor of the previous answer',
    );
  }
  return position;
}
