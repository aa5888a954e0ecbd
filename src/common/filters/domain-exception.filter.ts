import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';

import { BridgeError, BridgeRateLimitedError, BridgeUnavailableError } from '../../bridge/bridge.errors.js';
import { DatabaseLockTimeoutError } from '../../database/db-lock.js';
import { DatabaseBusyError } from '../../database/mysql-pool.js';
import { DomainError } from '../errors/domain-errors.js';
import { ERROR_CODES, type ErrorCode, type ErrorParams } from '../errors/error-codes.js';

export interface ErrorBody {
  statusCode: number;
  error: string;
  /** The stable code of common/errors/error-codes.ts. */
  code: ErrorCode;
  message: string;
  /** The request field at fault, null when the error concerns no single field. */
  field: string | null;
}

// Waits suggested when the cause does not say: Bridge's per-user rate limit is counted over 60 s; an outage or a
// sync holding the lock usually passes within seconds.
export const RATE_LIMIT_RETRY_SECONDS = 60;
export const UNAVAILABLE_RETRY_SECONDS = 30;
export const LOCK_RETRY_SECONDS = 10;
// Every pooled connection was busy for the whole acquire timeout: a short wait is usually enough.
export const DATABASE_BUSY_RETRY_SECONDS = 5;

/** The one place where errors become HTTP answers `{ statusCode, error, code, message, field }`. */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(DomainExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, code, message, field } = describeError(exception);
    if (status >= 500) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    const retryAfter = retryAfterSeconds(exception);
    if (retryAfter !== null) {
      response.setHeader('Retry-After', String(retryAfter));
    }
    response
      .status(status)
      .json({ statusCode: status, error: reasonPhrase(status), code, message, field } satisfies ErrorBody);
  }
}

/** What an error means for its caller: status, code, English message, field, and the placeholders of its French message. */
export interface DescribedError {
  status: number;
  code: ErrorCode;
  message: string;
  field: string | null;
  params: ErrorParams;
}

// The codes of Nest's own HTTP exceptions (unknown routes, guards, body limits), by status.
const HTTP_EXCEPTION_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: 'request.invalid',
  [HttpStatus.UNAUTHORIZED]: 'api_key.missing',
  [HttpStatus.FORBIDDEN]: 'access.forbidden',
  [HttpStatus.NOT_FOUND]: 'route.not_found',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'request.too_large',
};

/** Maps any error to its code; the REST filter and the back-office both read errors through it. */
export function describeError(exception: unknown): DescribedError {
  if (exception instanceof DomainError) {
    return {
      status: exception.status,
      code: exception.code,
      message: exception.message,
      field: exception.field,
      params: exception.params,
    };
  }
  if (exception instanceof BridgeError) {
    return {
      status: exception.httpStatus,
      code: exception.code,
      message: exception.message,
      field: null,
      params: exception.params,
    };
  }
  if (exception instanceof DatabaseBusyError) {
    return described('database.busy', exception.message);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const payload = exception.getResponse();
    const message =
      typeof payload === 'string'
        ? payload
        : Array.isArray((payload as { message?: unknown }).message)
          ? (payload as { message: string[] }).message.join('; ')
          : String((payload as { message?: unknown }).message ?? exception.message);
    const code = HTTP_EXCEPTION_CODES[status] ?? (status < 500 ? 'request.invalid' : 'internal_error');
    return { status, code, message, field: null, params: {} };
  }
  if (exception instanceof QueryFailedError && isUniqueViolation(exception)) {
    return described('unique.violation', 'This record already exists (a unique value is already used)');
  }
  return described('internal_error', 'Internal server error: the operation was not completed; see the server log');
}

function described(code: ErrorCode, message: string): DescribedError {
  return { status: ERROR_CODES[code].status, code, message, field: null, params: {} };
}

/** When the caller may try again, in seconds: every "try again later" answer says it (RFC 9110 Retry-After). */
function retryAfterSeconds(exception: unknown): number | null {
  if (exception instanceof BridgeRateLimitedError) {
    return exception.retryAfterSeconds !== null && exception.retryAfterSeconds > 0
      ? exception.retryAfterSeconds
      : RATE_LIMIT_RETRY_SECONDS;
  }
  if (exception instanceof BridgeUnavailableError) {
    return UNAVAILABLE_RETRY_SECONDS;
  }
  if (exception instanceof DatabaseLockTimeoutError) {
    return LOCK_RETRY_SECONDS;
  }
  if (exception instanceof DatabaseBusyError) {
    return DATABASE_BUSY_RETRY_SECONDS;
  }
  return null;
}

function reasonPhrase(statusCode: number): string {
  const name = HttpStatus[statusCode];
  return name
    ? name
        .toLowerCase()
        .split('_')
        .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
        .join(' ')
    : 'Error';
}

export function isUniqueViolation(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string; errno?: number } }).driverError;
  return (
    driverError?.code === 'ER_DUP_ENTRY' ||
    driverError?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    driverError?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/** The row names a parent that does not exist (MariaDB and SQLite, whose foreign keys TypeORM switches on). */
export function isForeignKeyViolation(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string } }).driverError;
  return driverError?.code === 'ER_NO_REFERENCED_ROW_2' || driverError?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
