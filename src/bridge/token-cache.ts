import { Injectable } from '@nestjs/common';

import { Clock } from '../common/clock/clock.js';
import type { BridgeToken } from './bridge.types.js';

// A token is used until one minute before Bridge says it expires.
const SAFETY_MARGIN_MS = 60_000;
// When Bridge's expiry is already past by our clock (clock skew), trust the token briefly: a 401 renews it anyway.
const SKEWED_CLOCK_LIFETIME_MS = 5 * 60_000;

/** User tokens per Bridge configuration and user, in memory (never stored, never logged). */
@Injectable()
export class TokenCache {
  private readonly tokens = new Map<string, { token: BridgeToken; usableUntil: number }>();

  constructor(private readonly clock: Clock) {}

  get(key: string): BridgeToken | undefined {
    const now = this.clock.nowMs();
    const entry = this.tokens.get(key);
    if (entry && entry.usableUntil > now) {
      return entry.token;
    }
    this.tokens.delete(key);
    return undefined;
  }

  set(key: string, token: BridgeToken): void {
    const now = this.clock.nowMs();
    const usableUntil = token.expiresAt.getTime() - SAFETY_MARGIN_MS;
    this.tokens.set(key, { token, usableUntil: usableUntil > now ? usableUntil : now + SKEWED_CLOCK_LIFETIME_MS });
  }

  delete(key: string): void {
    this.tokens.delete(key);
  }
}
