import { describe, expect, it } from '@jest/globals';

import { InvalidInputError } from '../errors/domain-errors.js';
import { decodeAfter, encodeAfter } from './keyset.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

describe('keyset cursors', () => {
  it('should give back the position it was made of, for its own list only', () => {
    const cursor = encodeAfter('statement-lines:7', { value: '2026-11-05', id: 812 });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeAfter('statement-lines:7', cursor, DAY)).toEqual({ value: '2026-11-05', id: 812 });
    expect(() => decodeAfter('statement-lines:8', cursor, DAY)).toThrow(InvalidInputError);
  });

  it('should refuse a damaged cursor, a forged one and a value of the wrong shape', () => {
    const cursor = encodeAfter('api-logs', { value: '2026-11-05', id: 812 });
    const damaged = cursor.slice(0, 4) + (cursor[4] === 'A' ? 'B' : 'A') + cursor.slice(5);
    const forged = Buffer.from('2026-11-05|813|00000000').toString('base64url');
    for (const bad of [damaged, forged, '', '%%%', 'x'.repeat(300)]) {
      expect(() => decodeAfter('api-logs', bad, DAY)).toThrow(
        expect.objectContaining({ code: 'page_cursor.invalid', field: 'after' }),
      );
    }
    const notADay = encodeAfter('api-logs', { value: 'hier', id: 1 });
    expect(() => decodeAfter('api-logs', notADay, DAY)).toThrow(InvalidInputError);
  });
});
