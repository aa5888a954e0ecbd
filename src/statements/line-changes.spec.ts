import { InvalidInputError } from '../common/errors/domain-errors.js';
import { decodeCursor, encodeCursor, INITIAL_CURSOR } from './line-changes.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function refused(statementId: number, cursor: string): boolean {
  try {
    decodeCursor(statementId, cursor);
    return false;
  } catch (error) {
    return error instanceof InvalidInputError && error.code === 'cursor.invalid';
  }
}

describe('line-changes cursor', () => {
  it('should read back the position it wrote, on the statement it was written for', () => {
    for (const position of [
      { seq: 1, lineId: 0 },
      { seq: 104, lineId: 100 },
      { seq: 999_999_999_999_999, lineId: 9_999_999_999 },
    ]) {
      expect(decodeCursor(42, encodeCursor(42, position))).toEqual(position);
    }
    expect(encodeCursor(42, { seq: 0, lineId: 0 })).toBe(INITIAL_CURSOR);
    expect(decodeCursor(42, INITIAL_CURSOR)).toEqual({ seq: 0, lineId: 0 });
  });

  it('should refuse every cursor with one character added, removed or changed', () => {
    // The CI once met `${cursor}x` decoding to another valid position: no single-character damage may pass.
    const cursor = encodeCursor(7, { seq: 104, lineId: 100 });
    const damaged = new Set<string>();
    for (let at = 0; at <= cursor.length; at += 1) {
      for (const letter of ALPHABET) {
        damaged.add(cursor.slice(0, at) + letter + cursor.slice(at));
        if (at < cursor.length) damaged.add(cursor.slice(0, at) + letter + cursor.slice(at + 1));
      }
      if (at < cursor.length) damaged.add(cursor.slice(0, at) + cursor.slice(at + 1));
    }
    damaged.delete(cursor);
    const accepted = [...damaged].filter((candidate) => !refused(7, candidate));
    expect(accepted).toEqual([]);
  });

  it("should refuse another statement's cursor and hand-written positions", () => {
    const cursor = encodeCursor(7, { seq: 104, lineId: 100 });
    expect(refused(8, cursor)).toBe(true);
    for (const forged of ['seq:104:100', 'seq:104:100:00000000', 'seq:0012:1']) {
      expect(refused(7, Buffer.from(forged, 'utf8').toString('base64url'))).toBe(true);
    }
    for (const bad of ['abc', '-1', '1', '', ' 0', '0 ', 'x'.repeat(200)]) {
      expect(refused(7, bad)).toBe(true);
    }
  });
});
