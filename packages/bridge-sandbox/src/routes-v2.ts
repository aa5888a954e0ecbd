/** Bridge 2021-06-01: `/v2/*`. Mounted at `/v2`. */
import { randomUUID } from 'node:crypto';

import { type Request, type Response, Router } from 'express';

import { appOf, authenticate, bridgeErrorHandler, bridgeGuard, issueToken, jsonBody, numericId, stringParam, unknownRoute } from './bridge-common.js';
import { findProvider, PROVIDERS } from './catalog.js';
import type { SandboxContext } from './context.js';
import { isValidIsoDay, parseIsoInstant } from './dates.js';
import { errors } from './errors.js';
import { isoInstant, originOf, queryValue, sandboxBase } from './http.js';
import { nextUriOf, pageBody, pageByNumericKey, pageTransactions, parsePageRequest, type TransactionFilter } from './pagination.js';
import { categoryResources, findCategory, logoUrl, v2Account, v2Bank, v2Item, v2Transaction, v2User } from './serializers.js';
import type { ConnectSession, SandboxItem, SandboxUser } from './store.js';
import { callbackUrl, context, countryCode, knownProvider, optionalInteger, optionalString, requiredEmail } from './validation.js';

export function v2Router(ctx: SandboxContext): Router {
  const router = Router();
  const { store } = ctx;
  const nullAsString = ctx.options.quirks.nextUriNullAsString;
  router.use(bridgeGuard(ctx, 'v2'));

  // --- users ------------------------------------------------------------------------------------------------------

  router.post('/users', async (req, res) => {
    const body = await jsonBody(req, 'v2');
    const app = appOf(res);
    if (body.email !== undefined || body.password !== undefined) {
      // Legacy e-mail/password users: e-mail with "@" (raw, not URL-encoded), password of 6 to 71 characters.
      const email = body.email;
      const password = body.password;
      if (typeof email !== 'string' || !email.includes('@') || email.length > 255) throw errors.invalidBody('email', 'must be an e-mail address containing "@"');
      if (typeof password !== 'string' || password.length < 6 || password.length > 71) throw errors.invalidBody('password', 'must be 6 to 71 characters long');
      if (store.findUserByEmail(app.clientId, email)) throw errors.conflict(`User '${email}' already exists`);
      const user: SandboxUser = { uuid: randomUUID(), clientId: app.clientId, email, password, externalUserId: null, seq: store.nextSeq() };
      store.users.set(user.uuid, user);
      res.status(201).json({ uuid: user.uuid, email });
      return;
    }
    const externalUserId = optionalString(body, 'external_user_id');
    if (externalUserId !== null && store.findUserByExternalId(app.clientId, externalUserId)) {
      throw errors.conflict(`User '${externalUserId}' already exists`);
    }
    const user: SandboxUser = { uuid: randomUUID(), clientId: app.clientId, email: null, password: null, externalUserId, seq: store.nextSeq() };
    store.users.set(user.uuid, user);
    res.status(201).json({ uuid: user.uuid, external_user_id: externalUserId });
  });

  router.get('/users', (req, res) => {
    const result = pageByNumericKey(store.usersOf(appOf(res).clientId), (user) => user.seq, parsePageRequest(req));
    res.json(pageBody(result.rows.map(v2User), nextUriOf(req, result.next, nullAsString)));
  });

  const userOfApp = (uuid: string, res: Response): SandboxUser => {
    const user = store.users.get(uuid);
    if (!user || user.clientId !== appOf(res).clientId) throw errors.notFound(`User ${uuid} not found`);
    return user;
  };

  router.get('/users/:uuid', (req, res) => {
    res.json(v2User(userOfApp(stringParam(req.params.uuid), res)));
  });

  router.post('/users/:uuid/delete', async (req, res) => {
    const user = userOfApp(stringParam(req.params.uuid), res);
    const body = await jsonBody(req, 'v2');
    if (user.password !== null && body.password !== undefined && body.password !== user.password) {
      throw errors.invalidUserCredentials('Invalid password');
    }
    store.deleteUser(user.uuid);
    res.status(204).end();
  });

  router.delete('/users/:uuid', (req, res) => {
    store.deleteUser(userOfApp(stringParam(req.params.uuid), res).uuid);
    res.status(204).end();
  });

  router.delete('/users', (_req, res) => {
    for (const user of store.usersOf(appOf(res).clientId)) store.deleteUser(user.uuid);
    res.status(204).end();
  });

  router.post('/authenticate', async (req, res) => {
    const body = await jsonBody(req, 'v2');
    const app = appOf(res);
    let user: SandboxUser | undefined;
    if (body.email !== undefined || body.password !== undefined) {
      user = typeof body.email === 'string' ? store.findUserByEmail(app.clientId, body.email) : undefined;
      if (!user || user.password === null || user.password !== body.password) {
        throw errors.invalidUserCredentials('Invalid email or password');
      }
    } else {
      const uuid = optionalString(body, 'user_uuid');
      const externalUserId = optionalString(body, 'external_user_id');
      if (uuid !== null) {
        user = store.users.get(uuid);
        if (user && user.clientId !== app.clientId) user = undefined;
      } else if (externalUserId !== null) {
        user = store.findUserByExternalId(app.clientId, externalUserId);
      } else {
        throw errors.invalidBody('user_uuid', 'email and password, user_uuid or external_user_id is required');
      }
      if (!user) throw errors.notFound('User not found');
    }
    res.json({ ...issueToken(ctx, user), user: v2User(user) });
  });

  // --- connect ----------------------------------------------------------------------------------------------------

  const sessionUrl = (req: Request, res: Response, session: ConnectSession): string => `${originOf(req)}${sandboxBase(res)}/connect/session/${session.id}`;

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

  // --- items ------------------------------------------------------------------------------------------------------

  const itemOfUser = (rawId: string | string[] | undefined, user: SandboxUser): SandboxItem => {
    const id = numericId(rawId, 'Item');
    const item = store.items.get(id);
    if (!item || item.userUuid !== user.uuid) throw errors.notFound(`Item ${id} not found`);
    return item;
  };

  manageRoute('/connect/items/edit', 'edit');
  manageRoute('/connect/items/sync', 'sync');
  manageRoute('/connect/items/pro/confirmation', 'pro');

  router.get('/items', (req, res) => {
    const { user } = authenticate(ctx, req, res);
    const result = pageByNumericKey(store.itemsOf(user.uuid), (item) => item.seq, parsePageRequest(req));
    res.json(pageBody(result.rows.map((item) => v2Item(store, item)), nextUriOf(req, result.next, nullAsString)));
  });

  router.get('/items/:id', (req, res) => {
    const { user } = authenticate(ctx, req, res);
    res.json(v2Item(store, itemOfUser(req.params.id, user)));
  });

  router.delete('/items/:id', (req, res) => {
    const { user } = authenticate(ctx, req, res);
    store.deleteItem(itemOfUser(req.params.id, user).id);
    res.status(204).end();
  });

  // Manual refresh: the sandbox has nothing new to fetch, so the refresh is finished at once.
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
    res.json({ status: 'finished', refreshed_at: isoInstant(refreshed), mfa: null, refreshed_accounts_count: accounts.length, total_accounts_count: accounts.length });
  });

  // --- accounts and transactions ----------------------------------------------------------------------------------

  const accountOfUser = (rawId: string | string[] | undefined, user: SandboxUser): number => {
    const id = numericId(rawId, 'Account');
    if (!store.accounts.has(id) || store.ownerOfAccount(id)?.userUuid !== user.uuid) throw errors.notFound(`Account ${id} not found`);
    return id;
  };

  router.get('/accounts', (req, res) => {
    const { user } = authenticate(ctx, req, res);
    const page = parsePageRequest(req);
    const rawItem = queryValue(req, 'item_id');
    const accounts = (rawItem !== undefined ? store.accountsOfItem(itemOfUser(rawItem, user).id) : store.accountsOfUser(user.uuid)).sort((a, b) => a.id - b.id);
    const result = pageByNumericKey(accounts, (account) => account.id, page);
    res.json(pageBody(result.rows.map((account) => v2Account(store, account)), nextUriOf(req, result.next, nullAsString)));
  });

  router.get('/accounts/:id', (req, res) => {
    const { user } = authenticate(ctx, req, res);
    res.json(v2Account(store, store.accounts.get(accountOfUser(req.params.id, user))!));
  });

  /** `/transactions`: current rows (deleted hidden), optional `since`/`until` days on `date`. */
  const listCurrent = (req: Request, res: Response, accountIds: number[]): void => {
    const page = parsePageRequest(req);
    const filter: TransactionFilter = { includeDeleted: false };
    for (const [name, key] of [['since', 'minDate'], ['until', 'maxDate']] as const) {
      const raw = queryValue(req, name);
      if (raw === undefined) continue;
      const day = raw.slice(0, 10);
      if (!isValidIsoDay(day)) throw errors.invalidQuery(name, 'must be a date YYYY-MM-DD');
      filter[key] = day;
    }
    const result = pageTransactions(store, accountIds, filter, page);
    res.json(pageBody(result.rows.map(v2Transaction), nextUriOf(req, result.next, nullAsString)));
  };

  /** `/transactions/updated?since=<ISO date-time>`: rows changed after `since` (updated_at), deletions included. */
  const listUpdated = (req: Request, res: Response, accountIds: number[]): void => {
    const page = parsePageRequest(req);
    const raw = queryValue(req, 'since');
    const sinceMs = raw === undefined ? undefined : parseIsoInstant(raw);
    if (sinceMs === null) throw errors.invalidQuery('since', 'must be an ISO 8601 date-time');
    const result = pageTransactions(store, accountIds, { sinceMs, includeDeleted: true }, page);
    res.json(pageBody(result.rows.map(v2Transaction), nextUriOf(req, result.next, nullAsString)));
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

  router.get('/transactions/:id', (req, res) => {
    const { user } = authenticate(ctx, req, res);
    const id = numericId(req.params.id, 'Transaction');
    const transaction = store.transactions.get(id);
    if (!transaction || store.ownerOfAccount(transaction.accountId)?.userUuid !== user.uuid) throw errors.notFound(`Transaction ${id} not found`);
    res.json(v2Transaction(transaction));
  });

  router.get('/accounts/:id/transactions', (req, res) => {
    const { user } = authenticate(ctx, req, res);
    listCurrent(req, res, [accountOfUser(req.params.id, user)]);
  });

  router.get('/accounts/:id/transactions/updated', (req, res) => {
    const { user } = authenticate(ctx, req, res);
    listUpdated(req, res, [accountOfUser(req.params.id, user)]);
  });

  // --- banks and categories (client credentials only) -------------------------------------------------------------

  router.get('/banks', (req, res) => {
    const page = parsePageRequest(req);
    const country = queryValue(req, 'country_code')?.toUpperCase();
    const origin = originOf(req);
    const base = sandboxBase(res);
    const banks = PROVIDERS.filter((provider) => country === undefined || provider.countryCode === country).sort((a, b) => a.id - b.id);
    const result = pageByNumericKey(banks, (provider) => provider.id, page);
    res.json(
      pageBody(
        result.rows.map((provider) => v2Bank(provider, logoUrl(origin, base, provider), PROVIDERS.indexOf(provider))),
        nextUriOf(req, result.next, nullAsString),
      ),
    );
  });

  router.get('/banks/:id', (req, res) => {
    const id = numericId(req.params.id, 'Bank');
    const provider = findProvider(id);
    if (!provider) throw errors.notFound(`Bank ${id} not found`);
    res.json(v2Bank(provider, logoUrl(originOf(req), sandboxBase(res), provider), PROVIDERS.indexOf(provider)));
  });

  router.get('/categories', (req, res) => {
    res.json(pageBody(categoryResources(), nextUriOf(req, null, nullAsString)));
  });

  router.get('/categories/:id', (req, res) => {
    const id = numericId(req.params.id, 'Category');
    const category = findCategory(id);
    if (!category) throw errors.notFound(`Category ${id} not found`);
    res.json(category);
  });

  router.use(unknownRoute);
  router.use(bridgeErrorHandler(ctx, 'v2'));
  return router;
}
