import { ERROR_CODES, type ErrorCode, type ErrorCodeWithStatus, type ErrorParams } from './error-codes.js';

/**
 * Domain errors: services throw these, one filter maps them to HTTP (common/filters/domain-exception.filter.ts).
 * Messages are written for the person who reads them: they say what is wrong and, when useful, what to do. Each
 * carries a stable code of the table (common/errors/error-codes.ts), which gives its status and its French message,
 * and the request field at fault when there is one.
 */
export abstract class DomainError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field: string | null = null,
    readonly params: ErrorParams = {},
  ) {
    super(message);
    this.status = ERROR_CODES[code].status;
  }
}

/** The resources a NotFoundError names, with their codes. */
const NOT_FOUND_CODES = {
  Company: 'company.not_found',
  User: 'user.not_found',
  'Bank account': 'bank_account.not_found',
  Statement: 'statement.not_found',
  'Statement line': 'statement_line.not_found',
  Entry: 'entry.not_found',
  'Counterpart rule': 'counterpart_rule.not_found',
  'Fiscal year': 'fiscal_year.not_found',
  'Bridge configuration': 'bridge_config.not_found',
  'Back-office account': 'admin_account.not_found',
  'API key': 'api_key.not_found',
} as const satisfies Record<string, ErrorCodeWithStatus<404>>;

export type NotFoundResource = keyof typeof NOT_FOUND_CODES;

export class NotFoundError extends DomainError {
  /** `field` names the body field that referenced the missing resource, if any. */
  constructor(resource: NotFoundResource, id: number | string, field?: string) {
    super(NOT_FOUND_CODES[resource], `${field ? `${field}: ` : ''}${resource} ${id} not found`, field ?? null);
  }
}

/** Bad input that passed the DTO checks but breaks a rule; `field` is named in the message. */
export class InvalidInputError extends DomainError {
  declare readonly field: string;
  constructor(code: ErrorCodeWithStatus<400 | 413>, field: string, message: string) {
    super(code, `${field}: ${message}`, field);
  }
}

/** A request that breaks its DTO's rules (ValidationPipe, route parameters): `message` names the field(s) already. */
export class RequestValidationError extends DomainError {
  declare readonly field: string;
  constructor(code: ErrorCodeWithStatus<400>, field: string, message: string) {
    super(code, message, field);
  }
}

/** The request conflicts with the stored state; `field`, when given, is the one at fault (already named in the message). */
export class ConflictError extends DomainError {
  constructor(code: ErrorCodeWithStatus<409>, message: string, field?: string) {
    super(code, message, field ?? null);
  }
}

export class ForbiddenError extends DomainError {
  constructor(code: ErrorCodeWithStatus<403>, message: string, field?: string) {
    super(code, message, field ?? null);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(code: ErrorCodeWithStatus<401>, message: string) {
    super(code, message);
  }
}

/** The request is well-formed but cannot be processed as sent (an Idempotency-Key reused for another request). */
export class UnprocessableError extends DomainError {
  constructor(code: ErrorCodeWithStatus<422>, message: string, field?: string) {
    super(code, message, field ?? null);
  }
}
