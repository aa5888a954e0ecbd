/**
 * Fault injection on Bridge routes (never on the control API or the funnel), so client retries, backoff, timeouts
 * and 429 handling can be tested: N× 5xx then OK, forced 429 (with or without Retry-After), slow answers,
 * truncated JSON, dropped connections. Faults act before any other check, like a failing proxy in front of Bridge.
 */
import type { RequestHandler } from 'express';

import { errorBody, errors } from './errors.js';

export type FaultKind = 'status' | 'rate_limit' | 'slow' | 'malformed' | 'network';

export interface Fault {
  id: number;
  /** Prefix of the path after the mount prefix, e.g. "/v3/aggregation/transactions". */
  path: string;
  method: string | null;
  kind: FaultKind;
  status: number | null;
  /** Requests it will still hit. */
  times: number;
  retryAfterSeconds: number | null;
  delayMs: number | null;
}

export interface FaultSpec {
  path: string;
  method?: string;
  kind: FaultKind;
  status?: number;
  times?: number;
  retryAfterSeconds?: number;
  delayMs?: number;
}

const KINDS: FaultKind[] = ['status', 'rate_limit', 'slow', 'malformed', 'network'];
const STATUSES = [500, 502, 503, 504];

export class FaultInjector {
  private faults: Fault[] = [];
  private nextId = 1;

  /** Validates and registers a fault; returns an error message when the spec is wrong. */
  add(spec: Partial<FaultSpec>): Fault | string {
    if (typeof spec.path !== 'string' || !spec.path.startsWith('/'))
      return 'path must be a path starting with "/" (e.g. "/v3/aggregation/transactions")';
    if (!KINDS.includes(spec.kind as FaultKind)) return `kind must be one of ${KINDS.join(', ')}`;
    if (spec.method !== undefined && typeof spec.method !== 'string') return 'method must be a string';
    if (spec.kind === 'status' && !STATUSES.includes(spec.status as number))
      return `status must be one of ${STATUSES.join(', ')}`;
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times < 1) return 'times must be a positive integer';
    if (
      spec.retryAfterSeconds !== undefined &&
      (!Number.isInteger(spec.retryAfterSeconds) || spec.retryAfterSeconds < 0)
    )
      return 'retryAfterSeconds must be a non-negative integer';
    if (spec.delayMs !== undefined && (!Number.isInteger(spec.delayMs) || spec.delayMs < 0))
      return 'delayMs must be a non-negative integer';
    const fault: Fault = {
      id: this.nextId++,
      path: spec.path,
      method: spec.method ? spec.method.toUpperCase() : null,
      kind: spec.kind as FaultKind,
      status: spec.kind === 'status' ? (spec.status as number) : spec.kind === 'rate_limit' ? 429 : null,
      times,
      retryAfterSeconds: spec.kind === 'rate_limit' ? (spec.retryAfterSeconds ?? null) : null,
      delayMs: spec.kind === 'slow' ? (spec.delayMs ?? 30_000) : null,
    };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  clear(): number {
    const count = this.faults.length;
    this.faults = [];
    return count;
  }

  /** First fault matching the request, consumed once. */
  private take(method: string, path: string): Fault | null {
    const fault = this.faults.find(
      (candidate) => path.startsWith(candidate.path) && (candidate.method === null || candidate.method === method),
    );
    if (!fault) return null;
    fault.times--;
    if (fault.times <= 0) this.faults = this.faults.filter((candidate) => candidate !== fault);
    return fault;
  }

  middleware(v3ErrorsAsArray: () => boolean): RequestHandler {
    return (req, res, next) => {
      if (!/^\/v[23](\/|$)/.test(req.path)) {
        next();
        return;
      }
      const fault = this.take(req.method, req.path);
      if (!fault) {
        next();
        return;
      }
      const version = req.path.startsWith('/v2') ? 'v2' : 'v3';
      switch (fault.kind) {
        case 'network':
          // The client sees the connection reset with no answer at all.
          req.socket.destroy();
          return;
        case 'slow': {
          // Hold the request, then let it through. A client timeout (or close()) drops the socket and the timer.
          const timer = setTimeout(next, fault.delayMs ?? 30_000);
          res.on('close', () => clearTimeout(timer));
          return;
        }
        case 'malformed':
          res
            .status(200)
            .type('application/json')
            .send('{"resources":[{"id":36000051006608,"clean_description":"Carref');
          return;
        case 'rate_limit':
          if (fault.retryAfterSeconds !== null) res.setHeader('Retry-After', String(fault.retryAfterSeconds));
          res.status(429).json(errorBody(version, errors.tooManyRequests('Too many requests'), v3ErrorsAsArray()));
          return;
        case 'status':
          switch (fault.status) {
            case 502:
              // What a proxy in front of the API answers: HTML, not JSON.
              res
                .status(502)
                .type('text/html')
                .send(
                  '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n',
                );
              return;
            case 504:
              res.status(504).end();
              return;
            case 503:
              res.status(503).json(errorBody(version, errors.unavailable(), v3ErrorsAsArray()));
              return;
            case null: // a 'status' fault always has one (checked when it is added)
            default:
              res.status(500).json(errorBody(version, errors.internal(), v3ErrorsAsArray()));
              return;
          }
      }
    };
  }
}
