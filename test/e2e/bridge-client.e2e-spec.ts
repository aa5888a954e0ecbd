import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createBridgeSandbox, driveConnectFunnel } from '@telecollecte/bridge-sandbox';

import { AccessScope } from '../../src/auth/access-scope.js';
import type { BridgeVersion } from '../../src/bridge-config/bridge-config.entity.js';
import { BridgeConfigsService } from '../../src/bridge-config/bridge-configs.service.js';
import { deriveBridgePassword } from '../../src/bridge/bridge-password.js';
import { BridgeClient } from '../../src/bridge/bridge.client.js';
import {
  BridgeAuthenticationError,
  BridgeRateLimitedError,
  BridgeRequestError,
  BridgeUnavailableError,
} from '../../src/bridge/bridge.errors.js';
import type { BridgeConnection, BridgeTransaction, BridgeUser } from '../../src/bridge/bridge.types.js';
import { MAX_LOGGED_BODY } from '../../src/bridge/redaction.js';
import { isIban } from '../../src/common/validation/validators.js';
import { sandboxControl, type SandboxServer } from '../support/sandbox-control.js';
import { TEST_NOW } from '../support/test-clock.js';
import { newCompany } from './utils/factories.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

const VERSIONS: BridgeVersion[] = ['2025-01-15', '2021-06-01'];
const CALLBACK = 'http://127.0.0.1:9/bridge/callback';

describe.each(VERSIONS)(`Bridge client %s against the sandbox (${TEST_ENGINE})`, (version) => {
  const api =
    version === '2021-06-01'
      ? { items: '/v2/items', transactions: '/v2/transactions' }
      : { items: '/v3/aggregation/items', transactions: '/v3/aggregation/transactions' };
  let t: TestApp;
  let sandbox: SandboxServer;
  let control: ReturnType<typeof sandboxControl>;
  let client: BridgeClient;

  beforeAll(async () => {
    t = await createTestApp({
      BRIDGE_TIMEOUT_MS: '400',
      BRIDGE_MAX_RETRIES: '2',
      BRIDGE_RETRY_BASE_MS: '5',
      BRIDGE_RATE_LIMIT_MAX_WAIT_MS: '2500',
    });
    sandbox = await createBridgeSandbox({
      seed: 11,
      historyMonths: 3,
      transactionsPerMonth: 25,
      rateLimits: false,
      startTime: TEST_NOW,
    }).listen();
    control = sandboxControl(sandbox.url, sandbox.controlToken);
    client = t.app.get(BridgeClient);
  });

  afterEach(async () => {
    // A test that failed half-way must not leave its faults to the next one.
    await control.delete('/faults');
  });

  afterAll(async () => {
    await sandbox.close();
    await t.close();
  });

  /** A company with a Bridge configuration of its own: each test reads only its own rows of the API log. */
  async function newConnection(): Promise<BridgeConnection> {
    const companyId = (await newCompany(t.api())).id;
    const created = await t
      .api()
      .post('/api/v1/bridge-configs', {
        companyIds: [companyId],
        name: 'Sandbox',
        url: sandbox.url,
        version,
        clientId: 'sandbox-client-id',
        clientSecret: 'sandbox-client-secret',
      })
      .expect(201);
    const configs = t.app.get(BridgeConfigsService);
    return configs.connectionOf(await configs.get(created.body.id, AccessScope.editor()), companyId);
  }

  /** A Bridge user of its own e-mail, whose bank (BNP, 574) is connected through the funnel. */
  async function connectedBank(
    email: string,
  ): Promise<{ connection: BridgeConnection; user: BridgeUser; itemId: number }> {
    const connection = await newConnection();
    const { user } = await client.ensureUser(connection, email);
    const session = await client.createConnectSession(connection, user, {
      email: user.email,
      countryCode: 'FR',
      callbackUrl: CALLBACK,
      context: 'scene',
      providerId: 574,
    });
    const funnel = await driveConnectFunnel(session.url);
    return { connection, user, itemId: Number(new URL(funnel.location!).searchParams.get('item_id')) };
  }

  it('should create the Bridge user of an e-mail once, then reuse it', async () => {
    const connection = await newConnection();
    const first = await client.ensureUser(connection, 'claire.dupont@cabinet.fr');
    expect(first.created).toBe(true);
    const again = await client.ensureUser(connection, 'claire.dupont@cabinet.fr');
    expect(again).toEqual({ user: first.user, created: false });
  });

  it('should open the funnel for a new bank and connect it through the HTML pages', async () => {
    const connection = await newConnection();
    const { user } = await client.ensureUser(connection, 'funnel@cabinet.fr');
    const session = await client.createConnectSession(connection, user, {
      email: user.email,
      countryCode: 'FR',
      callbackUrl: CALLBACK,
      context: 'stmt-42',
      providerId: 574,
    });
    expect(session.url).toMatch(/\/connect\/session\/[\w-]+$/);
    const funnel = await driveConnectFunnel(session.url);
    expect(funnel.status).toBe(302);
    const callback = new URL(funnel.location!);
    expect(`${callback.origin}${callback.pathname}`).toBe(CALLBACK);
    expect(callback.searchParams.get('success')).toBe('true');
    expect(callback.searchParams.get('context')).toBe('stmt-42');
    expect(callback.searchParams.get('user_uuid')).toBe(user.uuid);
    const itemId = Number(callback.searchParams.get('item_id'));

    const items = await client.listItems(connection, user);
    expect(items).toEqual([expect.objectContaining({ id: itemId, status: 0, providerId: 574 })]);
    expect([null, 'ok']).toContain(items[0]!.statusCodeInfo);
    const accounts = await client.listAccounts(connection, user, { itemId });
    const checking = accounts.find((account) => account.type === 'checking')!;
    const card = accounts.find((account) => account.type === 'card')!;
    expect(isIban(checking.iban)).toBe(true);
    expect(checking.balance).toMatch(/^-?\d+\.\d{2}$/);
    expect(card.iban).toBeNull();
  });

  it('should list the whole history page by page, across a token expiry in the middle', async () => {
    const { connection, user } = await connectedBank('history@cabinet.fr');
    const pages: BridgeTransaction[][] = [];
    for await (const page of client.transactionPages(connection, user, { pageSize: 40 })) {
      expect(page.rejected).toEqual([]);
      pages.push(page.transactions);
      if (pages.length === 1) {
        await control.post('/tokens/expire', { userUuid: user.uuid });
      }
    }
    expect(pages.length).toBeGreaterThan(2);
    const all = pages.flat();
    expect(new Set(all.map((transaction) => transaction.id)).size).toBe(all.length);
    expect(all.every((transaction) => /^-?\d+\.\d{2}$/.test(transaction.amount) && !transaction.deleted)).toBe(true);
    expect(all.some((transaction) => String(transaction.id).length === 14)).toBe(true);

    const rows: { path: string; status: number; rowCount: number | null; responseBody: string | null }[] =
      await t.dataSource.query(
        'SELECT path, status, rowCount, responseBody FROM api_log WHERE bridgeConfigId = ? ORDER BY id',
        [connection.configId],
      );
    const listing = rows.filter((row) => row.path.includes('transactions'));
    expect(listing.filter((row) => row.status === 401)).toHaveLength(1);
    const answered = listing.filter((row) => row.status === 200);
    expect(answered.length).toBe(pages.length);
    // One row per exchange, with the page's size; the body is kept as a bounded excerpt, never whole.
    expect(answered.map((row) => Number(row.rowCount))).toEqual(pages.map((page) => page.length));
    for (const row of answered) expect(row.responseBody!.length).toBeLessThan(MAX_LOGGED_BODY + 60);
    expect(listing.find((row) => row.status === 401)!.rowCount).toBeNull();
  });

  it('should return updates and deletions since an instant', async () => {
    const { connection, user, itemId } = await connectedBank('changes@cabinet.fr');
    const accounts = await client.listAccounts(connection, user, { itemId });
    const checking = accounts.find((account) => account.type === 'checking')!;
    const before: BridgeTransaction[] = [];
    for await (const page of client.transactionPages(connection, user, { accountId: checking.id }))
      before.push(...page.transactions);
    const since = before
      .map((transaction) => transaction.updatedAt)
      .sort()
      .at(-1)!;

    await control.post('/clock/advance', { seconds: 60 });
    const added = await control.post<{ id: number }>(`/accounts/${checking.id}/transactions`, {
      amount: '-12.34',
      date: '2026-11-20',
      label: 'CB BOULANGERIE 20/11',
    });
    await control.patch(`/transactions/${before[0]!.id}`, { amount: '-99.99' });
    await control.delete(`/transactions/${before[1]!.id}`);

    const changes: BridgeTransaction[] = [];
    for await (const page of client.transactionPages(connection, user, { accountId: checking.id, since }))
      changes.push(...page.transactions);
    const byId = new Map(changes.map((transaction) => [transaction.id, transaction]));
    expect([...byId.keys()].sort()).toEqual([added.id, before[0]!.id, before[1]!.id].sort());
    expect(byId.get(added.id)).toMatchObject({
      amount: '-12.34',
      originalLabel: 'CB BOULANGERIE 20/11',
      deleted: false,
    });
    expect(byId.get(before[0]!.id)!.amount).toBe('-99.99');
    expect(byId.get(before[1]!.id)!.deleted).toBe(true);
  });

  it('should show an item needing SCA and open the funnel for that item only', async () => {
    const { connection, user, itemId } = await connectedBank('sca@cabinet.fr');
    await control.post(`/items/${itemId}/status`, { status: 1010 });
    const [item] = await client.listItems(connection, user);
    expect(item).toMatchObject({ id: itemId, status: 1010, statusCodeInfo: 'otp_required' });
    const session = await client.createItemSession(connection, user, {
      email: user.email,
      itemId,
      reason: 'sca',
      callbackUrl: CALLBACK,
      context: 'reauth-1',
    });
    const funnel = await driveConnectFunnel(session.url);
    const callback = new URL(funnel.location!);
    expect(callback.searchParams.get('item_id')).toBe(String(itemId));
    expect(callback.searchParams.get('success')).toBe('true');
    const [repaired] = await client.listItems(connection, user);
    expect(repaired!.status).toBe(0);
    expect(Date.parse(repaired!.authenticationExpiresAt!)).toBeGreaterThan(TEST_NOW.getTime() + 170 * 86_400_000);
  });

  it('should retry 5xx answers then succeed, with one API log row per exchange', async () => {
    const { connection, user } = await connectedBank('retries@cabinet.fr');
    const [{ count: before }] = await t.dataSource.query(
      'SELECT COUNT(*) AS count FROM api_log WHERE bridgeConfigId = ?',
      [connection.configId],
    );
    await control.post('/faults', { path: api.items, kind: 'status', status: 503, times: 2 });
    await expect(client.listItems(connection, user)).resolves.toHaveLength(1);
    const rows: { status: number }[] = await t.dataSource.query(
      'SELECT status FROM api_log WHERE bridgeConfigId = ? ORDER BY id',
      [connection.configId],
    );
    expect(rows.slice(Number(before)).map((row) => Number(row.status))).toEqual([503, 503, 200]);
  });

  it('should end in a typed error once the retries are exhausted', async () => {
    const { connection, user } = await connectedBank('exhausted@cabinet.fr');
    await control.post('/faults', { path: api.items, kind: 'status', status: 502, times: 3 });
    const error = await client.listItems(connection, user).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeUnavailableError);
    expect((error as Error).message).toMatch(
      /after 3 attempt\(s\) \(last: HTTP 502\); nothing was changed, try again in a few minutes/,
    );
    await control.delete('/faults');
  });

  it('should survive timeouts, dropped connections and malformed answers', async () => {
    const { connection, user } = await connectedBank('faults@cabinet.fr');
    await control.post('/faults', { path: api.items, kind: 'slow', delayMs: 2000, times: 1 });
    await expect(client.listItems(connection, user)).resolves.toHaveLength(1);
    await control.post('/faults', { path: api.items, kind: 'network', times: 1 });
    await expect(client.listItems(connection, user)).resolves.toHaveLength(1);
    await control.post('/faults', { path: api.items, kind: 'malformed', times: 1 });
    await expect(client.listItems(connection, user)).resolves.toHaveLength(1);
    const rows: { error: string | null }[] = await t.dataSource.query(
      'SELECT error FROM api_log WHERE bridgeConfigId = ? AND error IS NOT NULL',
      [connection.configId],
    );
    expect(rows.map((row) => row.error)).toEqual(
      expect.arrayContaining([
        'no answer within 400 ms',
        'malformed JSON answer',
        expect.stringMatching(/^a network error/),
      ]),
    );
  });

  it('should wait on 429 (with or without Retry-After) and give up past the budget', async () => {
    const { connection, user } = await connectedBank('rate-limit@cabinet.fr');
    await control.post('/faults', { path: api.items, kind: 'rate_limit', retryAfterSeconds: 1, times: 1 });
    const started = Date.now();
    await expect(client.listItems(connection, user)).resolves.toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    await control.post('/faults', { path: api.items, kind: 'rate_limit', times: 1 });
    await expect(client.listItems(connection, user)).resolves.toHaveLength(1);
    await control.post('/faults', { path: api.items, kind: 'rate_limit', retryAfterSeconds: 30, times: 1 });
    const error = await client.listItems(connection, user).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeRateLimitedError);
    await control.delete('/faults');
  });

  it("should report Bridge's refusals with its code, and wrong client credentials as such", async () => {
    const { connection, user } = await connectedBank('refusals@cabinet.fr');
    const refused = await client
      .createConnectSession(connection, user, {
        email: user.email,
        countryCode: 'FR',
        callbackUrl: CALLBACK,
        context: 'not valid!',
      })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BridgeRequestError);
    expect((refused as BridgeRequestError).status).toBe(400);
    const wrong = await client
      .ensureUser({ ...connection, clientSecret: 'not-the-secret' }, 'x@cabinet.fr')
      .catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(BridgeAuthenticationError);
    expect((wrong as Error).message).toMatch(/correct them in that configuration/);
  });

  it('should keep every secret, password and token out of the API log', async () => {
    // A first connection (user, token, funnel), then a listing page by page after the token expired: a new token.
    const { connection, user } = await connectedBank('secrets@cabinet.fr');
    const issuedTokens = new Set([(await client.getToken(connection, user)).accessToken]);
    await control.post('/tokens/expire', { userUuid: user.uuid });
    for await (const page of client.transactionPages(connection, user, { pageSize: 20 }))
      expect(page.rejected).toEqual([]);
    issuedTokens.add((await client.getToken(connection, user)).accessToken);
    expect(issuedTokens.size).toBe(2);
    const rows = await t.dataSource.query('SELECT method, path, requestBody, responseBody, error FROM api_log');
    const dump = JSON.stringify(rows);
    expect(rows.length).toBeGreaterThan(10);
    const forbidden = ['sandbox-client-secret', ...issuedTokens];
    if (version === '2021-06-01')
      forbidden.push(deriveBridgePassword(t.config.encryptionKey, connection.clientId, user.email));
    for (const secret of forbidden) {
      expect(dump).not.toContain(secret);
    }
    expect(dump).not.toMatch(/"access_token":"(?!\[REDACTED\])/);
    expect(dump).not.toMatch(/Bearer /);
  });
});
