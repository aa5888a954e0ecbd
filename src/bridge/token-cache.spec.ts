import { describe, expect, it } from '@jest/globals';

import { PinnedClock } from '../common/clock/clock.js';
import { TokenCache } from './token-cache.js';

describe(TokenCache.name, () => {
  const now = new Date('2026-11-26T10:00:00Z');
  const token = (expiresAt: string) => ({ accessToken: 't', expiresAt: new Date(expiresAt) });

  it('should serve a token until 60 s before it expires', () => {
    const clock = new PinnedClock(now);
    const sut = new TokenCache(clock);
    sut.set('k', token('2026-11-26T12:00:00Z'));
    clock.set(new Date('2026-11-26T11:58:58Z'));
    expect(sut.get('k')).toBeDefined();
    clock.set(new Date('2026-11-26T11:59:00Z'));
    expect(sut.get('k')).toBeUndefined();
  });

  it('should keep a token briefly when its expiry is already past by our clock', () => {
    const clock = new PinnedClock(now);
    const sut = new TokenCache(clock);
    sut.set('k', token('2026-11-26T09:00:00Z'));
    clock.advance(60_000);
    expect(sut.get('k')).toBeDefined();
    clock.advance(5 * 60_000);
    expect(sut.get('k')).toBeUndefined();
  });
});
