import type { OpenAPIObject } from '@nestjs/swagger';

import { ERROR_CODES, type ErrorCode } from '../errors/error-codes.js';
import { ERROR_CODES_EXTENSION } from './api-schema.js';

type Json = Record<string, unknown>;
type Operation = {
  operationId?: string;
  parameters?: Json[];
  requestBody?: { content?: Record<string, { schema?: Json }> };
  responses: Record<string, unknown>;
  security?: unknown[];
  [ERROR_CODES_EXTENSION]?: ErrorCode[];
};

export const OPERATION_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Codes any operation with an API key may answer. */
const AUTHENTICATED_CODES: ErrorCode[] = ['api_key.missing', 'api_key.invalid', 'database.busy'];
/** Codes any operation with parameters or a body may answer. */
const INPUT_CODES: ErrorCode[] = ['validation.failed'];
/** Codes any POST with an API key may answer, through its `Idempotency-Key` header. */
const IDEMPOTENT_CODES: ErrorCode[] = [
  'idempotency_key.invalid',
  'idempotency_key.in_progress',
  'idempotency_key.reused',
];
const IDEMPOTENCY_HEADER: Json = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Sent again with the same body, the same key gets the first answer back (`Idempotent-Replayed: true`) and nothing is done twice; kept 24 h',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};
/** Codes any operation with a JSON body may answer. */
const BODY_CODES: ErrorCode[] = ['request.invalid', 'request.too_large'];

export const ERROR_SCHEMA_REF = '#/components/schemas/ErrorResponse';

/**
 * The document-wide rules of the API contract, applied once the document is built from the decorators:
 * - the base path is a server (`servers: /api/v1`); a route outside it (`/health`) carries its own server;
 * - every number of this API is an integer (amounts are decimal strings): `type: number` becomes `integer`;
 * - each operation answers, per 4xx/5xx status, an ErrorResponse whose `code` is the enum of the codes it may send
 *   (its own, from @ApiErrors, and the common ones), listed again in `x-error-codes`; `default` stays for the rest;
 * - the body of a PATCH has no `default`: an omitted field is left unchanged, not reset;
 * - every POST with an API key takes an optional `Idempotency-Key` header (src/idempotency).
 */
export function applyContractRules(document: OpenAPIObject, apiPrefix: string): OpenAPIObject {
  document.servers = [{ url: `/${apiPrefix}`, description: 'This service' }];
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, item] of Object.entries(document.paths)) {
    const prefix = `/${apiPrefix}`;
    if (path.startsWith(`${prefix}/`) || path === prefix) {
      paths[path.slice(prefix.length) || '/'] = item as Record<string, unknown>;
    } else {
      paths[path] = { ...(item as Record<string, unknown>), servers: [{ url: '/', description: 'Outside /api/v1' }] };
    }
  }
  document.paths = paths;

  for (const item of Object.values(paths)) {
    for (const method of OPERATION_METHODS) {
      const operation = item[method] as Operation | undefined;
      if (!operation) continue;
      if (method === 'post' && operation.security?.length) idempotent(operation);
      documentErrors(operation);
      if (method === 'patch') withoutDefaults(document, operation);
    }
  }
  integers(document.paths);
  integers(document.components?.schemas);
  return document;
}

function idempotent(operation: Operation): void {
  operation.parameters = [...(operation.parameters ?? []), IDEMPOTENCY_HEADER];
  operation[ERROR_CODES_EXTENSION] = [...(operation[ERROR_CODES_EXTENSION] ?? []), ...IDEMPOTENT_CODES];
}

function documentErrors(operation: Operation): void {
  const codes = new Set<ErrorCode>(operation[ERROR_CODES_EXTENSION] ?? []);
  if (operation.security?.length) AUTHENTICATED_CODES.forEach((code) => codes.add(code));
  const hasBody = Boolean(operation.requestBody?.content?.['application/json']);
  if (hasBody || operation.parameters?.length) INPUT_CODES.forEach((code) => codes.add(code));
  if (hasBody) BODY_CODES.forEach((code) => codes.add(code));
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of [...codes].sort()) {
    const status = ERROR_CODES[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, unknown> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: list.map((code) => `\`${code}\`: ${ERROR_CODES[code].summary}`).join('\n\n'),
      content: {
        'application/json': {
          schema: {
            allOf: [
              { $ref: ERROR_SCHEMA_REF },
              { type: 'object', required: ['code'], properties: { code: { type: 'string', enum: list } } },
            ],
          },
        },
      },
    };
  }
  operation[ERROR_CODES_EXTENSION] = [...codes].sort();
  // The success answers first, then the errors by status, then `default`.
  const { default: fallback, ...declared } = operation.responses;
  operation.responses = {
    ...declared,
    ...responses,
    default: fallback ?? {
      description: 'An error; `code` says which (see ErrorResponse)',
      content: { 'application/json': { schema: { $ref: ERROR_SCHEMA_REF } } },
    },
  };
}

function withoutDefaults(document: OpenAPIObject, operation: Operation): void {
  const ref = operation.requestBody?.content?.['application/json']?.schema?.$ref;
  if (typeof ref !== 'string') return;
  const schema = document.components?.schemas?.[ref.split('/').pop()!] as
    { properties?: Record<string, Json> } | undefined;
  for (const property of Object.values(schema?.properties ?? {})) delete property.default;
}

/** Every `type: number` without a format becomes `type: integer`, in schemas and parameters alike. */
function integers(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(integers);
  } else if (node && typeof node === 'object') {
    const object = node as Json;
    if (object.type === 'number' && object.format === undefined) object.type = 'integer';
    Object.values(object).forEach(integers);
  }
}
