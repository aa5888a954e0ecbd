/**
 * The Bridge routes of both API versions, one implementation. 2021-06-01 (`/v2`, routes-v2.ts) and 2025-01-15
 * (`/v3`, routes-v3.ts) run the same users, token, items, accounts, transaction, category and provider routes; a
 * `BridgeVersionRoutes` says what differs: the paths, the JSON shapes (serializers-v2.ts, serializers-v3.ts), a few
 * messages, the legacy e-mail/password users of v2, and the routes only one version has (connect sessions,
 * transaction lists).
 */
import { randomUUID } from 'node:crypto';

import { type Request, type Response, Router } from 'express';

import {
  appOf,
  authenticate,
  bridgeErrorHandler,
  bridgeGuard,
  issueToken,
  jsonBody,
  numericId,
  stringParam,
  unknownRoute,
} from './bridge-common.js';
import { findProvider, type Provider, PROVIDERS } from './catalog.js';
import type { SandboxContext } from './context.js';
import { type ApiVersion, errors } from './errors.js';
import { originOf, queryValue, sandboxBase } from './http.js';
import { type CursorKey, nextUriOf, pageBody, pageByNumericKey, parsePageRequest } from './pagination.js';
import { categoryResources, findCategory, logoUrl } from './serializers.js';
import type {
  ClientApp,
  ConnectSession,
  SandboxAccount,
  SandboxItem,
  SandboxStore,
  SandboxTransaction,
  SandboxUser,
} from './store.js';
import { optionalString } from './validation.js';

type Json = Record<string, unknown>;

export interface BridgeVersionRoutes {
  version: ApiVersion;
  paths: {
    /** Prefix of the users, items, accounts, transactions and categories: '' on v2, '/aggregation' on v3. */
    aggregation: string;
    /** The token endpoint. */
    token: string;
    /** The provider catalogue. */
    providers: string;
  };
  /** What a 404 of the provider catalogue calls a provider. */
  providerNoun: string;
  /** The JSON shapes of the version, by resource (serializers-v2.ts, serializers-v3.ts). */
  shapes: VersionShapes;
  /** The 409 message of a second user with the same `external_user_id`. */
  duplicateUser: (externalUserId: string) => string;
  /** Whether `GET users` filters on `?external_user_id=`. */
  usersByExternalId: boolean;
  /** The 400 message of a token request naming no user. */
  tokenIdentityMissing: string;
  /** Legacy e-mail/password users, used when a users or token body carries `email` or `password`; null if none. */
  legacyUsers: LegacyUsers | null;
  /** The routes of this version only, mounted before the shared ones (so that `/transactions/updated` is no id). */
  ownRoutes: (router: Router, shared: SharedRoutes) => void;
}

export interface VersionShapes {
  user: (user: SandboxUser) => Json;
  item: (store: SandboxStore, item: SandboxItem) => Json;
  account: (store: SandboxStore, account: SandboxAccount) => Json;
  transaction: (transaction: SandboxTransaction) => Json;
  provider: (provider: Provider, logo: string, displayOrder: number) => Json;
  category: (category: { id: number; name: string; parent_id: number | null }) => Json;
}

export interface LegacyUsers {
  /** Validates the body and creates the user (answered 201 with the version's user shape). */
  create: (shared: SharedRoutes, app: ClientApp, body: Json) => SandboxUser;
  /** The user whose e-mail and password the body carries, else 401. */
  authenticate: (shared: SharedRoutes, app: ClientApp, body: Json) => SandboxUser;
}

/** What the shared routes offer to a version's own routes. */
export interface SharedRoutes {
  ctx: SandboxContext;
  store: SandboxStore;
  /** A new user of the app, stored. */
  addUser: (app: ClientApp, fields: Pick<SandboxUser, 'email' | 'password' | 'externalUserId'>) => SandboxUser;
  /** The user of the app, else 404. */
  userOfApp: (uuid: string, res: Response) => SandboxUser;
  /** The user's item, else 404. */
  itemOfUser: (rawId: string | string[] | undefined, user: SandboxUser) => SandboxItem;
  /** The id of the user's account, else 404. */
  accountOfUser: (rawId: string | string[] | undefined, user: SandboxUser) => number;
  /** The funnel URL of a connect session, as the caller reached the sandbox. */
  sessionUrl: (req: Request, res: Response, session: ConnectSession) => string;
  /** Answers a list page: `{resources, pagination: {next_uri}}`. */
  sendPage: (req: Request, res: Response, resources: unknown[], next: CursorKey | null) => void;
}

export function bridgeRouter(ctx: SandboxContext, spec: BridgeVersionRoutes): Router {
  const router = Router();
  const { store } = ctx;
  const { version, shapes } = spec;
  const nullAsString = ctx.options.quirks.nextUriNullAsString;
  const shared: SharedRoutes = {
    ctx,
    store,
    addUser: (app, fields) => {
      const user: SandboxUser = { uuid: randomUUID(), clientId: app.clientId, ...fields, seq: store.nextSeq() };
      store.users.set(user.uuid, user);
      return user;
    },
    userOfApp: (uuid, res) => {
      const user = store.users.get(uuid);
      if (!user || user.clientId !== appOf(res).clientId) throw errors.notFound(`User ${uuid} not found`);
      return user;
    },
    itemOfUser: (rawId, user) => {
      const id = numericId(rawId, 'Item');
      const item = store.items.get(id);
      if (!item || item.userUuid !== user.uuid) throw errors.notFound(`Item ${id} not found`);
      return item;
    },
    accountOfUser: (rawId, user) => {
      const id = numericId(rawId, 'Account');
      if (!store.accounts.has(id) || store.ownerOfAccount(id)?.userUuid !== user.uuid)
        throw errors.notFound(`Account ${id} not found`);
      return id;
    },
    sessionUrl: (req, res, session) => `${originOf(req)}${sandboxBase(res)}/connect/session/${session.id}`,
    sendPage: (req, res, resources, next) => {
      res.json(pageBody(resources, nextUriOf(req, next, nullAsString)));
    },
  };
  const { addUser, userOfApp, itemOfUser, accountOfUser, sendPage } = shared;
  const isLegacy = (body: Json): boolean =>
    spec.legacyUsers !== null && (body.email !== undefined || body.password !== undefined);
  const at = spec.paths.aggregation;

  router.use(bridgeGuard(ctx, version));
  spec.ownRoutes(router, shared);

  // --- users and tokens (client credentials only) -----------------------------------------------------------------

  router.post(`${at}/users`, async (req, res) => {
    const body = await jsonBody(req, version);
    const app = appOf(res);
    if (isLegacy(body)) {
      res.status(201).json(shapes.user(spec.legacyUsers!.create(shared, app, body)));
      return;
    }
    const externalUserId = optionalString(body, 'external_user_id');
    if (externalUserId !== null && store.findUserByExternalId(app.clientId, externalUserId)) {
      throw errors.conflict(spec.duplicateUser(externalUserId));
    }
    res.status(201).json(shapes.user(addUser(app, { email: null, password: null, externalUserId })));
  });

  router.get(`${at}/users`, (req, res) => {
    const page = parsePageRequest(req);
    const external = spec.usersByExternalId ? queryValue(req, 'external_user_id') : undefined;
    const users = store
      .usersOf(appOf(res).clientId)
      .filter((user) => external === undefined || user.externalUserId === external);
    const result = pageByNumericKey(users, (user) => user.seq, page);
    sendPage(req, res, result.rows.map(shapes.user), result.next);
  });

  router.get(`${at}/users/:uuid`, (req, res) => {
    res.json(shapes.user(userOfApp(stringParam(req.params.uuid), res)));
  });

  router.delete(`${at}/users/:uuid`, (req, res) => {
    store.deleteUser(userOfApp(stringParam(req.params.uuid), res).uuid);
    res.status(204).end();
  });

  router.delete(`${at}/users`, (_req, res) => {
    for (const user of store.usersOf(appOf(res).clientId)) store.deleteUser(user.uuid);
    res.status(204).end();
  });

  router.post(spec.paths.token, async (req, res) => {
    const body = await jsonBody(req, version);
    const app = appOf(res);
    let user: SandboxUser | undefined;
    if (isLegacy(body)) {
      user = spec.legacyUsers!.authenticate(shared, app, body);
    } else {
      const uuid = optionalString(body, 'user_uuid');
      const externalUserId = optionalString(body, 'external_user_id');
      if (uuid !== null) {
        user = store.users.get(uuid);
        if (user && user.clientId !== app.clientId) user = undefined;
      } else if (externalUserId !== null) {
        user = store.findUserByExternalId(app.clientId, externalUserId);
      } else {
        throw errors.invalidBody('user_uuid', spec.tokenIdentityMissing);
      }
      if (!user) throw errors.notFound('User not found');
    }
    res.json({ ...issueToken(ctx, user), user: shapes.user(user) });
  });

  // --- items, accounts, transactions ------------------------------------------------------------------------------

  router.get(`${at}/items`, (req, res) => {
    const { user } = authenticate(ctx, req, res);
    const result = pageByNumericKey(store.itemsOf(user.uuid), (item) => item.seq, parsePageRequest(req));
    const shown = result.rows.map((item) => shapes.item(store, item));
    sendPage(req, res, shown, result.next);
  });

  router.get(`${at}/items/:id`, (req, res) => {
    const { user } = authenticate(ctx, req, res);
    res.json(shapes.item(store, itemOfUser(req.params.id, user)));
  });

  router.delete(`${at}/items/:id`, (req, res) => {
    const { user } = authenticate(ctx, req, res);
    store.deleteItem(itemOfUser(req.params.id, user).id);
    res.status(204).end();
  });

  router.get(`${at}/accounts`, (req, res) => {
    const { user } = authenticate(ctx, req, res);
    const page = parsePageRequest(req);
    const rawItem = queryValue(req, 'item_id');
    const accounts = (
      rawItem !== undefined ? store.accountsOfItem(itemOfUser(rawItem, user).id) : store.accountsOfUser(user.uuid)
    ).sort((a, b) => a.id - b.id);
    const result = pageByNumericKey(accounts, (account) => account.id, page);
    const shown = result.rows.map((account) => shapes.account(store, account));
    sendPage(req, res, shown, result.next);
  });

  router.get(`${at}/accounts/:id`, (req, res) => {
    const { user } = authenticate(ctx, req, res);
    res.json(shapes.account(store, store.accounts.get(accountOfUser(req.params.id, user))!));
  });

  router.get(`${at}/transactions/:id`, (req, res) => {
    const { user } = authenticate(ctx, req, res);
    const id = numericId(req.params.id, 'Transaction');
    const transaction = store.transactions.get(id);
    if (!transaction || store.ownerOfAccount(transaction.accountId)?.userUuid !== user.uuid)
      throw errors.notFound(`Transaction ${id} not found`);
    res.json(shapes.transaction(transaction));
  });

  // --- reference data (client credentials only) -------------------------------------------------------------------

  router.get(`${at}/categories`, (req, res) => {
    sendPage(req, res, categoryResources(), null);
  });

  router.get(`${at}/categories/:id`, (req, res) => {
    const id = numericId(req.params.id, 'Category');
    const category = findCategory(id);
    if (!category) throw errors.notFound(`Category ${id} not found`);
    res.json(shapes.category(category));
  });

  router.get(spec.paths.providers, (req, res) => {
    const page = parsePageRequest(req);
    const country = queryValue(req, 'country_code')?.toUpperCase();
    const origin = originOf(req);
    const base = sandboxBase(res);
    const providers = PROVIDERS.filter((provider) => country === undefined || provider.countryCode === country).sort(
      (a, b) => a.id - b.id,
    );
    const result = pageByNumericKey(providers, (provider) => provider.id, page);
    const shown = result.rows.map((provider) =>
      shapes.provider(provider, logoUrl(origin, base, provider), PROVIDERS.indexOf(provider)),
    );
    sendPage(req, res, shown, result.next);
  });

  router.get(`${spec.paths.providers}/:id`, (req, res) => {
    const id = numericId(req.params.id, spec.providerNoun);
    const provider = findProvider(id);
    if (!provider) throw errors.notFound(`${spec.providerNoun} ${id} not found`);
    res.json(
      shapes.provider(provider, logoUrl(originOf(req), sandboxBase(res), provider), PROVIDERS.indexOf(provider)),
    );
  });

  router.use(unknownRoute);
  router.use(bridgeErrorHandler(ctx, version));
  return router;
}
