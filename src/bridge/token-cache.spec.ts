import { describe, expect, it } from '@jest/globals';

import { TokenCache } from './token-cache.js';

describe(TokenCache.name, () => {
  const now = Date.parse('2026-11-26T10:00:00Z');
  const token = (expiresAt: string) => ({ accessToken: 't', expiresAt: new Date(expiresAt) });

  it('should serve a token until 60 s before it expires', () => {
    const sut = new TokenCache();
    sut.set('k', token('2026-11-26T12:00:00Z'), now);
    expect(sut.get('k', Date.parse('2026-11-26T11:58:59Z'))).toBeDefined();
    expect(sut.get('k', Date.parse('2026-11-26T11:59:00Z'))).toBeUndefined();
  });

  it('should keep a token briefly when its expiry is already past by our clock', () => {
    const sut = new TokenCache();
    sut.set('k', token('2026-11-26T09:00:00Z'), now);
    expect(sut.get('k', now + 60_000)).toBeDefined();
    expect(sut.get('k', now + 6 * 60_000)).toBeUndefined();
  });
});
