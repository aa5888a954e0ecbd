/** Bridge 2025-01-15: `/v3/aggregation/*` and `/v3/providers`. Mounted at `/v3`. */
import { randomUUID } from 'node:crypto';

import { Router } from 'express';

import { appOf, authenticate, bridgeErrorHandler, bridgeGuard, issueToken, jsonBody, numericId, stringParam, unknownRoute } from './bridge-common.js';
import { findProvider, PROVIDERS } from './catalog.js';
import type { SandboxContext } from './context.js';
import { parseIsoInstant, isValidIsoDay } from './dates.js';
import { errors } from './errors.js';
import { originOf, queryValue, sandboxBase } from './http.js';
import { nextUriOf, pageBody, pageByNumericKey, pageTransactions, parsePageRequest } from './pagination.js';
import { categoryResources, findCategory, logoUrl, v3Account, v3Item, v3Provider, v3Transaction, v3User } from './serializers.js';
import type { SandboxItem, SandboxUser } from './store.js';
import { accountTypes, callbackUrl, context, countryCode, knownProvider, optionalInteger, optionalString, requiredEmail } from './validation.js';

export function v3Router(ctx: SandboxContext): Router {
  const router = Router();
  const { store } = ctx;
  const nullAsString = ctx.options.quirks.nextUriNullAsString;
  router.use(bridgeGuard(ctx, 'v3'));

  // --- users (client credentials only) --------------------------------------------------------------------------

  router.post('/aggregation/users', async (req, res) => {
    const body = await jsonBody(req, 'v3');
    const externalUserId = optionalString(body, 'external_user_id');
    const app = appOf(res);
    if (externalUserId !== null && store.findUserByExternalId(app.clientId, externalUserId)) {
      throw errors.conflict(`User with external_user_id '${externalUserId}' already exists`);
    }
    const user: SandboxUser = { uuid: randomUUID(), clientId: app.clientId, email: null, password: null, externalUserId, seq: store.nextSeq() };
    store.users.set(user.uuid, user);
    res.status(201).json(v3User(user));
  });

  router.get('/aggregation/users', (req, res) => {
    const page = parsePageRequest(req);
    const external = queryValue(req, 'external_user_id');
    const users = store.usersOf(appOf(res).clientId).filter((user) => external === undefined || user.externalUserId === external);
    const result = pageByNumericKey(users, (user) => user.seq, page);
    res.json(pageBody(result.rows.map(v3User), nextUriOf(req, result.next, nullAsString)));
  });

  const userOfApp = (uuid: string, clientId: string): SandboxUser => {
    const user = store.users.get(uuid);
    if (!user || user.clientId !== clientId) throw errors.notFound(`User ${uuid} not found`);
    return user;
  };

  router.get('/aggregation/users/:uuid', (req, res) => {
    res.json(v3User(userOfApp(stringParam(req.params.uuid), appOf(res).clientId)));
  });

  router.delete('/aggregation/users/:uuid', (req, res) => {
    store.deleteUser(userOfApp(stringParam(req.params.uuid), appOf(res).clientId).uuid);
    res.status(204).end();
  });

  router.delete('/aggregation/users', (_req, res) => {
    for (const user of store.usersOf(appOf(res).clientId)) store.deleteUser(user.uuid);
    res.status(204).end();
  });

  router.post('/aggregation/authorization/token', async (req, res) => {
    const body = await jsonBody(req, 'v3');
    const uuid = optionalString(body, 'user_uuid');
    const externalUserId = optionalString(body, 'external_user_id');
    const app = appOf(res);
    let user: SandboxUser | undefined;
    if (uuid !== null) {
      user = store.users.get(uuid);
      if (user && user.clientId !== app.clientId) user = undefined;
    } else if (externalUserId !== null) {
      user = store.findUserByExternalId(app.clientId, externalUserId);
    } else {
      throw errors.invalidBody('user_uuid', 'user_uuid or external_user_id is required');
    }
    if (!user) throw errors.notFound('User not found');
    res.json({ ...issueToken(ctx, user), user: v3User(user) });
  });

  // --- connect sessions -------------------------------------------------------------------------------------------

  router.post('/aggregation/connect-sessions', async (req, res) => {
    const { user } = authenticate(ctx, req, res);
    const body = await jsonBody(req, 'v3');
    const userEmail = requiredEmail(body, 'user_email');
    const country = countryCode(body.country_code, 'country_code', 'FR');
    const callback = callbackUrl(body.callback_url, 'callback_url');
    const sessionContext = context(body.context);
    const types = accountTypes(body.account_types);
    const providerId = knownProvider(optionalInteger(body, 'provider_id'), 'provider_id');
    const itemId = optionalInteger(body, 'item_id');
    let item: SandboxItem | null = null;
    if (itemId !== null) {
      if (providerId !== null) throw errors.invalidBody('provider_id', 'cannot be combined with item_id');
      item = store.items.get(itemId) ?? null;
      if (!item || item.userUuid !== user.uuid) throw errors.notFound(`Item ${itemId} not found`);
    }
    const purpose = !item ? 'add' : item.status === 402 ? 'edit' : item.status === 1100 ? 'pro' : 'sync';
    const session = ctx.sessions.create({
      clientId: user.clientId,
      user,
      version: 'v3',
      countryCode: country,
      userEmail,
      callbackUrl: callback,
      context: sessionContext,
      accountTypes: types,
      providerId,
      item,
      purpose,
    });
    res.status(201).json({ id: session.id, url: `${originOf(req)}${sandboxBase(res)}/connect/session/${session.id}` });
  });

  // --- items, accounts, transactions ------------------------------------------------------------------------------

  const itemOfUser = (rawId: string | string[] | undefined, user: SandboxUser): SandboxItem => {
    const id = numericId(rawId, 'Item');
    const item = store.items.get(id);
    if (!item || item.userUuid !== user.uuid) throw errors.notFound(`Item ${id} not found`);
    return item;
  };

  router.get('/aggregation/items', (req, res) => {
    const { user } = authenticate(ctx, req, res);
    const result = pageByNumericKey(store.itemsOf(user.uuid), (item) => item.seq, parsePageRequest(req));
    res.json(pageBody(result.rows.map((item) => v3Item(store, item)), nextUriOf(req, result.next, nullAsString)));
  });

  router.get('/aggregation/items/:id', (req, res) => {
    const { user } = authenticate(ctx, req, res);
    res.json(v3Item(store, itemOfUser(req.params.id, user)));
  });

  router.delete('/aggregation/items/:id', (req, res) => {
    const { user } = authenticate(ctx, req, res);
    store.deleteItem(itemOfUser(req.params.id, user).id);
    res.status(204).end();
  });

  router.get('/aggregation/accounts', (req, res) => {
    const { user } = authenticate(ctx, req, res);
    const page = parsePageRequest(req);
    const rawItem = queryValue(req, 'item_id');
    const accounts = (rawItem !== undefined ? store.accountsOfItem(itemOfUser(rawItem, user).id) : store.accountsOfUser(user.uuid)).sort((a, b) => a.id - b.id);
    const result = pageByNumericKey(accounts, (account) => account.id, page);
    res.json(pageBody(result.rows.map((account) => v3Account(store, account)), nextUriOf(req, result.next, nullAsString)));
  });

  router.get('/aggregation/accounts/:id', (req, res) => {
    const { user } = authenticate(ctx, req, res);
    const id = numericId(req.params.id, 'Account');
    const account = store.accounts.get(id);
    if (!account || store.ownerOfAccount(id)?.userUuid !== user.uuid) throw errors.notFound(`Account ${id} not found`);
    res.json(v3Account(store, account));
  });

  router.get('/aggregation/transactions', (req, res) => {
    const { user } = authenticate(ctx, req, res);
    const page = parsePageRequest(req);
    let accountIds = store.accountsOfUser(user.uuid).map((account) => account.id);
    const rawAccount = queryValue(req, 'account_id');
    if (rawAccount !== undefined) {
      const id = /^\d{1,15}$/.test(rawAccount) ? Number(rawAccount) : NaN;
      if (!accountIds.includes(id)) throw errors.notFound(`Account ${rawAccount} not found`);
      accountIds = [id];
    }
    // `since` (ISO date-time) compares updated_at and returns deletions too; without it deleted rows are hidden.
    const rawSince = queryValue(req, 'since');
    const sinceMs = rawSince === undefined ? undefined : parseIsoInstant(rawSince);
    if (sinceMs === null) throw errors.invalidQuery('since', 'must be an ISO 8601 date-time');
    const minDate = queryValue(req, 'min_date');
    const maxDate = queryValue(req, 'max_date');
    for (const [name, value] of [['min_date', minDate], ['max_date', maxDate]] as const) {
      if (value !== undefined && !isValidIsoDay(value)) throw errors.invalidQuery(name, 'must be a date YYYY-MM-DD');
    }
    const result = pageTransactions(store, accountIds, { sinceMs, includeDeleted: sinceMs !== undefined, minDate, maxDate }, page);
    res.json(pageBody(result.rows.map(v3Transaction), nextUriOf(req, result.next, nullAsString)));
  });

  router.get('/aggregation/transactions/:id', (req, res) => {
    const { user } = authenticate(ctx, req, res);
    const id = numericId(req.params.id, 'Transaction');
    const transaction = store.transactions.get(id);
    if (!transaction || store.ownerOfAccount(transaction.accountId)?.userUuid !== user.uuid) throw errors.notFound(`Transaction ${id} not found`);
    res.json(v3Transaction(transaction));
  });

  // --- reference data (client credentials only) -------------------------------------------------------------------

  router.get('/aggregation/categories', (req, res) => {
    res.json(pageBody(categoryResources(), nextUriOf(req, null, nullAsString)));
  });

  router.get('/aggregation/categories/:id', (req, res) => {
    const id = numericId(req.params.id, 'Category');
    const category = findCategory(id);
    if (!category) throw errors.notFound(`Category ${id} not found`);
    res.json(category.parent_id === null ? { id: category.id, name: category.name } : category);
  });

  router.get('/providers', (req, res) => {
    const page = parsePageRequest(req);
    const country = queryValue(req, 'country_code')?.toUpperCase();
    const origin = originOf(req);
    const base = sandboxBase(res);
    const providers = PROVIDERS.filter((provider) => country === undefined || provider.countryCode === country).sort((a, b) => a.id - b.id);
    const result = pageByNumericKey(providers, (provider) => provider.id, page);
    res.json(pageBody(result.rows.map((provider) => v3Provider(provider, logoUrl(origin, base, provider))), nextUriOf(req, result.next, nullAsString)));
  });

  router.get('/providers/:id', (req, res) => {
    const id = numericId(req.params.id, 'Provider');
    const provider = findProvider(id);
    if (!provider) throw errors.notFound(`Provider ${id} not found`);
    res.json(v3Provider(provider, logoUrl(originOf(req), sandboxBase(res), provider)));
  });

  router.use(unknownRoute);
  router.use(bridgeErrorHandler(ctx, 'v3'));
  return router;
}
