/**
 * Sliding-window rate limits on the sandbox clock (Bridge: 60 requests per user per 60 s, 10 token requests per
 * user per 60 s, 2000 requests per app per 5 min). Refused requests are not counted.
 */
import type { SandboxClock } from './clock.js';

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly clock: SandboxClock) {}

  /** Counts one request for `key`; returns null when allowed, else the seconds until a slot frees up. */
  take(key: string, limit: number, windowMs: number): number | null {
    const now = this.clock.nowMs();
    const list = this.hits.get(key) ?? [];
    while (list.length > 0 && list[0]! <= now - windowMs) list.shift();
    if (list.length >= limit) {
      return Math.max(1, Math.ceil((list[0]! + windowMs - now) / 1000));
    }
    list.push(now);
    this.hits.set(key, list);
    return null;
  }

  clear(): void {
    this.hits.clear();
  }
}
