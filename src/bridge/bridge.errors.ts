/**
 * Typed failures of the Bridge client. Each message says what happened and what a person can do about it;
 * none carries a secret, a password or a token.
 */
export abstract class BridgeError extends Error {
  /** HTTP status the product answers with when this error reaches the API. */
  abstract readonly httpStatus: number;
}

/** Client id/secret refused: the Bridge configuration must be corrected. */
export class BridgeAuthenticationError extends BridgeError {
  readonly httpStatus = 502;
}

/** Bridge keeps answering 429 beyond the waiting budget. */
export class BridgeRateLimitedError extends BridgeError {
  readonly httpStatus = 503;
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
}

/** The configuration points at a host this server does not allow as Bridge: nothing was sent. */
export class BridgeOriginNotAllowedError extends BridgeError {
  readonly httpStatus = 409;
}

/** One field of a Bridge answer cannot be read or stored: named, with what was wrong, so a changed answer is reported clearly. */
export class BridgeFieldError extends BridgeUnavailableError {
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
}

/** Bridge refused the request (4xx): Bridge's own code/type and message are kept. */
export class BridgeRequestError extends BridgeError {
  readonly httpStatus = 502;
  constructor(
    readonly status: number,
    readonly code: string | null,
    readonly bridgeMessage: string,
    readonly property: string | null = null,
  ) {
    super(`Bridge refused the request (HTTP ${status}${code ? `, ${code}` : ''}${property ? ` on ${property}` : ''}): ${bridgeMessage}`);
  }
}

/** The bank connection (item) needs the user: SCA, new credentials, an action at the bank, or pro validation. */
export class BridgeItemActionRequiredError extends BridgeError {
  readonly httpStatus = 409;
  constructor(
    readonly itemId: number,
    readonly itemStatus: number,
    readonly statusCodeInfo: string | null,
    message: string,
  ) {
    super(message);
  }
}
