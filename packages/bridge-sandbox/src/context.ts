/** Everything the route modules share. */
import type { SandboxClock } from './clock.js';
import type { FaultInjector } from './faults.js';
import type { ResolvedOptions } from './options.js';
import type { RateLimiter } from './rate-limiter.js';
import type { ConnectSessions } from './sessions.js';
import type { SandboxStore } from './store.js';

export interface SandboxContext {
  options: ResolvedOptions;
  clock: SandboxClock;
  store: SandboxStore;
  limiter: RateLimiter;
  sessions: ConnectSessions;
  faults: FaultInjector;
}

/** SCA consent lasts 180 days (BRIDGE-API.md §3.5). */
export const SCA_VALIDITY_MS = 180 * 86_400_000;
