import type { ErrorCode, ErrorParams } from '../common/errors/error-codes.js';

/**
 * Typed failures of the Bridge client. Each message says what happened and what a person can do about it;
 * none carries a secret, a password or a token.
 */
export abstract class BridgeError extends Error {
  /** HTTP status the product answers with when this error reaches the API. */
  abstract readonly httpStatus: number;
  /** Its stable code (common/errors/error-codes.ts). */
  abstract readonly code: ErrorCode;
  /** Values for the placeholders of the code's French message. */
  get params(): ErrorParams {
    return {};
  }
}

/** Client id/secret refused: the Bridge configuration must be corrected. */
export class BridgeAuthenticationError extends BridgeError {
  readonly httpStatus = 502;
  readonly code: ErrorCode = 'bridge.authentication_failed';
}

/** Bridge keeps answering 429 beyond the waiting budget. */
export class BridgeRateLimitedError extends BridgeError {
  readonly httpStatus = 503;
  readonly code: ErrorCode = 'bridge.rate_limited';
  constructor(
    message: string,
    readonly retryAfterSeconds: number | null,
  ) {
    super(message);
  }
}

/** Bridge did not answer usefully (5xx, network error, timeout, malformed answer) after the retries. */
export class BridgeUnavailableError extends BridgeError {
  readonly httpStatus = 503;
  readonly code: ErrorCode = 'bridge.unavailable';
}

/** The configuration points at a host this server does not allow as Bridge: nothing was sent. */
export class BridgeOriginNotAllowedError extends BridgeError {
  readonly httpStatus = 409;
  readonly code: ErrorCode = 'bridge.origin_not_allowed';
}

/** One field of a Bridge answer cannot be read or stored: named, with what was wrong, so a changed answer is reported clearly. */
export class BridgeFieldError extends BridgeUnavailableError {
  override readonly code: ErrorCode = 'bridge.unexpected_answer';
  constructor(
    readonly field: string,
    /** What is wrong, e.g. `is "hier", not a calendar date YYYY-MM-DD`. */
    readonly reason: string,
  ) {
    super(`Bridge sent an unexpected answer: "${field}" ${reason}`);
  }
}

/** Bridge sent operations the service cannot store (no usable row in a page): nothing of them is stored. */
export class BridgeDataError extends BridgeError {
  readonly httpStatus = 502;
  readonly code: ErrorCode = 'bridge.invalid_data';
}

/** Bridge refused the request (4xx): Bridge's own code/type and message are kept. */
export class BridgeRequestError extends BridgeError {
  readonly httpStatus = 502;
  readonly code: ErrorCode = 'bridge.request_refused';
  constructor(
    readonly status: number,
    /** Bridge's own code or type, e.g. `invalid_body_content`. */
    readonly bridgeCode: string | null,
    readonly bridgeMessage: string,
    readonly property: string | null = null,
  ) {
    super(
      `Bridge refused the request (HTTP ${status}${bridgeCode ? `, ${bridgeCode}` : ''}${property ? ` on ${property}` : ''}): ${bridgeMessage}`,
    );
  }

  override get params() {
    return { status: this.status };
  }
}

/** The bank connection (item) needs the user: SCA, new credentials, an action at the bank, or pro validation. */
export class BridgeItemActionRequiredError extends BridgeError {
  readonly httpStatus = 409;
  readonly code: ErrorCode = 'bridge.item_action_required';
  constructor(
    readonly itemId: number,
    readonly itemStatus: number,
    readonly statusCodeInfo: string | null,
    message: string,
  ) {
    super(message);
  }
}
