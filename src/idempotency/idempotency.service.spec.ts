import { describe, expect, it } from '@jest/globals';

import { RequestValidationError } from '../common/errors/domain-errors.js';
import { canonicalJson, IdempotencyService } from './idempotency.service.js';

describe(IdempotencyService.name, () => {
  describe('checkKey', () => {
    it('should accept printable keys up to 255 characters and ignore an absent header', () => {
      expect(IdempotencyService.checkKey(undefined)).toBeUndefined();
      expect(IdempotencyService.checkKey('8c1f7e0a-2b3c-4d5e-9f00-112233445566')).toBe(
        '8c1f7e0a-2b3c-4d5e-9f00-112233445566',
      );
      expect(IdempotencyService.checkKey('k'.repeat(255))).toBe('k'.repeat(255));
    });

    it.each([
      ['empty', ''],
      ['blank', '   '],
      ['too long', 'k'.repeat(256)],
      ['a control character', 'a\u0001b'],
      ['non-ASCII', 'clé'],
    ])('should refuse a key that is %s', (_case, key) => {
      expect(() => IdempotencyService.checkKey(key)).toThrow(RequestValidationError);
    });

    it('should refuse a header sent twice', () => {
      expect(() => IdempotencyService.checkKey(['a', 'b'])).toThrow(RequestValidationError);
    });
  });

  describe('canonicalJson', () => {
    it('should sort the keys of objects at every depth, keep arrays in order, and drop undefined fields', () => {
      expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null }, e: undefined })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
      expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
      expect(canonicalJson(null)).toBe('null');
      expect(canonicalJson('x')).toBe('"x"');
    });
  });
});
