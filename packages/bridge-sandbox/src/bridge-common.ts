/**
 * What every Bridge route shares: version and client checks, JSON bodies, bearer tokens, rate limits, the error
 * handler. Both versions run the same checks in the same order: version header (400), client credentials (401),
 * app rate limit (429), then per route the bearer token (401) and the user rate limit (429), then the body
 * (415, malformed JSON 422 on v2 / 400 on v3, invalid fields 400).
 */
import { randomBytes, randomUUID } from 'node:crypto';

import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';

import type { SandboxContext } from './context.js';
import { type ApiVersion, BridgeApiError, errors, sendBridgeError } from './errors.js';
import { isJsonContentType, isoInstant, readBody } from './http.js';
import type { AccessToken, ClientApp, SandboxUser } from './store.js';

export const VERSION_VALUES: Record<ApiVersion, string> = { v2: '2021-06-01', v3: '2025-01-15' };

const APP_WINDOW_MS = 5 * 60_000;
const USER_WINDOW_MS = 60_000;

/** 429 with the version's body; `Retry-After` only with the retryAfterOnRateLimit quirk (Bridge documents none). */
function rateLimitError(ctx: SandboxContext, retryAfterSeconds: number, what: string): BridgeApiError {
  return errors.tooManyRequests(
    `Too many requests: ${what}`,
    ctx.options.quirks.retryAfterOnRateLimit ? retryAfterSeconds : undefined,
  );
}

export function bridgeGuard(ctx: SandboxContext, version: ApiVersion): RequestHandler {
  return (req, res, next) => {
    // Bridge's answers are never cacheable.
    res.setHeader('Cache-Control', 'no-cache, no-store, max-age=0, must-revalidate');
    // v2 also accepts the pre-2021 header name, as production clients still send it.
    const value =
      version === 'v2' ? (req.get('Bridge-Version') ?? req.get('Bankin-Version')) : req.get('Bridge-Version');
    if (value !== VERSION_VALUES[version]) {
      throw errors.invalidVersion('Bridge-Version', VERSION_VALUES[version]);
    }
    const client = ctx.store.clients.get(req.get('Client-Id') ?? '');
    if (!client || client.clientSecret !== req.get('Client-Secret')) {
      throw errors.invalidClient();
    }
    res.locals.app = client;
    const limits = ctx.options.rateLimits;
    if (limits) {
      const wait = ctx.limiter.take(`app:${client.clientId}`, limits.perAppPer5Minutes, APP_WINDOW_MS);
      if (wait !== null)
        throw rateLimitError(ctx, wait, `at most ${limits.perAppPer5Minutes} per application per 5 minutes`);
    }
    next();
  };
}

export function appOf(res: Response): ClientApp {
  return res.locals.app as ClientApp;
}

/** JSON object body. No body at all reads as `{}` (e.g. `POST /v3/aggregation/users`). */
export async function jsonBody(req: Request, version: ApiVersion): Promise<Record<string, unknown>> {
  const read = await readBody(req);
  let value: unknown;
  if (read.kind === 'none') return {};
  if (read.kind === 'parsed') {
    value = read.value;
  } else {
    if (!isJsonContentType(req)) throw errors.unsupportedMediaType();
    try {
      value = JSON.parse(read.text);
    } catch {
      throw errors.malformedJson(version);
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw errors.invalidBody('body', 'must be a JSON object');
  }
  return value as Record<string, unknown>;
}

/** Bearer token of a user of this app, unexpired; counts the request against the user's rate limit. */
export function authenticate(
  ctx: SandboxContext,
  req: Request,
  res: Response,
): { user: SandboxUser; token: AccessToken } {
  const header = req.get('Authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw errors.invalidToken('Missing bearer access token');
  const token = ctx.store.tokens.get(match[1]!);
  const user = token ? ctx.store.users.get(token.userUuid) : undefined;
  if (!token || !user || token.clientId !== appOf(res).clientId) throw errors.invalidToken();
  if (token.expiresAt <= ctx.clock.nowMs()) throw errors.invalidToken('The access token has expired');
  const limits = ctx.options.rateLimits;
  if (limits) {
    const wait = ctx.limiter.take(`user:${user.uuid}`, limits.perUserPerMinute, USER_WINDOW_MS);
    if (wait !== null) throw rateLimitError(ctx, wait, `at most ${limits.perUserPerMinute} per user per minute`);
  }
  return { user, token };
}

/** Issues a token (opaque, 2 h by default); the token endpoint has its own limit of 10 per user per minute. */
export function issueToken(ctx: SandboxContext, user: SandboxUser): { access_token: string; expires_at: string } {
  const limits = ctx.options.rateLimits;
  if (limits) {
    const wait = ctx.limiter.take(`token:${user.uuid}`, limits.tokenPerUserPerMinute, USER_WINDOW_MS);
    if (wait !== null)
      throw rateLimitError(ctx, wait, `at most ${limits.tokenPerUserPerMinute} token requests per user per minute`);
  }
  // Same shape as a real token: 40 hex characters, a dash, a UUID.
  const value = `${randomBytes(20).toString('hex')}-${randomUUID()}`;
  const expiresAt = ctx.clock.nowMs() + ctx.options.quirks.tokenTtlSeconds * 1000;
  ctx.store.tokens.set(value, { value, userUuid: user.uuid, clientId: user.clientId, expiresAt });
  return { access_token: value, expires_at: isoInstant(expiresAt) };
}

/** Numeric path id; anything else is a 404 (no such resource). */
export function numericId(raw: string | string[] | undefined, what: string): number {
  const text = Array.isArray(raw) ? raw[0] : raw;
  if (!text || !/^\d{1,15}$/.test(text)) throw errors.notFound(`${what} not found`);
  return Number(text);
}

export function stringParam(raw: string | string[] | undefined): string {
  return (Array.isArray(raw) ? raw[0] : raw) ?? '';
}

/** Unknown path under /v2 or /v3: a bare 404, like a missing route on a real server. */
export const unknownRoute: RequestHandler = (req, res) => {
  res
    .status(404)
    .type('text/plain')
    .send(`Cannot ${req.method} ${req.originalUrl.split('?')[0]}`);
};

export function bridgeErrorHandler(ctx: SandboxContext, version: ApiVersion): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known =
      error instanceof BridgeApiError ? error : errors.internal((error as Error)?.message ?? 'Internal server error');
    sendBridgeError(res, version, known, ctx.options.quirks.v3ErrorsAsArray);
  };
}
