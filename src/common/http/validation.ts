import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';

import { RequestValidationError } from '../errors/domain-errors.js';
import type { ErrorCodeWithStatus } from '../errors/error-codes.js';

// Keys that class-transformer drops silently: refused by name instead, like any unknown field.
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

/**
 * Flattens class-validator errors into "field: reason" strings, nested fields as "parent.child". A field reports one
 * reason: the first rule it breaks in the order the DTO declares them (type rules come first there), so that `null`
 * reads "must be a non-empty string", not whichever length rule happened to run first.
 */
export function describeValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    // class-validator runs (and records) a property's rules bottom-up: the last recorded is the first declared.
    const reasons = Object.values(error.constraints ?? {});
    const own = reasons.length > 0 ? [`${path}: ${reasons[reasons.length - 1]}`] : [];
    return [...own, ...describeValidationErrors(error.children ?? [], path)];
  });
}

// Rules whose failure has a code of its own; any other rule answers `validation.failed`.
const CONSTRAINT_CODES: Partial<Record<string, ErrorCodeWithStatus<400>>> = {
  isIban: 'iban.invalid',
  isBic: 'bic.invalid',
  isSiren: 'siren.invalid',
};

/** The first field at fault (the first reported by describeValidationErrors) and the rule it breaks. */
export function firstValidationFailure(
  errors: ValidationError[],
  parent = '',
): { field: string; constraint: string } | null {
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const constraints = Object.keys(error.constraints ?? {});
    const first = constraints[constraints.length - 1];
    if (first !== undefined) return { field: path, constraint: first };
    const child = firstValidationFailure(error.children ?? [], path);
    if (child) return child;
  }
  return null;
}

/** The error the ValidationPipe throws: every failure in the message, the first one's field and code. */
export function validationFailure(errors: ValidationError[]): RequestValidationError {
  const first = firstValidationFailure(errors);
  return new RequestValidationError(
    (first && CONSTRAINT_CODES[first.constraint]) ?? 'validation.failed',
    first?.field ?? 'body',
    describeValidationErrors(errors).join('; '),
  );
}

/** Strict input validation: unknown fields are refused by name, values are converted to the DTO types. */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if ((metadata.type === 'body' || metadata.type === 'query') && isDto(metadata.metatype)) {
      // No body at all: the fields it lacks are named, as for an empty object.
      if (value === undefined) {
        return super.transform({}, metadata);
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new RequestValidationError('validation.failed', metadata.type, `${metadata.type}: must be a JSON object`);
      }
      const forbidden = Object.keys(value).find((key) => PROTOTYPE_KEYS.includes(key));
      if (forbidden) {
        throw new RequestValidationError(
          'validation.failed',
          forbidden,
          `${forbidden}: property ${forbidden} should not exist`,
        );
      }
    }
    return super.transform(value, metadata);
  }
}

function isDto(metatype: ArgumentMetadata['metatype']): boolean {
  return typeof metatype === 'function' && ![String, Boolean, Number, Array, Object].includes(metatype as never);
}

export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: validationFailure,
  });
}
