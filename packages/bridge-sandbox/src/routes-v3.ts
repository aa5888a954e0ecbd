/**
 * Bridge 2025-01-15, mounted at `/v3`: what differs from 2021-06-01 (see routes.ts). Users, items, accounts,
 * transactions and categories sit under `/aggregation`; the token endpoint is `/aggregation/authorization/token`;
 * the catalogue is `/providers`. Only v3 has `connect-sessions` and the one transaction list filtered by
 * `account_id`, `since` (on `updated_at`, deletions included) and `min_date`/`max_date`.
 */
import type { Router } from 'express';

import { authenticate, jsonBody } from './bridge-common.js';
import { isValidIsoDay, parseIsoInstant } from './dates.js';
import { errors } from './errors.js';
import { queryValue } from './http.js';
import { pageTransactions, parsePageRequest } from './pagination.js';
import type { BridgeVersionRoutes, SharedRoutes } from './routes.js';
import * as v3Shapes from './serializers-v3.js';
import type { SandboxItem } from './store.js';
import {
  accountTypes,
  callbackUrl,
  context,
  countryCode,
  knownProvider,
  optionalInteger,
  requiredEmail,
} from './validation.js';

export const V3_ROUTES: BridgeVersionRoutes = {
  version: 'v3',
  paths: { aggregation: '/aggregation', token: '/aggregation/authorization/token', providers: '/providers' },
  providerNoun: 'Provider',
  shapes: v3Shapes,
  duplicateUser: (externalUserId) => `User with external_user_id '${externalUserId}' already exists`,
  usersByExternalId: true,
  tokenIdentityMissing: 'user_uuid or external_user_id is required',
  legacyUsers: null,
  ownRoutes: (router, shared) => {
    connectSessionRoutes(router, shared);
    transactionListRoutes(router, shared);
  },
};

function connectSessionRoutes(router: Router, { ctx, store, sessionUrl }: SharedRoutes): void {
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
    res.status(201).json({ id: session.id, url: sessionUrl(req, res, session) });
  });
}

function transactionListRoutes(router: Router, { ctx, store, sendPage }: SharedRoutes): void {
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
    for (const [name, value] of [
      ['min_date', minDate],
      ['max_date', maxDate],
    ] as const) {
      if (value !== undefined && !isValidIsoDay(value)) throw errors.invalidQuery(name, 'must be a date YYYY-MM-DD');
    }
    const result = pageTransactions(
      store,
      accountIds,
      { sinceMs, includeDeleted: sinceMs !== undefined, minDate, maxDate },
      page,
    );
    sendPage(req, res, result.rows.map(v3Shapes.transaction), result.next);
  });
}
