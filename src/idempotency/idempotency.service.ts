import { createHash } from 'node:crypto';

import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, type Repository } from 'typeorm';

import { Clock } from '../common/clock/clock.js';
import { SecretCipher } from '../common/crypto/secret-cipher.js';
import { ConflictError, RequestValidationError, UnprocessableError } from '../common/errors/domain-errors.js';
import { isUniqueViolation } from '../common/filters/domain-exception.filter.js';
import { IdempotencyRecord } from './idempotency-record.entity.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_RETENTION_MS = 24 * 3_600_000;
// Printable ASCII, 1 to 255 characters (a UUID, a ULID, an ERP's own document number...).
const VALID_KEY = /^[\x20-\x7e]{1,255}$/;

export interface IdempotentRequest {
  apiKeyId: number;
  key: string;
  method: string;
  path: string;
  body: unknown;
}

/** What to do with a request: run it (holding the record), or replay the stored answer. */
export type IdempotencyDecision = { kind: 'run'; recordId: number } | { kind: 'replay'; status: number; body: unknown };

/** docs/rules.md#idempotency-key */
@Injectable()
export class IdempotencyService {
  private readonly logger = new Logger(IdempotencyService.name);

  constructor(
    @InjectRepository(IdempotencyRecord) private readonly records: Repository<IdempotencyRecord>,
    private readonly cipher: SecretCipher,
    private readonly clock: Clock,
  ) {}

  /** Validates a presented header value (undefined when absent); throws 400 `idempotency_key.invalid`. */
  static checkKey(value: string | string[] | undefined): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !VALID_KEY.test(value) || value.trim() === '') {
      throw new RequestValidationError(
        'idempotency_key.invalid',
        IDEMPOTENCY_HEADER,
        `${IDEMPOTENCY_HEADER}: send 1 to 255 printable ASCII characters, once`,
      );
    }
    return value;
  }

  /**
   * Takes the (caller, key) for this request, or answers the stored result. The unique key decides between
   * concurrent requests, on one instance or several.
   */
  async begin(request: IdempotentRequest): Promise<IdempotencyDecision> {
    const requestHash = hashRequest(request);
    const where = { apiKeyId: request.apiKeyId, key: request.key };
    // A replay is the common case of a known key: read first, so that it does not go through a failed insert.
    const known = await this.records.findOneBy(where);
    if (known) return this.replayOf(known, requestHash);
    try {
      const saved = await this.records.save(
        this.records.create({ ...where, requestHash, status: null, response: null, createdAt: this.clock.now() }),
      );
      return { kind: 'run', recordId: saved.id };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const existing = await this.records.findOneBy(where);
    if (!existing) {
      // The first request failed and released the key in between: the caller may simply retry.
      throw new ConflictError(
        'idempotency_key.in_progress',
        `${IDEMPOTENCY_HEADER}: a request with this key has just ended without an answer to replay; retry it`,
        IDEMPOTENCY_HEADER,
      );
    }
    return this.replayOf(existing, requestHash);
  }

  /** The stored answer of an earlier request with the same key, if it was the same request and it has answered. */
  private replayOf(existing: IdempotencyRecord, requestHash: string): IdempotencyDecision {
    if (existing.requestHash !== requestHash) {
      throw new UnprocessableError(
        'idempotency_key.reused',
        `${IDEMPOTENCY_HEADER}: this key was already used for another request (method, path or body differ); use a new key`,
        IDEMPOTENCY_HEADER,
      );
    }
    if (existing.status === null || existing.response === null) {
      throw new ConflictError(
        'idempotency_key.in_progress',
        `${IDEMPOTENCY_HEADER}: a request with this key is still running; retry once it has answered`,
        IDEMPOTENCY_HEADER,
      );
    }
    const { body } = JSON.parse(this.cipher.decrypt(existing.response)) as { body: unknown };
    return { kind: 'replay', status: existing.status, body };
  }

  /** Stores the answer of a request that succeeded. */
  async complete(recordId: number, status: number, body: unknown): Promise<void> {
    const response = this.cipher.encrypt(JSON.stringify({ body: body ?? null }));
    await this.records.update({ id: recordId, status: IsNull() }, { status, response });
  }

  /** A request that failed did nothing (a failure leaves the data as it was): the key is freed for a retry. */
  async release(recordId: number): Promise<void> {
    await this.records.delete({ id: recordId, status: IsNull() });
  }

  async purgeOlderThan(cutoff: Date): Promise<number> {
    const result = await this.records.delete({ createdAt: LessThan(cutoff) });
    const removed = result.affected ?? 0;
    this.logger.debug(`Idempotency purge removed ${removed} record(s) older than ${cutoff.toISOString()}`);
    return removed;
  }
}

function hashRequest(request: IdempotentRequest): string {
  return createHash('sha256')
    .update(`${request.method.toUpperCase()} ${request.path}\n${canonicalJson(request.body ?? null)}`, 'utf8')
    .digest('hex');
}

/** JSON with the objects' keys sorted: the same body sent with its fields in another order is the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
