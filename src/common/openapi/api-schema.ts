import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiExtension,
  ApiExtraModels,
  ApiOkResponse,
  ApiProperty,
  type ApiPropertyOptions,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';

import type { ErrorCode } from '../errors/error-codes.js';

/**
 * The decorators of the API contract (see docs/architecture.md, "The API contract"): what a DTO or a route declares so
 * that an ERP can generate a typed client from /api/docs. The document-wide rules are in ./api-document.ts.
 */

/** An amount: a decimal string, never a JSON number (see common/money/money.ts). */
export const MONEY_PATTERN = '^-?\\d{1,16}(\\.\\d{1,2})?$';

interface FieldOptions {
  description?: string;
  example?: unknown;
  /** `null` is a value of the field (OpenAPI 3.0 `nullable: true`, with the real type). */
  nullable?: boolean;
  /** Defaults to true; false for a field a request may leave out. */
  required?: boolean;
  /** Request DTOs only (never on a PATCH DTO, whose omitted fields stay unchanged). */
  default?: unknown;
}

function field(schema: ApiPropertyOptions, options: FieldOptions): PropertyDecorator {
  const { nullable, ...rest } = options;
  return ApiProperty({ ...schema, ...(nullable ? { nullable: true } : {}), ...rest } as ApiPropertyOptions);
}

/** An amount, "-1234.56". */
export function ApiMoney(options: FieldOptions = {}): PropertyDecorator {
  return field(
    { type: String, pattern: MONEY_PATTERN, example: '1520.35', description: 'Decimal string, e.g. "-1234.56"' },
    options,
  );
}

/** A calendar day, YYYY-MM-DD. */
export function ApiDay(options: FieldOptions = {}): PropertyDecorator {
  return field({ type: String, format: 'date', example: '2026-11-12' }, options);
}

/** An instant, ISO 8601 in UTC. */
export function ApiInstant(options: FieldOptions = {}): PropertyDecorator {
  return field({ type: String, format: 'date-time', example: '2026-11-12T09:30:00.000Z' }, options);
}

/** An id of this API (an integer). */
export function ApiId(options: FieldOptions = {}): PropertyDecorator {
  return field({ type: 'integer', minimum: 1, example: 1 }, options);
}

/** A string that can be null (a union type reflects as Object: the type must be said). */
export function ApiText(options: FieldOptions & { maxLength?: number } = {}): PropertyDecorator {
  return field({ type: String }, options);
}

/** A whole number: counts, years, priorities. */
export function ApiInteger(options: FieldOptions & { minimum?: number; maximum?: number } = {}): PropertyDecorator {
  return field({ type: 'integer' }, options);
}

const pages = new Map<Type, Type>();

/** The name of an item's page schema: StatementLineResponse → StatementLinePage. */
function pageName(item: Type): string {
  return `${item.name.replace(/(Response|Dto)$/, '')}Page`;
}

/**
 * The page of a list, as common/pagination/page.ts answers it: `{ items, total, limit, offset }`. One class per item
 * type, named after it, so that every list has its own schema in the document.
 */
export function pageOf(item: Type, options: { keyset?: boolean } = {}): Type {
  let page = pages.get(item);
  if (!page) {
    class Page {}
    Object.defineProperty(Page, 'name', { value: pageName(item) });
    ApiProperty({ type: [item], description: 'This page of the list' })(Page.prototype, 'items');
    ApiProperty({ type: 'integer', minimum: 0, description: 'How many items the whole list holds' })(
      Page.prototype,
      'total',
    );
    ApiProperty({ type: 'integer', minimum: 1, description: 'The page size used' })(Page.prototype, 'limit');
    ApiProperty({ type: 'integer', minimum: 0, description: 'How many items were skipped' })(Page.prototype, 'offset');
    if (options.keyset) {
      ApiProperty({
        type: String,
        nullable: true,
        description: 'Send as `after` for the next page (the same cost at any depth); null on the last page',
      })(Page.prototype, 'nextCursor');
    }
    page = Page;
    pages.set(item, page);
  }
  return page;
}

/** A GET that answers a page of `item`. */
export function ApiPage(item: Type, options: { keyset?: boolean } = {}): MethodDecorator {
  return applyDecorators(ApiExtraModels(item), ApiOkResponse({ type: pageOf(item, options) }));
}

/**
 * The error codes an operation answers besides the ones every operation may (api-document.ts adds those: missing key,
 * invalid input, busy database). The document groups them by HTTP status, each status with the enum of its codes.
 */
export function ApiErrors(...codes: ErrorCode[]): MethodDecorator {
  return ApiExtension(ERROR_CODES_EXTENSION, codes) as MethodDecorator;
}

export const ERROR_CODES_EXTENSION = 'x-error-codes';

/**
 * An answer that is one of several shapes told apart by `status` (`oneOf` with a discriminator): each variant is a
 * class whose `status` is a one-value enum.
 */
export function ApiOneOfByStatus(
  httpStatus: number,
  variants: Record<string, Type>,
  description?: string,
): MethodDecorator {
  const mapping = Object.fromEntries(Object.entries(variants).map(([value, type]) => [value, getSchemaPath(type)]));
  return applyDecorators(
    ApiExtraModels(...Object.values(variants)),
    ApiResponse({
      status: httpStatus,
      description: description ?? `One of: ${Object.keys(variants).join(', ')} (told apart by status)`,
      schema: {
        oneOf: Object.values(variants).map((type) => ({ $ref: getSchemaPath(type) })),
        discriminator: { propertyName: 'status', mapping },
      },
    }),
  );
}

/** A download: the body is the file, in one of these media types (`format: binary`, read as text or a blob). */
export function ApiFile(...mediaTypes: string[]): MethodDecorator {
  return ApiOkResponse({
    description: 'The file, as an attachment',
    content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
  });
}
