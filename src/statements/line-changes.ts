import { createHash } from 'node:crypto';

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

/**
 * A cursor names its statement and carries a check of its content, so that a cursor damaged in transit (a character
 * added or changed) or sent to another statement's feed is refused instead of silently read from another position.
 * It is a checksum, not a secret: the scope check, not the cursor, decides who reads what.
 */
function cursorCheck(statementId: number, position: FeedPosition): string {
  return createHash('sha256').update(`${statementId}:${position.seq}:${position.lineId}`).digest('hex').slice(0, 8);
}

export function encodeCursor(statementId: number, position: FeedPosition): string {
  if (position.seq === 0) return INITIAL_CURSOR;
  const text = `${CURSOR_PREFIX}${position.seq}:${position.lineId}:${cursorCheck(statementId, position)}`;
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** The position a cursor of this statement's feed names; 400 `cursor.invalid` on anything this feed did not give. */
export function decodeCursor(statementId: number, cursor: string): FeedPosition {
  if (cursor === INITIAL_CURSOR) return { seq: 0, lineId: 0 };
  const text = /^[A-Za-z0-9_-]{1,80}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^seq:([1-9]\d{0,14}):(0|[1-9]\d{0,9}):[0-9a-f]{8}$/.exec(text);
  const position = match ? { seq: Number(match[1]), lineId: Number(match[2]) } : null;
  if (!position || encodeCursor(statementId, position) !== cursor) {
    throw new InvalidInputError(
      'cursor.invalid',
      'changedSince',
      'not a cursor of this feed: start from 0 and then send the nextCursor of the previous answer',
    );
  }
  return position;
}
