import { describe, expect, it } from '@jest/globals';
import type { ArgumentsHost } from '@nestjs/common';

import { BridgeRequestError } from '../../bridge/bridge.errors.js';
import { DatabaseLockTimeoutError } from '../../database/db-lock.js';
import { ConflictError } from '../errors/domain-errors.js';
import { DomainExceptionFilter, LOCK_RETRY_SECONDS } from './domain-exception.filter.js';

function answer(exception: unknown): { status: number; headers: Record<string, string>; body: unknown } {
  const sent = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown };
  const response = {
    setHeader: (name: string, value: string) => (sent.headers[name.toLowerCase()] = value),
    status: (status: number) => ((sent.status = status), response),
    json: (body: unknown) => (sent.body = body),
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new DomainExceptionFilter().catch(exception, host);
  return sent;
}

describe(DomainExceptionFilter.name, () => {
  it('should tell when to come back after a lock that stayed held', () => {
    const sent = answer(new DatabaseLockTimeoutError('Could not take the database lock "sync-bank-account-1" within 120 s'));
    expect(sent.status).toBe(409);
    expect(sent.headers['retry-after']).toBe(String(LOCK_RETRY_SECONDS));
  });

  it('should not add Retry-After to refusals that waiting does not cure', () => {
    expect(answer(new ConflictError('Statement 1 is closed')).headers).toEqual({});
    expect(answer(new BridgeRequestError(400, 'invalid_body_content', 'bad')).headers).toEqual({});
  });
});
