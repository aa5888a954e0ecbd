import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';

import { BridgeError, BridgeRateLimitedError, BridgeUnavailableError } from '../../bridge/bridge.errors.js';
import { DatabaseLockTimeoutError } from '../../database/db-lock.js';
import { DatabaseBusyError } from '../../database/mysql-pool.js';
import { DomainError } from '../errors/domain-errors.js';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

// Waits suggested when the cause does not say: Bridge's per-user rate limit is counted over 60 s; an outage or a
// sync holding the lock usually passes within seconds.
export const RATE_LIMIT_RETRY_SECONDS = 60;
export const UNAVAILABLE_RETRY_SECONDS = 30;
export const LOCK_RETRY_SECONDS = 10;
// Every pooled connection was busy for the whole acquire timeout: a short wait is usually enough.
export const DATABASE_BUSY_RETRY_SECONDS = 5;

/** The one place where errors become HTTP answers `{ statusCode, error, message }`. */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(DomainExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    const retryAfter = retryAfterSeconds(exception);
    if (retryAfter !== null) {
      response.setHeader('Retry-After', String(retryAfter));
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return build(exception.status, exception.message);
    }
    if (exception instanceof BridgeError) {
      return build(exception.httpStatus, exception.message);
    }
    if (exception instanceof DatabaseBusyError) {
      return build(HttpStatus.SERVICE_UNAVAILABLE, exception.message);
    }
    if (exception instanceof HttpException) {
      const payload = exception.getResponse();
      const message =
        typeof payload === 'string'
          ? payload
          : Array.isArray((payload as { message?: unknown }).message)
            ? ((payload as { message: string[] }).message).join('; ')
            : String((payload as { message?: unknown }).message ?? exception.message);
      return build(exception.getStatus(), message);
    }
    if (exception instanceof QueryFailedError && isUniqueViolation(exception)) {
      return build(HttpStatus.CONFLICT, 'This record already exists (a unique value is already used)');
    }
    return build(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error: the operation was not completed; see the server log');
  }
}

/** When the caller may try again, in seconds: every "try again later" answer says it (RFC 9110 Retry-After). */
function retryAfterSeconds(exception: unknown): number | null {
  if (exception instanceof BridgeRateLimitedError) {
    return exception.retryAfterSeconds !== null && exception.retryAfterSeconds > 0 ? exception.retryAfterSeconds : RATE_LIMIT_RETRY_SECONDS;
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

function build(statusCode: number, message: string): ErrorBody {
  return { statusCode, error: reasonPhrase(statusCode), message };
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
  return driverError?.code === 'ER_DUP_ENTRY' || driverError?.code === 'SQLITE_CONSTRAINT_UNIQUE' || driverError?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** The row names a parent that does not exist (MariaDB and SQLite, whose foreign keys TypeORM switches on). */
export function isForeignKeyViolation(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string } }).driverError;
  return driverError?.code === 'ER_NO_REFERENCED_ROW_2' || driverError?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
