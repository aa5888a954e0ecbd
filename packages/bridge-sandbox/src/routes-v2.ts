/**
 * Bridge 2021-06-01, mounted at `/v2`: what differs from 2025-01-15 (see routes.ts). Users, items, accounts and
 * categories sit at the root; the token endpoint is `/authenticate`; the catalogue is `/banks`. Only v2 has the
 * legacy e-mail/password users, the `connect/items/*` sessions, the manual refresh and the transaction lists by
 * day (`/transactions`) and by change (`/transactions/updated`), also per account.
 */
import type { Request, Response, Router } from 'express';

import { appOf, authenticate, jsonBody, stringParam } from './bridge-common.js';
import { findProvider } from './catalog.js';
import { isValidIsoDay, parseIsoInstant } from './dates.js';
import { errors } from './errors.js';
import { isoInstant, queryValue } from './http.js';
import { pageTransactions, parsePageRequest, type TransactionFilter } from './pagination.js';
import type { BridgeVersionRoutes, SharedRoutes } from './routes.js';
import * as v2Shapes from './serializers-v2.js';
import type { ConnectSession, SandboxUser } from './store.js';
import { callbackUrl, context, countryCode, knownProvider, optionalInteger, requiredEmail } from './validation.js';

export const V2_ROUTES: BridgeVersionRoutes = {
  version: 'v2',
  paths: { aggregation: '', token: '/authenticate', providers: '/banks' },
  providerNoun: 'Bank',
  shapes: v2Shapes,
  duplicateUser: (externalUserId) => `User '${externalUserId}' already exists`,
  usersByExternalId: false,
  tokenIdentityMissing: 'email and password, user_uuid or external_user_id is required',
  legacyUsers: {
    // E-mail with "@" (raw, not URL-encoded), password of 6 to 71 characters.
    create: ({ store, addUser }, app, { email, password }) => {
      if (typeof email !== 'string' || !email.includes('@') || email.length > 255)
        throw errors.invalidBody('email', 'must be an e-mail address containing "@"');
      if (typeof password !== 'string' || password.length < 6 || password.length > 71)
        throw errors.invalidBody('password', 'must be 6 to 71 characters long');
      if (store.findUserByEmail(app.clientId, email)) throw errors.conflict(`User '${email}' already exists`);
      return addUser(app, { email, password, externalUserId: null });
    },
    authenticate: ({ store }, app, body) => {
      const user = typeof body.email === 'string' ? store.findUserByEmail(app.clientId, body.email) : undefined;
      if (!user || user.password === null || user.password !== body.password)
        throw errors.invalidUserCredentials('Invalid email or password');
      return user;
    },
  },
  ownRoutes: (router, shared) => {
    usersRoutes(router, shared);
    connectRoutes(router, shared);
    refreshRoutes(router, shared);
    transactionListRoutes(router, shared);
  },
};

/** Deleting a legacy user asks for its password when the body gives one. */
function usersRoutes(router: Router, { store, userOfApp }: SharedRoutes): void {
  router.post('/users/:uuid/delete', async (req, res) => {
    const user = userOfApp(stringParam(req.params.uuid), res);
    const body = await jsonBody(req, 'v2');
    if (user.password !== null && body.password !== undefined && body.password !== user.password) {
      throw errors.invalidUserCredentials('Invalid password');
    }
    store.deleteUser(user.uuid);
    res.status(204).end();
  });
}

function connectRoutes(router: Router, { ctx, itemOfUser, sessionUrl }: SharedRoutes): void {
  router.post('/connect/items/add', async (req, res) => {
    const { user } = authenticate(ctx, req, res);
    const body = await jsonBody(req, 'v2');
    if (body.country === undefined) throw errors.invalidBody('country', 'is required');
    const country = countryCode(body.country, 'country', 'FR');
    const prefillEmail = requiredEmail(body, 'prefill_email');
    const bankId = knownProvider(optionalInteger(body, 'bank_id'), 'bank_id');
    const callback = callbackUrl(body.redirect_url, 'redirect_url') ?? appOf(res).redirectUrl ?? null;
    const session = ctx.sessions.create({
      clientId: user.clientId,
      user,
      version: 'v2',
      countryCode: country,
      userEmail: prefillEmail,
      callbackUrl: callback,
      context: context(body.context),
      accountTypes: 'all',
      providerId: bankId,
      item: null,
      purpose: 'add',
    });
    res.json({ redirect_url: sessionUrl(req, res, session) });
  });

  const manageRoute = (path: string, purpose: ConnectSession['purpose']): void => {
    router.get(path, (req, res) => {
      const { user } = authenticate(ctx, req, res);
      const item = itemOfUser(queryValue(req, 'item_id'), user);
      const session = ctx.sessions.create({
        clientId: user.clientId,
        user,
        version: 'v2',
        countryCode: findProvider(item.providerId)?.countryCode ?? 'FR',
        userEmail: user.email,
        callbackUrl: callbackUrl(queryValue(req, 'redirect_url'), 'redirect_url') ?? appOf(res).redirectUrl ?? null,
        context: context(queryValue(req, 'context')),
        accountTypes: item.accountTypes,
        providerId: null,
        item,
        purpose,
      });
      res.json({ redirect_url: sessionUrl(req, res, session) });
    });
  };
  manageRoute('/connect/items/edit', 'edit');
  manageRoute('/connect/items/sync', 'sync');
  manageRoute('/connect/items/pro/confirmation', 'pro');
}

/** Manual refresh: the sandbox has nothing new to fetch, so the refresh is finished at once. */
function refreshRoutes(router: Router, { ctx, store, itemOfUser }: SharedRoutes): void {
  router.post('/items/:id/refresh', (req, res) => {
    const { user } = authenticate(ctx, req, res);
    itemOfUser(req.params.id, user);
    res.status(202).json({});
  });

  router.get('/items/:id/refresh/status', (req, res) => {
    const { user } = authenticate(ctx, req, res);
    const item = itemOfUser(req.params.id, user);
    const accounts = store.accountsOfItem(item.id);
    const refreshed = Math.max(...accounts.map((account) => account.updatedAt), 0);
    res.json({
      status: 'finished',
      refreshed_at: isoInstant(refreshed),
      mfa: null,
      refreshed_accounts_count: accounts.length,
      total_accounts_count: accounts.length,
    });
  });
}

function transactionListRoutes(router: Router, { ctx, store, accountOfUser, sendPage }: SharedRoutes): void {
  /** `/transactions`: current rows (deleted hidden), optional `since`/`until` days on `date`. */
  const listCurrent = (req: Request, res: Response, accountIds: number[]): void => {
    const page = parsePageRequest(req);
    const filter: TransactionFilter = { includeDeleted: false };
    for (const [name, key] of [
      ['since', 'minDate'],
      ['until', 'maxDate'],
    ] as const) {
      const raw = queryValue(req, name);
      if (raw === undefined) continue;
      const day = raw.slice(0, 10);
      if (!isValidIsoDay(day)) throw errors.invalidQuery(name, 'must be a date YYYY-MM-DD');
      filter[key] = day;
    }
    const result = pageTransactions(store, accountIds, filter, page);
    sendPage(req, res, result.rows.map(v2Shapes.transaction), result.next);
  };

  /** `/transactions/updated?since=<ISO date-time>`: rows changed after `since` (updated_at), deletions included. */
  const listUpdated = (req: Request, res: Response, accountIds: number[]): void => {
    const page = parsePageRequest(req);
    const raw = queryValue(req, 'since');
    const sinceMs = raw === undefined ? undefined : parseIsoInstant(raw);
    if (sinceMs === null) throw errors.invalidQuery('since', 'must be an ISO 8601 date-time');
    const result = pageTransactions(store, accountIds, { sinceMs, includeDeleted: true }, page);
    sendPage(req, res, result.rows.map(v2Shapes.transaction), result.next);
  };

  const userAccountIds = (user: SandboxUser): number[] => store.accountsOfUser(user.uuid).map((account) => account.id);

  router.get('/transactions', (req, res) => {
    const { user } = authenticate(ctx, req, res);
    listCurrent(req, res, userAccountIds(user));
  });

  router.get('/transactions/updated', (req, res) => {
    const { user } = authenticate(ctx, req, res);
    listUpdated(req, res, userAccountIds(user));
  });

  router.get('/accounts/:id/transactions', (req, res) => {
    const { user } = authenticate(ctx, req, res);
    listCurrent(req, res, [accountOfUser(req.params.id, user)]);
  });

  router.get('/accounts/:id/transactions/updated', (req, res) => {
    const { user } = authenticate(ctx, req, res);
    listUpdated(req, res, [accountOfUser(req.params.id, user)]);
  });
}
