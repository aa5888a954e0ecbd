import { describe, expect, it } from '@jest/globals';
import {
  type ArgumentsHost,
  BadRequestException,
  ForbiddenException,
  NotFoundException,
  PayloadTooLargeException,
} from '@nestjs/common';
import { QueryFailedError } from 'typeorm';

import { BridgeTokenRejectedError } from '../../bridge/bridge-http.js';
import {
  BridgeAuthenticationError,
  BridgeDataError,
  BridgeFieldError,
  BridgeItemActionRequiredError,
  BridgeOriginNotAllowedError,
  BridgeRateLimitedError,
  BridgeRequestError,
  BridgeUnavailableError,
} from '../../bridge/bridge.errors.js';
import { DatabaseLockTimeoutError } from '../../database/db-lock.js';
import { DatabaseBusyError } from '../../database/mysql-pool.js';
import { SyncInterruptedError } from '../../synchro/sync-errors.js';
import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  RequestValidationError,
  UnauthenticatedError,
  UnprocessableError,
} from '../errors/domain-errors.js';
import { ALL_ERROR_CODES, ERROR_CODES, type ErrorCode } from '../errors/error-codes.js';
import { DomainExceptionFilter, LOCK_RETRY_SECONDS } from './domain-exception.filter.js';

function answer(exception: unknown): {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
} {
  const sent = { status: 0, headers: {} as Record<string, string>, body: {} as Record<string, unknown> };
  const response = {
    setHeader: (name: string, value: string) => (sent.headers[name.toLowerCase()] = value),
    status: (status: number) => ((sent.status = status), response),
    json: (body: Record<string, unknown>) => (sent.body = body),
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new DomainExceptionFilter().catch(exception, host);
  return sent;
}

// One error of every kind the service throws, with the code and field the API must answer; together they cover every code.
const EXAMPLES: [string, unknown, ErrorCode, string | null][] = [
  [
    'RequestValidationError',
    new RequestValidationError('validation.failed', 'name', 'name: must be a non-empty string'),
    'validation.failed',
    'name',
  ],
  [
    'RequestValidationError (IBAN)',
    new RequestValidationError('iban.invalid', 'iban', 'iban: must be an IBAN'),
    'iban.invalid',
    'iban',
  ],
  [
    'RequestValidationError (BIC)',
    new RequestValidationError('bic.invalid', 'bic', 'bic: must be a BIC'),
    'bic.invalid',
    'bic',
  ],
  [
    'RequestValidationError (SIREN)',
    new RequestValidationError('siren.invalid', 'siren', 'siren: must be a SIREN'),
    'siren.invalid',
    'siren',
  ],
  ['BadRequestException', new BadRequestException('Unexpected token } in JSON'), 'request.invalid', null],
  ['PayloadTooLargeException', new PayloadTooLargeException('request entity too large'), 'request.too_large', null],
  [
    'InvalidInputError (dates)',
    new InvalidInputError('date_range.invalid', 'to', 'must come after from'),
    'date_range.invalid',
    'to',
  ],
  [
    'InvalidInputError (period)',
    new InvalidInputError('billing_period.invalid', 'period', 'must be a year'),
    'billing_period.invalid',
    'period',
  ],
  [
    'InvalidInputError (period not over)',
    new InvalidInputError('billing_period.not_over', 'period', 'not over'),
    'billing_period.not_over',
    'period',
  ],
  [
    'InvalidInputError (password)',
    new InvalidInputError('password.too_short', 'password', 'too short'),
    'password.too_short',
    'password',
  ],
  [
    'InvalidInputError (key)',
    new InvalidInputError('api_key.company_required', 'companyIds', 'needs a company'),
    'api_key.company_required',
    'companyIds',
  ],
  [
    'InvalidInputError (key companies)',
    new InvalidInputError('api_key.unknown_company', 'companyIds', 'unknown company id(s): 9'),
    'api_key.unknown_company',
    'companyIds',
  ],
  [
    'InvalidInputError (url)',
    new InvalidInputError('bridge_config.url_not_allowed', 'url', 'not allowed'),
    'bridge_config.url_not_allowed',
    'url',
  ],
  [
    'InvalidInputError (user company)',
    new InvalidInputError('user.other_company', 'userId', 'other company'),
    'user.other_company',
    'userId',
  ],
  [
    'InvalidInputError (user e-mail)',
    new InvalidInputError('user.email_missing', 'userId', 'no e-mail'),
    'user.email_missing',
    'userId',
  ],
  [
    'UnauthenticatedError (missing)',
    new UnauthenticatedError('api_key.missing', 'Missing API key'),
    'api_key.missing',
    null,
  ],
  [
    'UnauthenticatedError (invalid)',
    new UnauthenticatedError('api_key.invalid', 'Invalid or revoked API key'),
    'api_key.invalid',
    null,
  ],
  ['ForbiddenException', new ForbiddenException(), 'access.forbidden', null],
  [
    'ForbiddenError (subscription)',
    new ForbiddenError('subscription.editor_only', 'subscriptionActive: editor only', 'subscriptionActive'),
    'subscription.editor_only',
    'subscriptionActive',
  ],
  [
    'ForbiddenError (inactive subscription)',
    new ForbiddenError('subscription.inactive', 'not active'),
    'subscription.inactive',
    null,
  ],
  [
    'ForbiddenError (billing)',
    new ForbiddenError('billing.editor_only', 'Billing exports are for the editor'),
    'billing.editor_only',
    null,
  ],
  [
    'ForbiddenError (user)',
    new ForbiddenError('user.inactive', 'userId: user 1 is inactive', 'userId'),
    'user.inactive',
    'userId',
  ],
  [
    'ForbiddenError (configuration)',
    new ForbiddenError('bridge_config.inactive', 'inactive'),
    'bridge_config.inactive',
    null,
  ],
  [
    'ForbiddenError (shared configuration)',
    new ForbiddenError('bridge_config.out_of_scope', 'out of scope'),
    'bridge_config.out_of_scope',
    null,
  ],
  ['NotFoundException', new NotFoundException('Cannot GET /api/v1/nothing'), 'route.not_found', null],
  ['NotFoundError (company)', new NotFoundError('Company', 9, 'companyId'), 'company.not_found', 'companyId'],
  ['NotFoundError (line)', new NotFoundError('Statement line', 9), 'statement_line.not_found', null],
  ['NotFoundError (entry)', new NotFoundError('Entry', 9), 'entry.not_found', null],
  ['NotFoundError (rule)', new NotFoundError('Counterpart rule', 9), 'counterpart_rule.not_found', null],
  ['NotFoundError (fiscal year)', new NotFoundError('Fiscal year', 9), 'fiscal_year.not_found', null],
  [
    'InvalidInputError (lineIds)',
    new InvalidInputError('line_ids.unknown', 'lineIds', 'unknown'),
    'line_ids.unknown',
    'lineIds',
  ],
  [
    'InvalidInputError (regex)',
    new InvalidInputError('label_regex.invalid', 'labelRegex', 'bad'),
    'label_regex.invalid',
    'labelRegex',
  ],
  [
    'InvalidInputError (rule)',
    new InvalidInputError('rule.criteria_invalid', 'amountMax', 'low'),
    'rule.criteria_invalid',
    'amountMax',
  ],
  [
    'InvalidInputError (SIREN missing)',
    new InvalidInputError('siren.missing', 'siren', 'none'),
    'siren.missing',
    'siren',
  ],
  [
    'ConflictError (review)',
    new ConflictError('statement.review_pending', 'state: review', 'state'),
    'statement.review_pending',
    'state',
  ],
  [
    'ConflictError (unposted)',
    new ConflictError('statement.unposted_lines', 'state: unposted', 'state'),
    'statement.unposted_lines',
    'state',
  ],
  ['ConflictError (entry)', new ConflictError('entry.immutable', 'immutable'), 'entry.immutable', null],
  ['ConflictError (fiscal year closed)', new ConflictError('fiscal_year.closed', 'closed'), 'fiscal_year.closed', null],
  [
    'ConflictError (fiscal year end)',
    new ConflictError('fiscal_year.conflict', 'date: conflict', 'date'),
    'fiscal_year.conflict',
    'date',
  ],
  [
    'ConflictError (card clearing)',
    new ConflictError('accounting.card_clearing_missing', 'cardClearingAccount: missing', 'cardClearingAccount'),
    'accounting.card_clearing_missing',
    'cardClearingAccount',
  ],
  [
    'ConflictError (currency)',
    new ConflictError('accounting.currency_unsupported', 'USD'),
    'accounting.currency_unsupported',
    null,
  ],
  ['ConflictError (no change)', new ConflictError('line.no_bank_change', 'none'), 'line.no_bank_change', null],
  ['NotFoundError (user)', new NotFoundError('User', 9), 'user.not_found', null],
  ['NotFoundError (bank account)', new NotFoundError('Bank account', 9), 'bank_account.not_found', null],
  ['NotFoundError (statement)', new NotFoundError('Statement', 9), 'statement.not_found', null],
  ['NotFoundError (configuration)', new NotFoundError('Bridge configuration', 9), 'bridge_config.not_found', null],
  ['NotFoundError (account)', new NotFoundError('Back-office account', 9), 'admin_account.not_found', null],
  ['ConflictError (SIREN)', new ConflictError('siren.taken', 'siren: taken', 'siren'), 'siren.taken', 'siren'],
  ['ConflictError (login)', new ConflictError('login.taken', 'login: taken', 'login'), 'login.taken', 'login'],
  [
    'ConflictError (journal)',
    new ConflictError('journal_code.taken', 'journalCode: taken', 'journalCode'),
    'journal_code.taken',
    'journalCode',
  ],
  ['ConflictError (e-mail)', new ConflictError('email.taken', 'email: taken', 'email'), 'email.taken', 'email'],
  [
    'QueryFailedError (unique)',
    new QueryFailedError('INSERT', [], Object.assign(new Error('UNIQUE'), { code: 'SQLITE_CONSTRAINT_UNIQUE' })),
    'unique.violation',
    null,
  ],
  ['ConflictError (closed)', new ConflictError('statement.closed', 'Statement 1 is closed'), 'statement.closed', null],
  [
    'ConflictError (balance)',
    new ConflictError('statement.unbalanced', 'state: unbalanced', 'state'),
    'statement.unbalanced',
    'state',
  ],
  [
    'ConflictError (overlap)',
    new ConflictError('statement.overlap', 'dateStart: overlaps', 'dateStart'),
    'statement.overlap',
    'dateStart',
  ],
  [
    'ConflictError (lines)',
    new ConflictError('statement.lines_outside_period', 'dateEnd: lines outside', 'dateEnd'),
    'statement.lines_outside_period',
    'dateEnd',
  ],
  [
    'ConflictError (IBAN)',
    new ConflictError('bank_account.iban_missing', 'no IBAN'),
    'bank_account.iban_missing',
    null,
  ],
  [
    'InvalidInputError (Bridge account)',
    new InvalidInputError('bank_account.bridge_account_unknown', 'bridgeAccountId', 'not shared'),
    'bank_account.bridge_account_unknown',
    'bridgeAccountId',
  ],
  [
    'ConflictError (no configuration)',
    new ConflictError('bridge_config.missing', 'none'),
    'bridge_config.missing',
    null,
  ],
  [
    'ConflictError (identity)',
    new ConflictError('user.bridge_identity_taken', 'userId: taken', 'userId'),
    'user.bridge_identity_taken',
    'userId',
  ],
  [
    'DatabaseLockTimeoutError (sync)',
    new DatabaseLockTimeoutError('sync.busy', 'Bank account 1 is busy'),
    'sync.busy',
    null,
  ],
  [
    'DatabaseLockTimeoutError',
    new DatabaseLockTimeoutError('database.lock_timeout', 'Could not take the lock'),
    'database.lock_timeout',
    null,
  ],
  ['BridgeOriginNotAllowedError', new BridgeOriginNotAllowedError('not allowed'), 'bridge.origin_not_allowed', null],
  [
    'BridgeItemActionRequiredError',
    new BridgeItemActionRequiredError(1, 1010, null, 'SCA needed'),
    'bridge.item_action_required',
    null,
  ],
  [
    'BridgeAuthenticationError',
    new BridgeAuthenticationError('client id/secret refused'),
    'bridge.authentication_failed',
    null,
  ],
  [
    'BridgeTokenRejectedError',
    new BridgeTokenRejectedError(401, 'invalid_token', 'expired'),
    'bridge.token_rejected',
    null,
  ],
  ['BridgeRequestError', new BridgeRequestError(400, 'invalid_body_content', 'bad'), 'bridge.request_refused', null],
  ['BridgeDataError', new BridgeDataError('none can be stored'), 'bridge.invalid_data', null],
  [
    'BridgeRateLimitedError',
    new BridgeRateLimitedError('limits the number of requests', 12),
    'bridge.rate_limited',
    null,
  ],
  ['BridgeUnavailableError', new BridgeUnavailableError('did not answer'), 'bridge.unavailable', null],
  ['BridgeFieldError', new BridgeFieldError('amount', 'is missing'), 'bridge.unexpected_answer', null],
  [
    'SyncInterruptedError',
    new SyncInterruptedError(new BridgeUnavailableError('did not answer'), 1, {
      pages: 1,
      operations: 3,
      accounts: new Set([7]),
    }),
    'sync.interrupted',
    null,
  ],
  ['DatabaseBusyError', new DatabaseBusyError('the database is saturated'), 'database.busy', null],
  ['Error', new Error('boom'), 'internal_error', null],
  [
    'RequestValidationError (idempotency key)',
    new RequestValidationError('idempotency_key.invalid', 'Idempotency-Key', 'Idempotency-Key: too long'),
    'idempotency_key.invalid',
    'Idempotency-Key',
  ],
  [
    'InvalidInputError (cursor)',
    new InvalidInputError('cursor.invalid', 'changedSince', 'not a cursor'),
    'cursor.invalid',
    'changedSince',
  ],
  [
    'InvalidInputError (page cursor)',
    new InvalidInputError('page_cursor.invalid', 'after', 'not a cursor of this list'),
    'page_cursor.invalid',
    'after',
  ],
  ['ForbiddenError (api keys)', new ForbiddenError('api_key.editor_only', 'editor only'), 'api_key.editor_only', null],
  ['NotFoundError (api key)', new NotFoundError('API key', 9), 'api_key.not_found', null],
  ['ConflictError (self revoke)', new ConflictError('api_key.self_revoke', 'self'), 'api_key.self_revoke', null],
  [
    'ConflictError (idempotency)',
    new ConflictError('idempotency_key.in_progress', 'running', 'Idempotency-Key'),
    'idempotency_key.in_progress',
    'Idempotency-Key',
  ],
  [
    'UnprocessableError (idempotency)',
    new UnprocessableError('idempotency_key.reused', 'reused', 'Idempotency-Key'),
    'idempotency_key.reused',
    'Idempotency-Key',
  ],
];

describe('error codes', () => {
  it.each(ALL_ERROR_CODES)('%s should have an HTTP status, a summary and a French message', (code) => {
    const entry = ERROR_CODES[code];
    expect(entry.status).toBeGreaterThanOrEqual(400);
    expect(entry.status).toBeLessThan(600);
    expect(entry.summary.length).toBeGreaterThan(10);
    // French text, a sentence: a capital first, a full stop last.
    expect(entry.fr).toMatch(/^[A-ZÀÉÈL].*\.$/);
  });

  it('should have an example of every code below', () => {
    expect(new Set(EXAMPLES.map(([, , code]) => code))).toEqual(new Set(ALL_ERROR_CODES));
  });
});

describe(DomainExceptionFilter.name, () => {
  it.each(EXAMPLES)('should answer a %s with its code, status and field', (_name, error, code, field) => {
    const sent = answer(error);
    expect(sent.status).toBe(ERROR_CODES[code].status);
    expect(sent.body).toEqual({
      statusCode: ERROR_CODES[code].status,
      error: expect.any(String),
      code,
      message: expect.any(String),
      field,
    });
  });

  it('should keep the message and add the code and field', () => {
    expect(answer(new NotFoundError('Company', 999)).body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      code: 'company.not_found',
      message: 'Company 999 not found',
      field: null,
    });
  });

  it('should answer a Synchro stopped half-way with the status of Bridge’s own failure', () => {
    const interrupted = new SyncInterruptedError(new BridgeDataError('none can be stored'), 1, {
      pages: 1,
      operations: 3,
      accounts: new Set([7]),
    });
    expect(answer(interrupted)).toMatchObject({ status: 502, body: { code: 'sync.interrupted' } });
  });

  it('should tell when to come back after a lock that stayed held', () => {
    const sent = answer(
      new DatabaseLockTimeoutError(
        'database.lock_timeout',
        'Could not take the database lock "sync-bank-account-1" within 120 s',
      ),
    );
    expect(sent.status).toBe(409);
    expect(sent.headers['retry-after']).toBe(String(LOCK_RETRY_SECONDS));
  });

  it('should not add Retry-After to refusals that waiting does not cure', () => {
    expect(answer(new ConflictError('statement.closed', 'Statement 1 is closed')).headers).toEqual({});
    expect(answer(new BridgeRequestError(400, 'invalid_body_content', 'bad')).headers).toEqual({});
  });
});
