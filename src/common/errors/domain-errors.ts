/**
 * Domain errors: services throw these, one filter maps them to HTTP (common/filters/domain-exception.filter.ts).
 * Messages are written for the person who reads them: they say what is wrong and, when useful, what to do.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  /** `field` names the body field that referenced the missing resource, if any. */
  constructor(resource: string, id: number | string, field?: string) {
    super(`${field ? `${field}: ` : ''}${resource} ${id} not found`);
  }
}

/** Bad input that passed the DTO checks but breaks a rule; `field` is named in the message. */
export class InvalidInputError extends DomainError {
  readonly status = 400;
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

export class ConflictError extends DomainError {
  readonly status = 409;
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
}

export class UnauthenticatedError extends DomainError {
  readonly status = 401;
}
