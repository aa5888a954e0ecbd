/**
 * Bridge error bodies. v2 (2021-06-01): `{type, message, documentation_url: null}`. v3 (2025-01-15):
 * `{code, message, property?}`, or `{errors: [...]}` with the v3ErrorsAsArray quirk. Only `conflict` (v2) and
 * `invalid_client_credentials` (v3) are documented values; the others follow the same style (BRIDGE-API.md §1.3).
 */
import type { Response } from 'express';

export type ApiVersion = 'v2' | 'v3';

export class BridgeApiError extends Error {
  constructor(
    readonly status: number,
    /** v3 `code`. */
    readonly code: string,
    /** v2 `type`. */
    readonly type: string,
    message: string,
    /** v3 `property`: the field, query parameter or header at fault. */
    readonly property?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const errors = {
  invalidClient: () =>
    new BridgeApiError(401, 'invalid_client_credentials', 'unauthorized', 'client_id and client_secret are invalid'),
  invalidToken: (why = 'The access token is invalid or expired') =>
    new BridgeApiError(401, 'invalid_access_token', 'unauthorized', why),
  /** Legacy v2 e-mail/password refused. */
  invalidUserCredentials: (message: string) => new BridgeApiError(401, 'invalid_credentials', 'unauthorized', message),
  invalidVersion: (header: string, expected: string) =>
    new BridgeApiError(
      400,
      'invalid_bridge_version',
      'invalid_request',
      `${header} header must be ${expected}`,
      header,
    ),
  invalidBody: (property: string, message: string) =>
    new BridgeApiError(400, 'invalid_body_content', 'invalid_request', `${property}: ${message}`, property),
  invalidQuery: (property: string, message: string) =>
    new BridgeApiError(400, 'invalid_query_parameter', 'invalid_request', `${property}: ${message}`, property),
  notFound: (message: string) => new BridgeApiError(404, 'not_found', 'not_found', message),
  conflict: (message: string) => new BridgeApiError(409, 'conflict', 'conflict', message),
  unsupportedMediaType: () =>
    new BridgeApiError(
      415,
      'unsupported_media_type',
      'unsupported_media_type',
      'Content-Type must be application/json',
    ),
  /** Malformed JSON: 422 on v2 (documented), 400 on v3. */
  malformedJson: (version: ApiVersion) =>
    version === 'v2'
      ? new BridgeApiError(422, 'invalid_body_content', 'unprocessable_entity', 'The request body is not valid JSON')
      : new BridgeApiError(400, 'invalid_body_content', 'invalid_request', 'The request body is not valid JSON'),
  tooManyRequests: (message: string, retryAfterSeconds?: number) =>
    new BridgeApiError(
      429,
      'too_many_requests',
      'too_many_requests',
      message,
      undefined,
      retryAfterSeconds !== undefined ? { 'Retry-After': String(retryAfterSeconds) } : {},
    ),
  internal: (message = 'Internal server error') =>
    new BridgeApiError(500, 'internal_server_error', 'internal_error', message),
  unavailable: () =>
    new BridgeApiError(503, 'service_unavailable', 'service_unavailable', 'Service temporarily unavailable'),
};

export function errorBody(version: ApiVersion, error: BridgeApiError, v3ErrorsAsArray: boolean): unknown {
  if (version === 'v2') {
    return { type: error.type, message: error.message, documentation_url: null };
  }
  const flat = { code: error.code, message: error.message, ...(error.property ? { property: error.property } : {}) };
  return v3ErrorsAsArray ? { errors: [flat] } : flat;
}

export function sendBridgeError(
  res: Response,
  version: ApiVersion,
  error: BridgeApiError,
  v3ErrorsAsArray: boolean,
): void {
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  res.status(error.status).json(errorBody(version, error, v3ErrorsAsArray));
}
