/** Sandbox options and their defaults. */
import { randomBytes } from 'node:crypto';

export interface BridgeSandboxClient {
  clientId: string;
  clientSecret: string;
  /** Callback of v2 connect sessions created without `redirect_url` (Bridge's dashboard setting). */
  redirectUrl?: string;
}

export interface BridgeSandboxQuirks {
  /** Last page answers `"next_uri": "null"` (a string), as two public clients defend against. */
  nextUriNullAsString?: boolean;
  /** v3 errors as `{errors: [{code, message, property?}]}` instead of the documented flat object. */
  v3ErrorsAsArray?: boolean;
  /** Send `Retry-After` on rate-limit 429s (Bridge documents none). */
  retryAfterOnRateLimit?: boolean;
  /** Access token lifetime (Bridge: 2 h). */
  tokenTtlSeconds?: number;
  /** Connect session lifetime. */
  sessionTtlSeconds?: number;
}

export interface BridgeSandboxRateLimits {
  perUserPerMinute?: number;
  tokenPerUserPerMinute?: number;
  perAppPer5Minutes?: number;
}

export interface BridgeSandboxOptions {
  /** Default 42; all generated data is deterministic from it. */
  seed?: number;
  /** Default [{ clientId: 'sandbox-client-id', clientSecret: 'sandbox-client-secret' }]. */
  clients?: BridgeSandboxClient[];
  /** The sandbox clock starts here and then follows real time (plus advances); default: real now. */
  startTime?: Date;
  /** Default 24: whole months of history (plus the current month) generated when an item is created. */
  historyMonths?: number;
  /** Default 30: lines per whole month on the checking account (volume knob for benchmarks). */
  transactionsPerMonth?: number;
  quirks?: BridgeSandboxQuirks;
  /** false disables the rate limits. */
  rateLimits?: false | BridgeSandboxRateLimits;
  /**
   * Bearer token the control API (`/__sandbox`) requires: it can reset the sandbox and inject lines, so it is never
   * open. Default: a random token, readable from `sandbox.controlToken`.
   */
  controlToken?: string;
}

export const DEFAULT_CLIENT: BridgeSandboxClient = {
  clientId: 'sandbox-client-id',
  clientSecret: 'sandbox-client-secret',
};

export interface ResolvedOptions {
  seed: number;
  clients: BridgeSandboxClient[];
  startTime: Date | undefined;
  historyMonths: number;
  transactionsPerMonth: number;
  quirks: Required<BridgeSandboxQuirks>;
  rateLimits: false | Required<BridgeSandboxRateLimits>;
  controlToken: string;
}

function nonNegativeInteger(name: string, value: number | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new Error(`Bridge sandbox option ${name} must be an integer between 0 and ${max} (got ${value})`);
  }
  return value;
}

export function resolveOptions(options: BridgeSandboxOptions = {}): ResolvedOptions {
  const quirks = options.quirks ?? {};
  if (options.controlToken !== undefined && options.controlToken.length < 16) {
    throw new Error('Bridge sandbox option controlToken must be at least 16 characters long');
  }
  return {
    controlToken: options.controlToken ?? randomBytes(24).toString('base64url'),
    seed: options.seed ?? 42,
    clients: (options.clients ?? [DEFAULT_CLIENT]).map((client) => ({ ...client })),
    startTime: options.startTime,
    historyMonths: nonNegativeInteger('historyMonths', options.historyMonths, 24, 120),
    transactionsPerMonth: nonNegativeInteger('transactionsPerMonth', options.transactionsPerMonth, 30, 20_000),
    quirks: {
      nextUriNullAsString: quirks.nextUriNullAsString ?? false,
      v3ErrorsAsArray: quirks.v3ErrorsAsArray ?? false,
      retryAfterOnRateLimit: quirks.retryAfterOnRateLimit ?? false,
      tokenTtlSeconds: quirks.tokenTtlSeconds ?? 7200,
      sessionTtlSeconds: quirks.sessionTtlSeconds ?? 1800,
    },
    rateLimits:
      options.rateLimits === false
        ? false
        : {
            perUserPerMinute: options.rateLimits?.perUserPerMinute ?? 60,
            tokenPerUserPerMinute: options.rateLimits?.tokenPerUserPerMinute ?? 10,
            perAppPer5Minutes: options.rateLimits?.perAppPer5Minutes ?? 2000,
          },
  };
}
