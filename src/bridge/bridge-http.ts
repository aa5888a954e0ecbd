import { setTimeout as sleep } from 'node:timers/promises';

import { Injectable, Logger } from '@nestjs/common';
import { parse as parseLossless } from 'lossless-json';

import { ApiLogsService } from '../api-logs/api-logs.service.js';
import { Clock } from '../common/clock/clock.js';
import type { ErrorCode } from '../common/errors/error-codes.js';
import { AppConfig, type BridgeHttpSettings } from '../config/app-config.js';
import { describeAllowedOrigins, isAllowedBridgeUrl } from './bridge-origins.js';
import {
  BridgeAuthenticationError,
  BridgeOriginNotAllowedError,
  BridgeRateLimitedError,
  BridgeRequestError,
  BridgeUnavailableError,
} from './bridge.errors.js';
import type { BridgeConnection } from './bridge.types.js';
import { redactBody, scrubValues } from './redaction.js';

const VERSION_PATH_HINT = 'check the URL and version of the Bridge configuration';

export interface BridgeCall {
  connection: BridgeConnection;
  method: 'GET' | 'POST' | 'DELETE';
  /** A path under the configured URL ("/v3/aggregation/items"), or a `next_uri` from Bridge when `isNextUri`. */
  path: string;
  isNextUri?: boolean;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  accessToken?: string;
  /** Values that must never reach a log (derived password, tokens); the client secret is always added. */
  secrets?: string[];
}

export interface BridgeAnswer {
  status: number;
  /** JSON with every number kept as its exact decimal text (no float rounding of amounts or 14-digit ids). */
  body: unknown;
}

/** A user token that Bridge refused (401 on a user call): the caller re-authenticates once and retries. */
export class BridgeTokenRejectedError extends BridgeRequestError {
  override readonly code: ErrorCode = 'bridge.token_rejected';
}

type Outcome =
  | { kind: 'answer'; status: number; text: string; retryAfter: string | null }
  /** A 3xx: never followed, and its body is not read (it comes from wherever the redirect pretends to lead). */
  | { kind: 'redirect'; status: number }
  | { kind: 'failure'; reason: string };

/**
 * The one request path to Bridge: headers, timeout, retries with exponential backoff and jitter, 429 waits,
 * error translation, and one redacted API log row per exchange.
 */
@Injectable()
export class BridgeHttp {
  private readonly logger = new Logger(BridgeHttp.name);
  private readonly settings: BridgeHttpSettings;
  private readonly allowedOrigins: AppConfig['bridgeAllowedOrigins'];

  constructor(
    config: AppConfig,
    private readonly apiLogs: ApiLogsService,
    private readonly clock: Clock,
  ) {
    this.settings = config.bridgeHttp;
    this.allowedOrigins = config.bridgeAllowedOrigins;
  }

  async request(call: BridgeCall): Promise<BridgeAnswer> {
    const url = this.urlOf(call);
    // Checked on every request, so that a configuration stored before the allow-list (or edited in the database)
    // cannot send the client secret elsewhere either.
    if (!isAllowedBridgeUrl(url, this.allowedOrigins)) {
      throw new BridgeOriginNotAllowedError(
        `Bridge configuration ${call.connection.configId} points at ${url.origin}, which is not an allowed Bridge origin (${describeAllowedOrigins(this.allowedOrigins)}; BRIDGE_ALLOWED_ORIGINS): nothing was sent; correct its URL`,
      );
    }
    const logPath = url.pathname + url.search;
    const secrets = [
      call.connection.clientSecret,
      ...(call.accessToken ? [call.accessToken] : []),
      ...(call.secrets ?? []),
    ];
    const requestText = call.body === undefined ? undefined : JSON.stringify(call.body);
    let failures = 0;
    let rateLimitWaitedMs = 0;

    for (;;) {
      const started = performance.now();
      const outcome = await this.exchange(call, url, requestText);
      const durationMs = Math.round(performance.now() - started);
      const parsed = outcome.kind === 'answer' ? parseBody(outcome.text) : undefined;
      const malformed = outcome.kind === 'answer' && outcome.status < 300 && parsed === MALFORMED;
      await this.log(call, logPath, outcome, durationMs, requestText, secrets, malformed, listedCount(parsed));

      if (outcome.kind === 'answer' && outcome.status < 300 && !malformed) {
        return { status: outcome.status, body: parsed };
      }
      if (outcome.kind === 'redirect') {
        throw new BridgeRequestError(
          outcome.status,
          null,
          `Bridge answered ${call.method} ${logPath} with a redirect, which is never followed (the client secret would go along); check the URL of Bridge configuration ${call.connection.configId}`,
        );
      }
      if (outcome.kind === 'answer' && outcome.status === 429) {
        const waitMs = retryAfterMs(outcome.retryAfter, this.clock.nowMs()) ?? this.backoffMs(failures);
        if (rateLimitWaitedMs + waitMs > this.settings.rateLimitMaxWaitMs) {
          throw new BridgeRateLimitedError(
            `Bridge limits the number of requests (HTTP 429 on ${call.method} ${logPath}) beyond the ${Math.round(this.settings.rateLimitMaxWaitMs / 1000)} s this service waits; nothing was changed, try again in a few minutes`,
            outcome.retryAfter ? Math.ceil(waitMs / 1000) : null,
          );
        }
        this.logger.warn(
          `Bridge answered 429 to ${call.method} ${logPath} (configuration ${call.connection.configId}); waiting ${waitMs} ms`,
        );
        rateLimitWaitedMs += waitMs;
        await sleep(waitMs);
        continue;
      }
      const retryable = outcome.kind === 'failure' || outcome.status >= 500 || malformed;
      if (retryable) {
        const reason =
          outcome.kind === 'failure'
            ? outcome.reason
            : malformed
              ? 'a malformed JSON answer'
              : `HTTP ${outcome.status}`;
        if (failures < this.settings.maxRetries) {
          const waitMs = this.backoffMs(failures);
          failures++;
          this.logger.warn(
            `Bridge ${call.method} ${logPath} failed with ${reason} (configuration ${call.connection.configId}); retry ${failures} in ${waitMs} ms`,
          );
          await sleep(waitMs);
          continue;
        }
        throw new BridgeUnavailableError(
          `Bridge did not answer ${call.method} ${logPath} usefully after ${failures + 1} attempt(s) (last: ${reason}); nothing was changed, try again in a few minutes`,
        );
      }
      throw this.refusal(call, outcome.status, parsed, logPath);
    }
  }

  private async exchange(call: BridgeCall, url: URL, requestText: string | undefined): Promise<Outcome> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Accept-Language': 'fr',
      'Bridge-Version': call.connection.version,
      'Client-Id': call.connection.clientId,
      'Client-Secret': call.connection.clientSecret,
    };
    if (requestText !== undefined) headers['Content-Type'] = 'application/json';
    if (call.accessToken) headers.Authorization = `Bearer ${call.accessToken}`;
    try {
      // The timeout covers the whole exchange, body included: a server that stalls mid-answer is cut too.
      const response = await fetch(url, {
        method: call.method,
        headers,
        body: requestText,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel();
        return { kind: 'redirect', status: response.status };
      }
      const text = await response.text();
      return { kind: 'answer', status: response.status, text, retryAfter: response.headers.get('retry-after') };
    } catch (error) {
      const name = (error as Error).name;
      return {
        kind: 'failure',
        reason:
          name === 'TimeoutError' || name === 'AbortError'
            ? `no answer within ${this.settings.timeoutMs} ms`
            : `a network error (${describeNetworkError(error)})`,
      };
    }
  }

  private urlOf(call: BridgeCall): URL {
    const base = new URL(call.connection.url.replace(/\/+$/, '') + '/');
    let url: URL;
    if (call.isNextUri) {
      // next_uri is a path from the API origin (it already carries any mount prefix); never follow it to another host.
      url = new URL(call.path, base.origin);
      if (url.origin !== base.origin) {
        throw new BridgeUnavailableError(
          `Bridge returned a next page on another host (${url.origin}); the listing was stopped`,
        );
      }
    } else {
      url = new URL(base.pathname.replace(/\/$/, '') + call.path, base.origin);
    }
    for (const [key, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  private refusal(call: BridgeCall, status: number, body: unknown, logPath: string): Error {
    const { code, message, property } = errorDetails(body);
    if (status === 401 && call.accessToken && code !== 'invalid_client_credentials') {
      return new BridgeTokenRejectedError(status, code, message, property);
    }
    if (status === 401) {
      return new BridgeAuthenticationError(
        `Bridge refused the client id/secret of Bridge configuration ${call.connection.configId} (HTTP 401${code ? `, ${code}` : ''}): correct them in that configuration`,
      );
    }
    if (status === 404 && !code) {
      return new BridgeRequestError(status, null, `${call.method} ${logPath} does not exist (${VERSION_PATH_HINT})`);
    }
    return new BridgeRequestError(status, code, message, property);
  }

  private async log(
    call: BridgeCall,
    path: string,
    outcome: Outcome,
    durationMs: number,
    requestText: string | undefined,
    secrets: string[],
    malformed: boolean,
    rowCount: number | null,
  ): Promise<void> {
    const status = outcome.kind === 'failure' ? null : outcome.status;
    this.logger.debug(
      `Bridge ${call.method} ${path} → ${status ?? 'no answer'} in ${durationMs} ms (configuration ${call.connection.configId})`,
    );
    try {
      await this.apiLogs.record({
        bridgeConfigId: call.connection.configId,
        companyId: call.connection.companyId,
        method: call.method,
        path: scrubValues(path, secrets).slice(0, 1000),
        status,
        durationMs,
        rowCount,
        requestBody: redactBody(requestText, secrets),
        responseBody: outcome.kind === 'answer' ? redactBody(outcome.text, secrets) : null,
        error:
          outcome.kind === 'failure'
            ? outcome.reason
            : outcome.kind === 'redirect'
              ? 'redirect not followed'
              : malformed
                ? 'malformed JSON answer'
                : null,
      });
    } catch (error) {
      // A full log table must not stop the bank feed: say it and go on.
      this.logger.warn(`API log row could not be written: ${(error as Error).message}`);
    }
  }

  /** Exponential backoff with "equal jitter": half fixed, half random, capped. */
  private backoffMs(failures: number): number {
    const ceiling = Math.min(this.settings.retryMaxMs, this.settings.retryBaseMs * 2 ** failures);
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
  }
}

const MALFORMED = Symbol('malformed');

/** The length of a listing's `resources` (both versions page their lists that way); null for any other answer. */
function listedCount(body: unknown): number | null {
  const resources = (body as { resources?: unknown } | null | undefined)?.resources;
  return typeof body === 'object' && body !== null && Array.isArray(resources) ? resources.length : null;
}

function parseBody(text: string): unknown {
  if (text.trim() === '') {
    return null;
  }
  try {
    return parseLossless(text, null, (value: string) => value);
  } catch {
    return MALFORMED;
  }
}

/** v2 `{type, message}`, v3 `{code, message, property}` or `{errors: [{...}]}`. */
function errorDetails(body: unknown): { code: string | null; message: string; property: string | null } {
  const record = (
    Array.isArray((body as { errors?: unknown })?.errors) ? (body as { errors: unknown[] }).errors[0] : body
  ) as { code?: unknown; type?: unknown; message?: unknown; property?: unknown } | null | undefined;
  if (!record || typeof record !== 'object') {
    return { code: null, message: 'no error detail in the answer', property: null };
  }
  const code = typeof record.code === 'string' ? record.code : typeof record.type === 'string' ? record.type : null;
  return {
    code,
    message: typeof record.message === 'string' ? record.message : 'no error message in the answer',
    property: typeof record.property === 'string' ? record.property : null,
  };
}

function retryAfterMs(header: string | null, nowMs: number): number | null {
  if (!header) {
    return null;
  }
  if (/^\d+$/.test(header.trim())) {
    return Number(header.trim()) * 1000;
  }
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
