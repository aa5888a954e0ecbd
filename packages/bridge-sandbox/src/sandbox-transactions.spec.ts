import { describe, expect, it } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';

import type { BridgeSandboxOptions } from './sandbox.js';
import { CONTROL, sandboxWithUser, START, V3 } from './spec-support.js';

interface Tx {
  id: number;
  date: string;
  amount: number;
  updated_at: string;
  account_id: number;
  deleted?: boolean;
  [key: string]: unknown;
}

/** A user with one BNP item, connected through the control API. */
async function connected(options: BridgeSandboxOptions = {}) {
  const { sandbox, handler, v3, v2 } = await sandboxWithUser({ transactionsPerMonth: 10, ...options });
  const session = await request(handler)
    .post('/v3/aggregation/connect-sessions')
    .set(v3)
    .send({ user_email: 'claire@cabinet.fr', provider_id: 574 });
  const completed = await request(handler)
    .post(`/__sandbox/connect-sessions/${session.body.id}/complete`)
    .set(CONTROL)
    .send({});
  expect(completed.status).toBe(200);
  const accounts = (await request(handler).get('/v3/aggregation/accounts').set(v3)).body.resources as {
    id: number;
    type: string;
    balance: number;
  }[];
  const account = (type: string) => accounts.find((candidate) => candidate.type === type)!;
  return {
    sandbox,
    handler,
    v3,
    v2,
    itemId: completed.body.itemId as number,
    checking: account('checking').id,
    card: account('card').id,
    savings: account('savings').id,
  };
}

async function all(
  handler: Express,
  path: string,
  headers: Record<string, string>,
): Promise<{ rows: Tx[]; pages: number; uris: (string | null)[] }> {
  const rows: Tx[] = [];
  const uris: (string | null)[] = [];
  let next: string | null = path;
  let pages = 0;
  while (next !== null) {
    const response: request.Response = await request(handler).get(next).set(headers);
    expect(response.status).toBe(200);
    rows.push(...response.body.resources);
    next = response.body.pagination.next_uri;
    uris.push(next);
    pages++;
  }
  return { rows, pages, uris };
}

const isReverseChronological = (rows: Tx[]): boolean =>
  rows.every(
    (row, i) => i === 0 || rows[i - 1]!.date > row.date || (rows[i - 1]!.date === row.date && rows[i - 1]!.id > row.id),
  );

describe('transaction pagination', () => {
  it('follows next_uri with limit=2 until null and gets every row once, newest first', async () => {
    const { handler, v3 } = await connected();
    const whole = (await request(handler).get('/v3/aggregation/transactions?limit=500').set(v3)).body;
    expect(whole.pagination.next_uri).toBeNull();
    expect(whole.resources.length).toBeGreaterThan(20);
    const paged = await all(handler, '/v3/aggregation/transactions?limit=2', v3);
    expect(paged.rows.map((row) => row.id)).toEqual(whole.resources.map((row: Tx) => row.id));
    expect(paged.pages).toBe(Math.ceil(whole.resources.length / 2));
    expect(isReverseChronological(paged.rows)).toBe(true);
    expect(paged.uris[0]).toMatch(/^\/v3\/aggregation\/transactions\?limit=2&after=[\w-]+$/);
    expect(paged.uris[paged.uris.length - 1]).toBeNull();
  });

  it('keeps the original filters in next_uri', async () => {
    const { handler, v3, checking } = await connected();
    const first = await request(handler).get(`/v3/aggregation/transactions?account_id=${checking}&limit=3`).set(v3);
    expect(first.body.pagination.next_uri).toMatch(
      new RegExp(`^/v3/aggregation/transactions\\?account_id=${checking}&limit=3&after=`),
    );
    const paged = await all(handler, `/v3/aggregation/transactions?account_id=${checking}&limit=3`, v3);
    expect(new Set(paged.rows.map((row) => row.account_id))).toEqual(new Set([checking]));
  });

  it('keeps cursors stable when transactions are inserted during a listing', async () => {
    const { handler, v3, checking } = await connected();
    const before = (await request(handler).get('/v3/aggregation/transactions?limit=500').set(v3)).body
      .resources as Tx[];
    const first = await request(handler).get('/v3/aggregation/transactions?limit=2').set(v3);
    const newest = await request(handler)
      .post(`/__sandbox/accounts/${checking}/transactions`)
      .set(CONTROL)
      .send({ amount: '-12.34', date: '2026-03-18', label: 'CB NOUVEAU 18/03' });
    const oldest = await request(handler)
      .post(`/__sandbox/accounts/${checking}/transactions`)
      .set(CONTROL)
      .send({ amount: 99.5, date: '2020-01-02', label: 'VIR SEPA ANCIEN' });
    expect(newest.status).toBe(201);
    const rest = await all(handler, first.body.pagination.next_uri, v3);
    const seen = [...first.body.resources, ...rest.rows].map((row: Tx) => row.id);
    expect(new Set(seen).size).toBe(seen.length); // no row twice
    expect(seen).not.toContain(newest.body.id); // inserted before the cursor: not served on the next pages
    expect(seen[seen.length - 1]).toBe(oldest.body.id); // inserted after it: served in order
    expect(seen.slice(0, -1)).toEqual(before.map((row) => row.id)); // nothing shifted or skipped
  });

  it('can end lists with the string "null" (quirk)', async () => {
    const { handler, v3 } = await connected({ quirks: { nextUriNullAsString: true } });
    const page = await request(handler).get('/v3/aggregation/items').set(v3);
    expect(page.body.pagination.next_uri).toBe('null');
  });
});

describe('incremental sync', () => {
  it('returns changes and deletions after `since` (v3), and hides deleted rows without it', async () => {
    const { handler, v3, v2, checking } = await connected();
    const initial = (await all(handler, '/v3/aggregation/transactions?limit=500', v3)).rows;
    const cursor = initial
      .map((row) => row.updated_at)
      .sort()
      .pop()!;
    expect(
      (
        await request(handler)
          .get(`/v3/aggregation/transactions?since=${encodeURIComponent(cursor)}`)
          .set(v3)
      ).body.resources,
    ).toEqual([]);

    const [changed, removed] = initial.filter((row) => row.account_id === checking);
    const patched = await request(handler)
      .patch(`/__sandbox/transactions/${changed!.id}`)
      .set(CONTROL)
      .send({ amount: '-1.01', label: 'PRLV SEPA EDF REGUL' });
    expect(patched.status).toBe(200);
    expect(patched.body.amount).toBe(-1.01);
    expect(patched.body.updated_at > cursor).toBe(true);
    const deleted = await request(handler).delete(`/__sandbox/transactions/${removed!.id}`).set(CONTROL);
    expect(deleted.body.deleted).toBe(true);
    const added = await request(handler).post(`/__sandbox/accounts/${checking}/transactions`).set(CONTROL).send({
      amount: '1500',
      date: '2026-03-17',
      label: 'VIR SEPA CLIENT DURAND',
      cleanLabel: 'Durand',
      operationType: 'transfer',
      bookingDate: '2026-03-17',
    });
    expect(added.body).toMatchObject({
      amount: 1500,
      clean_description: 'Durand',
      provider_description: 'VIR SEPA CLIENT DURAND',
      operation_type: 'transfer',
      booking_date: '2026-03-17',
      deleted: false,
      future: false,
    });
    expect(String(added.body.id)).toMatch(/^\d{14}$/);

    const since = await request(handler)
      .get(`/v3/aggregation/transactions?since=${encodeURIComponent(cursor)}`)
      .set(v3);
    const byId = new Map((since.body.resources as Tx[]).map((row) => [row.id, row]));
    expect([...byId.keys()].sort()).toEqual([changed!.id, removed!.id, added.body.id].sort());
    expect(byId.get(removed!.id)!.deleted).toBe(true);
    expect(byId.get(changed!.id)!.amount).toBe(-1.01);

    const current = (await all(handler, '/v3/aggregation/transactions?limit=500', v3)).rows.map((row) => row.id);
    expect(current).not.toContain(removed!.id);
    expect(current).toContain(added.body.id);
    expect((await request(handler).get(`/v3/aggregation/transactions/${removed!.id}`).set(v3)).body.deleted).toBe(true);

    // v2: /transactions/updated includes deletions with is_deleted; /transactions hides them.
    const updated = await request(handler)
      .get(`/v2/transactions/updated?since=${encodeURIComponent(cursor)}&limit=2`)
      .set(v2);
    const updatedRows = [...updated.body.resources, ...(await all(handler, updated.body.pagination.next_uri, v2)).rows];
    expect(updatedRows.find((row: Tx) => row.id === removed!.id).is_deleted).toBe(true);
    expect(updatedRows).toHaveLength(3);
    const perAccount = await request(handler)
      .get(`/v2/accounts/${checking}/transactions/updated?since=${encodeURIComponent(cursor)}`)
      .set(v2);
    expect(perAccount.body.resources).toHaveLength(3);
    const v2Current = (await all(handler, '/v2/transactions?limit=500', v2)).rows;
    expect(v2Current.map((row) => row.id)).not.toContain(removed!.id);

    expect((await request(handler).get('/v3/aggregation/transactions?since=yesterday').set(v3)).status).toBe(400);
  });
});

describe('raw JSON overrides (control API)', () => {
  it('serves the given JSON literals verbatim in both versions, bumps updated_at, and drops an override set to null', async () => {
    const { handler, v3, v2, checking } = await connected();
    const target = (
      (await request(handler).get(`/v3/aggregation/transactions?account_id=${checking}&limit=500`).set(v3)).body
        .resources as Tx[]
    )[0]!;
    const raw = await request(handler)
      .post(`/__sandbox/transactions/${target.id}/raw`)
      .set(CONTROL)
      .send({ fields: { amount: '1e309', date: '"hier"', currency_code: '"EURO"', booking_date: '"2025-02-30"' } });
    expect(raw.status).toBe(200);
    expect(raw.body).toEqual({
      id: target.id,
      raw: { amount: '1e309', date: '"hier"', currency_code: '"EURO"', booking_date: '"2025-02-30"' },
      updatedAt: expect.any(String),
    });
    expect(raw.body.updatedAt > target.updated_at).toBe(true);

    // The literal reaches the wire as it is (JSON.parse would turn 1e309 into Infinity): read the raw text.
    const v3Text = (await request(handler).get(`/v3/aggregation/transactions/${target.id}`).set(v3)).text;
    expect(v3Text).toContain('"amount":1e309');
    expect(v3Text).toContain('"date":"hier"');
    expect(v3Text).toContain('"currency_code":"EURO"');
    expect(v3Text).toContain('"booking_date":"2025-02-30"');
    expect(v3Text).toContain(`"updated_at":"${raw.body.updatedAt}"`);
    const listed = (
      await request(handler)
        .get(`/v3/aggregation/transactions?since=${encodeURIComponent(target.updated_at)}`)
        .set(v3)
    ).text;
    expect(listed).toContain('"amount":1e309');
    const v2Text = (
      await request(handler)
        .get(`/v2/accounts/${checking}/transactions/updated?since=${encodeURIComponent(target.updated_at)}`)
        .set(v2)
    ).text;
    expect(v2Text).toContain('"amount":1e309');
    expect(v2Text).toContain('"date":"hier"');

    // null drops one override; the others stay. The sandbox's own data (the balance) never changed.
    await request(handler)
      .post(`/__sandbox/transactions/${target.id}/raw`)
      .set(CONTROL)
      .send({ fields: { amount: null } })
      .expect(200);
    const after = (await request(handler).get(`/v3/aggregation/transactions/${target.id}`).set(v3)).body;
    expect(after).toMatchObject({ amount: target.amount, date: 'hier', currency_code: 'EURO' });
  });

  it('refuses a literal that is not one JSON value, or a bad field name', async () => {
    const { handler, v3, checking } = await connected();
    const target = (
      (await request(handler).get(`/v3/aggregation/transactions?account_id=${checking}`).set(v3)).body.resources as Tx[]
    )[0]!;
    const bad = async (fields: unknown) =>
      (await request(handler).post(`/__sandbox/transactions/${target.id}/raw`).set(CONTROL).send({ fields })).body;
    expect(await bad({ amount: 'hier' })).toEqual({
      error: 'fields.amount: must be the text of one JSON value, e.g. "1e309" or "\\"2025-02-30\\""',
    });
    expect(await bad({ amount: 12 })).toEqual({
      error: 'fields.amount: must be the text of one JSON value, e.g. "1e309" or "\\"2025-02-30\\""',
    });
    expect(await bad({ 'Amount"': '1' })).toEqual({
      error: 'fields: names are Bridge field names in snake_case, e.g. amount, currency_code',
    });
    expect(await bad([])).toEqual({ error: 'fields: must be an object of Bridge field names to JSON literals' });
    expect(
      (await request(handler).post('/__sandbox/transactions/36999999999999/raw').set(CONTROL).send({ fields: {} }))
        .status,
    ).toBe(404);
  });
});

describe('resource shapes per version', () => {
  it('renders v2 with explicit nulls and bank_* names, v3 without nulls and provider_* names', async () => {
    const { handler, v3, v2, card, checking, itemId } = await connected();
    const v3Pending = (
      (await request(handler).get(`/v3/aggregation/transactions?account_id=${card}`).set(v3)).body.resources as Tx[]
    ).find((row) => row.future)!;
    expect(v3Pending).not.toHaveProperty('booking_date');
    expect(Object.keys(v3Pending).sort()).toEqual(
      [
        'account_id',
        'amount',
        'category_id',
        'clean_description',
        'currency_code',
        'date',
        'deleted',
        'future',
        'id',
        'operation_type',
        'provider_description',
        'transaction_date',
        'updated_at',
        'value_date',
      ]
        .filter((key) => key !== 'value_date')
        .sort(),
    );
    const v2Pending = (await request(handler).get(`/v2/transactions/${v3Pending.id}`).set(v2)).body;
    expect(v2Pending).toEqual({
      id: v3Pending.id,
      clean_description: v3Pending.clean_description,
      bank_description: v3Pending.provider_description,
      amount: v3Pending.amount,
      date: v3Pending.date,
      booking_date: null,
      transaction_date: v3Pending.transaction_date,
      value_date: null,
      updated_at: v3Pending.updated_at,
      currency_code: 'EUR',
      is_deleted: false,
      category_id: v3Pending.category_id,
      account_id: card,
      is_future: true,
      show_client_side: true,
    });

    const v3Card = (await request(handler).get(`/v3/aggregation/accounts/${card}`).set(v3)).body;
    expect(v3Card).not.toHaveProperty('iban');
    expect(v3Card).toMatchObject({
      type: 'card',
      provider_id: 574,
      data_access: 'enabled',
      pro: false,
      item_id: itemId,
      currency_code: 'EUR',
    });
    const v2Card = (await request(handler).get(`/v2/accounts/${card}`).set(v2)).body;
    expect(v2Card).toMatchObject({
      iban: null,
      bank_id: 574,
      is_pro: false,
      status: 0,
      status_code_info: null,
      loan_details: null,
    });
    const v3Checking = (await request(handler).get(`/v3/aggregation/accounts/${checking}`).set(v3)).body;
    expect(v3Checking.iban).toMatch(/^FR76\d{23}$/);
    expect(v3Checking.iban_filled_manually).toBe(false);

    const v3Item = (await request(handler).get(`/v3/aggregation/items/${itemId}`).set(v3)).body;
    expect(v3Item).toEqual({
      id: itemId,
      status: 0,
      provider_id: 574,
      authentication_expires_at: expect.any(String),
      account_types: 'payment',
    });
    const v2Item = (await request(handler).get(`/v2/items/${itemId}`).set(v2)).body;
    expect(v2Item).toEqual({
      id: itemId,
      status: 0,
      status_code_info: null,
      status_code_description: null,
      bank_id: 574,
      authentication_expires_at: v3Item.authentication_expires_at,
    });
    expect(Date.parse(v3Item.authentication_expires_at) - START.getTime()).toBeGreaterThanOrEqual(180 * 86_400_000);
  });

  it('keeps balances consistent with the transactions', async () => {
    const { handler, v3, checking, card } = await connected();
    const balance = async (id: number) => (await request(handler).get(`/v3/aggregation/accounts/${id}`).set(v3)).body;
    const before = await balance(checking);
    expect(before.balance).toBe(before.accounting_balance);
    await request(handler)
      .post(`/__sandbox/accounts/${checking}/transactions`)
      .set(CONTROL)
      .send({ amount: '-12.34', date: '2026-03-18', label: 'CB TEST' });
    await request(handler)
      .post(`/__sandbox/accounts/${checking}/transactions`)
      .set(CONTROL)
      .send({ amount: '-100', date: '2026-03-19', label: 'PRLV A VENIR', future: true });
    const after = await balance(checking);
    expect(Math.round(after.accounting_balance * 100)).toBe(Math.round(before.accounting_balance * 100) - 1234);
    expect(Math.round(after.instant_balance * 100)).toBe(
      Math.round(after.accounting_balance * 100) -
        10_000 +
        Math.round((before.instant_balance - before.accounting_balance) * 100),
    );
    // The deferred-debit card shows the running (pending) total of the month; past months are settled to zero.
    const cardAccount = await balance(card);
    const pending = (
      (await request(handler).get(`/v3/aggregation/transactions?account_id=${card}&limit=500`).set(v3)).body
        .resources as Tx[]
    ).filter((row) => row.future);
    expect(Math.round(cardAccount.balance * 100)).toBe(
      pending.reduce((sum, row) => sum + Math.round(row.amount * 100), 0),
    );
    expect(cardAccount.accounting_balance).toBe(0);
  });

  it('reports an expired SCA consent as status 1010 otp_required', async () => {
    const { handler, v3, v2, itemId } = await connected();
    await request(handler)
      .post('/__sandbox/clock/advance')
      .set(CONTROL)
      .send({ seconds: 181 * 86_400 });
    const token = (
      await request(handler)
        .post('/v3/aggregation/authorization/token')
        .set(V3)
        .send({ external_user_id: 'claire@cabinet.fr' })
    ).body.access_token;
    const item = (
      await request(handler)
        .get(`/v3/aggregation/items/${itemId}`)
        .set({ ...v3, Authorization: `Bearer ${token}` })
    ).body;
    expect(item).toMatchObject({
      status: 1010,
      status_code_info: 'otp_required',
      status_code_description: expect.stringContaining('authentification forte'),
    });
    const v2Item = (
      await request(handler)
        .get(`/v2/items/${itemId}`)
        .set({ ...v2, Authorization: `Bearer ${token}` })
    ).body;
    expect(v2Item).toMatchObject({ status: 1010, status_code_info: 'OTP_REQUIRED' });
  });

  it('lets the control API set any item status', async () => {
    const { handler, v3, v2, itemId } = await connected();
    const changed = await request(handler).post(`/__sandbox/items/${itemId}/status`).set(CONTROL).send({ status: 402 });
    expect(changed.body).toMatchObject({ status: 402, status_code_info: 'invalid_creds' });
    expect((await request(handler).get(`/v2/items/${itemId}`).set(v2)).body.status_code_info).toBe('INVALID_CREDS');
    await request(handler)
      .post(`/__sandbox/items/${itemId}/status`)
      .set(CONTROL)
      .send({ status: 429, statusCodeInfo: 'ACCOUNT_TO_ACTIVATE' });
    expect((await request(handler).get(`/v3/aggregation/items/${itemId}`).set(v3)).body.status_code_info).toBe(
      'account_to_activate',
    );
    const deleted = await request(handler).delete(`/v3/aggregation/items/${itemId}`).set(v3);
    expect(deleted.status).toBe(204);
    expect((await request(handler).get('/v3/aggregation/accounts').set(v3)).body.resources).toEqual([]);
    expect((await request(handler).get('/__sandbox/state').set(CONTROL)).body).toMatchObject({
      items: 0,
      accounts: 0,
      transactions: 0,
      users: 1,
    });
  });
});
