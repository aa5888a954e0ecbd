/**
 * Control API (`/__sandbox/*`, JSON, no Bridge headers): lets tests and demos reset the state, move the clock,
 * expire tokens, break items, add/change/delete transactions, preview accounts, inject faults, send signed webhooks
 * and finish connect sessions without the HTML funnel. Errors answer `{error: "<message>"}`.
 */
import { timingSafeEqual } from 'node:crypto';

import { type ErrorRequestHandler, type Request, type Response, Router } from 'express';

import { findProvider } from './catalog.js';
import type { SandboxContext } from './context.js';
import { isValidIsoDay, parseIsoInstant } from './dates.js';
import { isJsonLiteral, isoInstant, readBody } from './http.js';
import { parseCents } from './money.js';
import * as v3Shapes from './serializers-v3.js';
import type { SandboxTransaction } from './store.js';
import { deliverWebhook } from './webhooks.js';

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const bad = (message: string): ControlError => new ControlError(400, message);
const missing = (message: string): ControlError => new ControlError(404, message);

async function body(req: Request): Promise<Record<string, unknown>> {
  const read = await readBody(req);
  if (read.kind === 'none') return {};
  let value: unknown = read.kind === 'parsed' ? read.value : undefined;
  if (read.kind === 'text') {
    if (read.text.trim() === '') return {};
    try {
      value = JSON.parse(read.text);
    } catch {
      throw bad('the body is not valid JSON');
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw bad('the body must be a JSON object');
  return value as Record<string, unknown>;
}

function day(value: unknown, name: string): string {
  if (typeof value !== 'string' || !isValidIsoDay(value)) throw bad(`${name}: must be a date YYYY-MM-DD`);
  return value;
}

function optionalDay(value: unknown, name: string): string | null {
  return value === undefined || value === null ? null : day(value, name);
}

function positiveId(raw: string | string[] | undefined, what: string): number {
  const text = Array.isArray(raw) ? raw[0] : raw;
  if (!text || !/^\d{1,15}$/.test(text)) throw missing(`${what} ${text ?? ''} not found`);
  return Number(text);
}

/** Applies the transaction fields present in `input` (camelCase) to `target`. */
function applyTransactionFields(target: SandboxTransaction, input: Record<string, unknown>): void {
  if (input.amount !== undefined) {
    const cents = parseCents(input.amount);
    if (cents === null) throw bad('amount: must be a decimal amount with at most 2 decimals, e.g. "-12.34"');
    target.amountCents = cents;
  }
  if (input.date !== undefined) target.date = day(input.date, 'date');
  if (input.label !== undefined) {
    if (typeof input.label !== 'string' || input.label.trim() === '') throw bad('label: must be a non-empty string');
    target.providerDescription = input.label;
  }
  if (input.cleanLabel !== undefined) {
    if (typeof input.cleanLabel !== 'string' || input.cleanLabel.trim() === '')
      throw bad('cleanLabel: must be a non-empty string');
    target.cleanDescription = input.cleanLabel;
  }
  if (input.operationType !== undefined) {
    if (typeof input.operationType !== 'string' || input.operationType === '')
      throw bad('operationType: must be a string (card, transfer, ...)');
    target.operationType = input.operationType;
  }
  if (input.future !== undefined) {
    if (typeof input.future !== 'boolean') throw bad('future: must be a boolean');
    target.future = input.future;
  }
  if (input.bookingDate !== undefined) target.bookingDate = optionalDay(input.bookingDate, 'bookingDate');
  if (input.transactionDate !== undefined)
    target.transactionDate = optionalDay(input.transactionDate, 'transactionDate');
  if (input.valueDate !== undefined) target.valueDate = optionalDay(input.valueDate, 'valueDate');
  if (input.categoryId !== undefined) {
    if (!Number.isInteger(input.categoryId)) throw bad('categoryId: must be an integer');
    target.categoryId = input.categoryId as number;
  }
}

export function controlRouter(ctx: SandboxContext, reset: () => void): Router {
  const router = Router();
  const { store, clock } = ctx;
  const expected = Buffer.from(`Bearer ${ctx.options.controlToken}`);

  // The control API can reset the sandbox and inject lines: only holders of the token may call it.
  router.use((req, res, next) => {
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.status(401).json({
        error:
          'The control API needs "Authorization: Bearer <control token>" (sandbox.controlToken, SANDBOX_CONTROL_TOKEN)',
      });
      return;
    }
    next();
  });

  const state = () => ({
    now: clock.now().toISOString(),
    clients: [...store.clients.values()].map((client) => ({
      clientId: client.clientId,
      redirectUrl: client.redirectUrl,
    })),
    users: store.users.size,
    items: store.items.size,
    accounts: store.accounts.size,
    transactions: store.transactions.size,
    sessions: store.sessions.size,
    faults: ctx.faults.list().length,
  });

  router.post('/reset', (_req, res) => {
    reset();
    res.json(state());
  });

  router.get('/state', (_req, res) => {
    res.json(state());
  });

  router.post('/clients', async (req, res) => {
    const input = await body(req);
    const { clientId, clientSecret, redirectUrl } = input;
    if (typeof clientId !== 'string' || clientId === '') throw bad('clientId: required');
    if (typeof clientSecret !== 'string' || clientSecret === '') throw bad('clientSecret: required');
    if (redirectUrl !== undefined && redirectUrl !== null && typeof redirectUrl !== 'string')
      throw bad('redirectUrl: must be a URL');
    store.clients.set(clientId, { clientId, clientSecret, redirectUrl: (redirectUrl as string | undefined) ?? null });
    res.status(201).json({ clientId, redirectUrl: redirectUrl ?? null });
  });

  router.get('/clock', (_req, res) => {
    res.json({ now: clock.now().toISOString() });
  });

  router.post('/clock/advance', async (req, res) => {
    const { seconds } = await body(req);
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0)
      throw bad('seconds: must be a non-negative number');
    clock.advance(seconds);
    res.json({ now: clock.now().toISOString() });
  });

  router.post('/tokens/expire', async (req, res) => {
    const { userUuid } = await body(req);
    const now = clock.nowMs();
    let expired = 0;
    for (const token of store.tokens.values()) {
      if ((userUuid === undefined || token.userUuid === userUuid) && token.expiresAt > now) {
        token.expiresAt = now;
        expired++;
      }
    }
    res.json({ expired });
  });

  router.post('/items/:id/status', async (req, res) => {
    const id = positiveId(req.params.id, 'Item');
    const item = store.items.get(id);
    if (!item) throw missing(`Item ${id} not found`);
    const input = await body(req);
    if (!Number.isInteger(input.status))
      throw bad('status: must be an integer (0, -2, -3, 402, 429, 1003, 1005, 1007, 1009, 1010, 1100)');
    if (input.statusCodeInfo !== undefined && input.statusCodeInfo !== null && typeof input.statusCodeInfo !== 'string')
      throw bad('statusCodeInfo: must be a string');
    item.status = input.status as number;
    item.statusCodeInfo = typeof input.statusCodeInfo === 'string' ? input.statusCodeInfo.toLowerCase() : null;
    if (input.authenticationExpiresAt !== undefined) {
      const at =
        typeof input.authenticationExpiresAt === 'string' ? parseIsoInstant(input.authenticationExpiresAt) : null;
      if (at === null) throw bad('authenticationExpiresAt: must be an ISO 8601 date-time');
      item.authenticationExpiresAt = at;
    }
    res.json(v3Shapes.item(store, item));
  });

  router.post('/accounts/:id/transactions', async (req, res) => {
    const accountId = positiveId(req.params.id, 'Account');
    const account = store.accounts.get(accountId);
    const item = store.ownerOfAccount(accountId);
    if (!account || !item) throw missing(`Account ${accountId} not found`);
    const input = await body(req);
    for (const name of ['amount', 'date', 'label']) if (input[name] === undefined) throw bad(`${name}: required`);
    const transaction: SandboxTransaction = {
      id: 0,
      accountId,
      amountCents: 0,
      date: '',
      bookingDate: null,
      transactionDate: null,
      valueDate: null,
      providerDescription: '',
      cleanDescription: '',
      categoryId: 1,
      operationType: 'unknown',
      future: false,
      deleted: false,
      updatedAt: 0,
    };
    applyTransactionFields(transaction, input);
    if (input.cleanLabel === undefined) transaction.cleanDescription = transaction.providerDescription;
    transaction.id = store.allocateTransactionId(item);
    transaction.updatedAt = store.stamp();
    account.updatedAt = transaction.updatedAt;
    store.insertTransaction(transaction);
    res.status(201).json(v3Shapes.transaction(transaction));
  });

  const transactionOf = (req: Request): SandboxTransaction => {
    const id = positiveId(req.params.id, 'Transaction');
    const transaction = store.transactions.get(id);
    if (!transaction) throw missing(`Transaction ${id} not found`);
    return transaction;
  };

  router.patch('/transactions/:id', async (req, res) => {
    const transaction = transactionOf(req);
    const input = await body(req);
    const draft = { ...transaction };
    applyTransactionFields(draft, input);
    Object.assign(transaction, draft, { updatedAt: store.stamp() });
    store.touchOrder(transaction.accountId);
    const account = store.accounts.get(transaction.accountId);
    if (account) account.updatedAt = transaction.updatedAt;
    res.json(v3Shapes.transaction(transaction));
  });

  router.delete('/transactions/:id', (req, res) => {
    const transaction = transactionOf(req);
    transaction.deleted = true;
    transaction.updatedAt = store.stamp();
    const account = store.accounts.get(transaction.accountId);
    if (account) account.updatedAt = transaction.updatedAt;
    res.json(v3Shapes.transaction(transaction));
  });

  // Bad data as Bridge might send it (an amount of 1e309, a date "hier"): chosen wire fields served as raw JSON literals.
  router.post('/transactions/:id/raw', async (req, res) => {
    const transaction = transactionOf(req);
    const { fields } = await body(req);
    if (!fields || typeof fields !== 'object' || Array.isArray(fields))
      throw bad('fields: must be an object of Bridge field names to JSON literals');
    const raw = { ...transaction.raw };
    for (const [field, literal] of Object.entries(fields as Record<string, unknown>)) {
      if (!/^[a-z][a-z0-9_]{0,39}$/.test(field))
        throw bad('fields: names are Bridge field names in snake_case, e.g. amount, currency_code');
      if (literal === null) {
        delete raw[field];
        continue;
      }
      if (typeof literal !== 'string' || !isJsonLiteral(literal))
        throw bad(`fields.${field}: must be the text of one JSON value, e.g. "1e309" or "\\"2025-02-30\\""`);
      raw[field] = literal;
    }
    // A change at Bridge: incremental listings bring the row again.
    transaction.raw = raw;
    transaction.updatedAt = store.stamp();
    const account = store.accounts.get(transaction.accountId);
    if (account) account.updatedAt = transaction.updatedAt;
    res.json({ id: transaction.id, raw, updatedAt: isoInstant(transaction.updatedAt) });
  });

  router.post('/preview-accounts', async (req, res) => {
    const { userKey, providerId } = await body(req);
    if (typeof userKey !== 'string' || userKey === '')
      throw bad('userKey: required (the e-mail or external_user_id of the user)');
    if (!Number.isInteger(providerId) || !findProvider(providerId as number))
      throw bad('providerId: must be a known provider id');
    const plan = store.planFor(userKey, providerId as number);
    res.json({
      itemId: plan.itemId,
      accounts: plan.accounts.map(({ id, type, name, iban }) => ({ id, type, name, iban })),
    });
  });

  router.post('/faults', async (req, res) => {
    const fault = ctx.faults.add(await body(req));
    if (typeof fault === 'string') throw bad(fault);
    res.status(201).json(fault);
  });

  router.get('/faults', (_req, res) => {
    res.json({ faults: ctx.faults.list() });
  });

  router.delete('/faults', (_req, res) => {
    res.json({ deleted: ctx.faults.clear() });
  });

  router.post('/webhooks', async (req, res) => {
    const input = await body(req);
    const secrets = typeof input.secrets === 'string' ? [input.secrets] : input.secrets;
    if (typeof input.url !== 'string' || !/^https?:\/\//.test(input.url)) throw bad('url: must be an http(s) URL');
    if (
      !Array.isArray(secrets) ||
      secrets.length === 0 ||
      !secrets.every((secret) => typeof secret === 'string' && secret !== '')
    ) {
      throw bad('secrets: must be one or two non-empty strings');
    }
    if (typeof input.type !== 'string' || input.type === '') throw bad('type: required (e.g. "item.account.updated")');
    try {
      const delivery = await deliverWebhook({
        url: input.url,
        secrets: secrets as string[],
        type: input.type,
        content: input.content ?? {},
        timestampMs: clock.nowMs(),
      });
      res.json({ status: delivery.status, signature: delivery.signature });
    } catch (error) {
      throw new ControlError(502, `webhook delivery failed: ${(error as Error).message}`);
    }
  });

  router.post('/connect-sessions/:id/complete', async (req, res) => {
    const input = await body(req);
    const id = req.params.id;
    const lookup = ctx.sessions.lookup(id);
    if (!lookup.ok)
      throw new ControlError(lookup.reason === 'unknown' ? 404 : 410, `Connect session ${id} is ${lookup.reason}`);
    if (
      input.providerId !== undefined &&
      (!Number.isInteger(input.providerId) || !findProvider(input.providerId as number))
    ) {
      throw bad('providerId: must be a known provider id');
    }
    if (input.success !== undefined && typeof input.success !== 'boolean') throw bad('success: must be a boolean');
    const outcome =
      input.success === false
        ? ctx.sessions.cancel(lookup.session, ctx.sessions.currentStep(lookup.session))
        : ctx.sessions.complete(lookup.session, (input.providerId as number | undefined) ?? null);
    res.json({ redirectUrl: outcome.redirectUrl, itemId: outcome.itemId, userUuid: outcome.userUuid });
  });

  router.use((req: Request, res: Response) => {
    res.status(404).json({ error: `No control route ${req.method} ${req.baseUrl}${req.path}` });
  });
  const onError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    const status = error instanceof ControlError ? error.status : 500;
    res.status(status).json({ error: (error as Error).message });
  };
  router.use(onError);
  return router;
}
