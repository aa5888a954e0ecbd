import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';

import { cancelHref, driveConnectFunnel, formAction, hiddenFields, scaCodeOf } from './funnel-driver.js';
import { createBridgeSandbox, type BridgeSandboxOptions } from './sandbox.js';
import { CONTROL, CONTROL_TOKEN, sandboxWithUser, START, V3 } from './spec-support.js';

const CALLBACK = 'https://app.example/bank/back?tenant=7';

const setup = sandboxWithUser;

const path = (url: string): string => {
  const parsed = new URL(url, 'http://x');
  return parsed.pathname + parsed.search;
};

describe('hosted funnel (new item)', () => {
  it('goes bank list → credentials (wrong password first) → SCA code → redirect with the item', async () => {
    const { handler, v3, userUuid } = await setup();
    const preview = await request(handler)
      .post('/__sandbox/preview-accounts')
      .set(CONTROL)
      .send({ userKey: 'claire@cabinet.fr', providerId: 574 });
    expect(preview.body.accounts.map((account: { type: string }) => account.type)).toEqual([
      'checking',
      'savings',
      'card',
    ]);

    const session = await request(handler)
      .post('/v3/aggregation/connect-sessions')
      .set(v3)
      .send({ user_email: 'claire@cabinet.fr', callback_url: CALLBACK, context: 'erp-user-12' });
    expect(session.status).toBe(201);
    const list = await request(handler).get(path(session.body.url));
    expect(list.status).toBe(200);
    expect(list.headers['content-type']).toContain('text/html');
    expect(list.text).toContain('Choisissez votre banque');
    expect(list.text).not.toContain('KBC'); // FR session: French banks only
    const searched = await request(handler).get(`${path(session.body.url)}?q=credit`);
    expect(searched.text).toContain('Crédit Agricole');
    expect(searched.text).not.toContain('id="bank-574"');

    const bankLink = /id="bank-574" href="([^"]+)"/.exec(list.text)![1]!;
    const form = await request(handler).get(bankLink);
    expect(form.text).toContain('Connexion à BNP Paribas');
    const action = formAction(form.text, 'credentials-form')!;
    expect(hiddenFields(form.text)).toEqual({ provider_id: '574' });

    const refused = await request(handler)
      .post(action)
      .type('form')
      .send({ ...hiddenFields(form.text), login: 'claire', password: 'wrong' });
    expect(refused.status).toBe(200);
    expect(refused.text).toContain('Identifiants incorrects');
    expect(refused.text).toContain('id="credentials-form"');

    const sca = await request(handler)
      .post(action)
      .type('form')
      .send({ provider_id: '574', login: 'claire', password: 'secret' });
    expect(sca.text).toMatch(/Code reçu par SMS \(sandbox\) : <strong id="sca-code">\d{6}<\/strong>/);
    const code = scaCodeOf(sca.text)!;
    const scaAction = formAction(sca.text, 'sca-form')!;
    const wrongCode = await request(handler)
      .post(scaAction)
      .type('form')
      .send({ code: code === '111111' ? '222222' : '111111' });
    expect(wrongCode.text).toContain('Code incorrect');

    const done = await request(handler).post(scaAction).type('form').send({ code });
    expect(done.status).toBe(302);
    const location = new URL(done.headers.location!);
    expect(location.origin + location.pathname).toBe('https://app.example/bank/back');
    const params = Object.fromEntries(location.searchParams);
    expect(params).toEqual({
      tenant: '7',
      user_uuid: userUuid,
      item_id: String(preview.body.itemId),
      success: 'true',
      source: 'connect',
      context: 'erp-user-12',
    });

    const item = await request(handler).get(`/v3/aggregation/items/${params.item_id}`).set(v3);
    expect(item.body).toMatchObject({ status: 0, provider_id: 574 });
    const accounts = (await request(handler).get(`/v3/aggregation/accounts?item_id=${params.item_id}`).set(v3)).body
      .resources;
    const created = accounts.map(({ id, type, name, iban }: Record<string, unknown>) => ({
      id,
      type,
      name,
      iban: iban ?? null,
    }));
    expect(created.sort((a: { id: number }, b: { id: number }) => a.id - b.id)).toEqual(
      [...preview.body.accounts].sort((a, b) => a.id - b.id),
    );

    // Single use.
    const again = await request(handler).get(path(session.body.url));
    expect(again.status).toBe(410);
    expect(again.text).toContain('Session déjà utilisée');
  });

  it('goes straight to the credentials of a preselected bank and shows a success page without callback', async () => {
    const { handler, v3 } = await setup();
    const session = await request(handler)
      .post('/v3/aggregation/connect-sessions')
      .set(v3)
      .send({ user_email: 'claire@cabinet.fr', provider_id: 421 });
    const form = await request(handler).get(path(session.body.url));
    expect(form.text).toContain('Connexion à Qonto');
    const sca = await request(handler)
      .post(formAction(form.text, 'credentials-form')!)
      .type('form')
      .send({ provider_id: '421', login: 'x', password: 'y' });
    const done = await request(handler)
      .post(formAction(sca.text, 'sca-form')!)
      .type('form')
      .send({ code: scaCodeOf(sca.text) });
    expect(done.status).toBe(200);
    expect(done.text).toContain('Synchronisation effectuée');
    const accounts = (await request(handler).get('/v3/aggregation/accounts').set(v3)).body.resources;
    expect(accounts.every((account: { pro: boolean }) => account.pro)).toBe(true);
  });

  it('redirects with success=false and the current step on "Annuler"', async () => {
    const { handler, v3, userUuid } = await setup();
    const session = await request(handler)
      .post('/v3/aggregation/connect-sessions')
      .set(v3)
      .send({ user_email: 'claire@cabinet.fr', provider_id: 574, callback_url: CALLBACK });
    const form = await request(handler).get(path(session.body.url));
    const cancelled = await request(handler).get(cancelHref(form.text)!);
    expect(cancelled.status).toBe(302);
    expect(Object.fromEntries(new URL(cancelled.headers.location!).searchParams)).toEqual({
      tenant: '7',
      user_uuid: userUuid,
      success: 'false',
      step: 'bank_creds_form',
      source: 'connect',
    });
    expect((await request(handler).get('/__sandbox/state').set(CONTROL)).body.items).toBe(0);
  });

  it('expires sessions after sessionTtlSeconds', async () => {
    const { handler, v3 } = await setup({ quirks: { sessionTtlSeconds: 60 } });
    const session = await request(handler)
      .post('/v3/aggregation/connect-sessions')
      .set(v3)
      .send({ user_email: 'claire@cabinet.fr' });
    await request(handler).post('/__sandbox/clock/advance').set(CONTROL).send({ seconds: 61 });
    const page = await request(handler).get(path(session.body.url));
    expect(page.status).toBe(410);
    expect(page.text).toContain('Session expirée');
    expect((await request(handler).get('/connect/session/unknown')).status).toBe(404);
  });

  it('validates the session body (context, item ownership)', async () => {
    const { handler, v3 } = await setup();
    const badContext = await request(handler)
      .post('/v3/aggregation/connect-sessions')
      .set(v3)
      .send({ user_email: 'claire@cabinet.fr', context: 'no spaces!' });
    expect(badContext.status).toBe(400);
    expect(badContext.body.property).toBe('context');
    expect(
      (
        await request(handler)
          .post('/v3/aggregation/connect-sessions')
          .set(v3)
          .send({ user_email: 'claire@cabinet.fr', context: 'x'.repeat(101) })
      ).status,
    ).toBe(400);
    expect((await request(handler).post('/v3/aggregation/connect-sessions').set(v3).send({})).body.property).toBe(
      'user_email',
    );
    expect(
      (
        await request(handler)
          .post('/v3/aggregation/connect-sessions')
          .set(v3)
          .send({ user_email: 'a@b.c', item_id: 12345678 })
      ).status,
    ).toBe(404);
  });
});

describe('hosted funnel (existing item)', () => {
  async function withItem(options: BridgeSandboxOptions = {}) {
    const context = await setup(options);
    const session = await request(context.handler)
      .post('/v3/aggregation/connect-sessions')
      .set(context.v3)
      .send({ user_email: 'claire@cabinet.fr', provider_id: 574 });
    const completed = await request(context.handler)
      .post(`/__sandbox/connect-sessions/${session.body.id}/complete`)
      .set(CONTROL)
      .send({});
    return { ...context, itemId: completed.body.itemId as number };
  }

  it('re-authenticates an item needing SCA without choosing the bank again', async () => {
    const { handler, v3, itemId, userUuid } = await withItem();
    await request(handler).post(`/__sandbox/items/${itemId}/status`).set(CONTROL).send({ status: 1010 });
    const before = (await request(handler).get(`/v3/aggregation/items/${itemId}`).set(v3)).body;
    expect(before).toMatchObject({ status: 1010, status_code_info: 'otp_required' });
    await request(handler).post('/__sandbox/clock/advance').set(CONTROL).send({ seconds: 3600 });
    const token = (
      await request(handler).post('/v3/aggregation/authorization/token').set(V3).send({ user_uuid: userUuid })
    ).body.access_token;
    const bearer = { ...V3, Authorization: `Bearer ${token}` };

    const session = await request(handler)
      .post('/v3/aggregation/connect-sessions')
      .set(bearer)
      .send({ user_email: 'claire@cabinet.fr', item_id: itemId, callback_url: CALLBACK, context: 'renew-42' });
    expect(session.status).toBe(201);
    const form = await request(handler).get(path(session.body.url));
    expect(form.text).toContain('Connexion à BNP Paribas');
    expect(form.text).toContain('nouvelle authentification forte');
    const sca = await request(handler)
      .post(formAction(form.text, 'credentials-form')!)
      .type('form')
      .send({ ...hiddenFields(form.text), login: 'claire', password: 'secret' });
    const done = await request(handler)
      .post(formAction(sca.text, 'sca-form')!)
      .type('form')
      .send({ code: scaCodeOf(sca.text) });
    expect(done.status).toBe(302);
    expect(Object.fromEntries(new URL(done.headers.location!).searchParams)).toEqual({
      tenant: '7',
      user_uuid: userUuid,
      item_id: String(itemId),
      success: 'true',
      source: 'connect',
      context: 'renew-42',
    });
    const after = (await request(handler).get(`/v3/aggregation/items/${itemId}`).set(bearer)).body;
    expect(after.status).toBe(0);
    expect(after).not.toHaveProperty('status_code_info');
    expect(Date.parse(after.authentication_expires_at)).toBeGreaterThan(Date.parse(before.authentication_expires_at));
    expect((await request(handler).get('/__sandbox/state').set(CONTROL)).body.items).toBe(1);
  });

  it('refuses a fifth management session for the same item within 24 h (v2 and v3 share the count)', async () => {
    const { handler, v3, v2, itemId } = await withItem();
    for (let i = 0; i < 2; i++) {
      expect(
        (
          await request(handler)
            .post('/v3/aggregation/connect-sessions')
            .set(v3)
            .send({ user_email: 'claire@cabinet.fr', item_id: itemId })
        ).status,
      ).toBe(201);
      expect((await request(handler).get(`/v2/connect/items/sync?item_id=${itemId}`).set(v2)).status).toBe(200);
    }
    const fifth = await request(handler)
      .post('/v3/aggregation/connect-sessions')
      .set(v3)
      .send({ user_email: 'claire@cabinet.fr', item_id: itemId });
    expect(fifth.status).toBe(429);
    expect(fifth.body.code).toBe('too_many_requests');
    const fifthV2 = await request(handler).get(`/v2/connect/items/edit?item_id=${itemId}`).set(v2);
    expect(fifthV2.status).toBe(429);
    expect(fifthV2.body.type).toBe('too_many_requests');
    // New items are not limited.
    expect(
      (
        await request(handler)
          .post('/v3/aggregation/connect-sessions')
          .set(v3)
          .send({ user_email: 'claire@cabinet.fr' })
      ).status,
    ).toBe(201);
    await request(handler).post('/__sandbox/clock/advance').set(CONTROL).send({ seconds: 86_401 });
    const token = (
      await request(handler)
        .post('/v3/aggregation/authorization/token')
        .set(V3)
        .send({ external_user_id: 'claire@cabinet.fr' })
    ).body.access_token;
    expect(
      (
        await request(handler)
          .post('/v3/aggregation/connect-sessions')
          .set({ ...V3, Authorization: `Bearer ${token}` })
          .send({ user_email: 'claire@cabinet.fr', item_id: itemId })
      ).status,
    ).toBe(201);
  });
});

describe('v2 connect', () => {
  it('adds an item with a preselected bank and calls back the redirect_url', async () => {
    const { handler, v2, userUuid } = await setup();
    const missing = await request(handler)
      .post('/v2/connect/items/add')
      .set(v2)
      .send({ prefill_email: 'claire@cabinet.fr' });
    expect(missing.status).toBe(400);
    const added = await request(handler).post('/v2/connect/items/add').set(v2).send({
      country: 'fr',
      prefill_email: 'claire@cabinet.fr',
      bank_id: 179,
      redirect_url: CALLBACK,
      context: 'ctx-1',
    });
    expect(added.status).toBe(200);
    expect(added.body).toEqual({
      redirect_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/connect\/session\/[0-9a-f-]{36}$/),
    });
    const form = await request(handler).get(path(added.body.redirect_url));
    expect(form.text).toContain('Connexion à Société Générale');
    const sca = await request(handler)
      .post(formAction(form.text, 'credentials-form')!)
      .type('form')
      .send({ provider_id: '179', login: 'a', password: 'b' });
    const done = await request(handler)
      .post(formAction(sca.text, 'sca-form')!)
      .type('form')
      .send({ code: scaCodeOf(sca.text) });
    const params = Object.fromEntries(new URL(done.headers.location!).searchParams);
    expect(params).toMatchObject({ user_uuid: userUuid, success: 'true', source: 'connect', context: 'ctx-1' });
    const item = await request(handler).get(`/v2/items/${params.item_id}`).set(v2);
    expect(item.body).toMatchObject({ status: 0, status_code_info: null, bank_id: 179 });
  });

  it('falls back to the app redirect URL for v2 sessions', async () => {
    const { handler, v2 } = await setup({
      clients: [
        {
          clientId: 'sandbox-client-id',
          clientSecret: 'sandbox-client-secret',
          redirectUrl: 'https://dashboard.example/cb',
        },
      ],
    });
    const added = await request(handler)
      .post('/v2/connect/items/add')
      .set(v2)
      .send({ country: 'fr', prefill_email: 'claire@cabinet.fr' });
    const id = added.body.redirect_url.split('/').pop();
    const completed = await request(handler)
      .post(`/__sandbox/connect-sessions/${id}/complete`)
      .set(CONTROL)
      .send({ providerId: 163 });
    expect(completed.body.redirectUrl).toMatch(
      /^https:\/\/dashboard\.example\/cb\?user_uuid=.+&item_id=\d+&success=true&source=connect$/,
    );
    const cancelledSession = await request(handler)
      .post('/v2/connect/items/add')
      .set(v2)
      .send({ country: 'fr', prefill_email: 'claire@cabinet.fr' });
    const cancelled = await request(handler)
      .post(`/__sandbox/connect-sessions/${cancelledSession.body.redirect_url.split('/').pop()}/complete`)
      .set(CONTROL)
      .send({ success: false });
    expect(cancelled.body.redirectUrl).toContain('success=false&step=list_banks');
  });
});

describe('funnel driver over a real socket', () => {
  it('drives the pages of a mounted sandbox to the callback', async () => {
    const sandbox = createBridgeSandbox({ controlToken: CONTROL_TOKEN, startTime: START, historyMonths: 1 });
    const host = express();
    host.use('/bridge-sandbox', sandbox.handler);
    const server = await new Promise<import('node:http').Server>((resolve) => {
      const listening = host.listen(0, '127.0.0.1', () => resolve(listening));
    });
    try {
      const address = server.address() as import('node:net').AddressInfo;
      const base = `http://127.0.0.1:${address.port}/bridge-sandbox`;
      const call = (method: string, url: string, body?: unknown, headers: Record<string, string> = V3) =>
        fetch(`${base}${url}`, {
          method,
          headers: { ...headers, 'Content-Type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        }).then((r) => r.json() as Promise<Record<string, string>>);
      const user = await call('POST', '/v3/aggregation/users', { external_user_id: 'driver@example.com' });
      const token = await call('POST', '/v3/aggregation/authorization/token', { user_uuid: user.uuid });
      const bearer = { ...V3, Authorization: `Bearer ${token.access_token}` };
      const session = await call(
        'POST',
        '/v3/aggregation/connect-sessions',
        { user_email: 'driver@example.com', callback_url: 'http://localhost:3000/bridge/callback' },
        bearer,
      );
      expect(session.url).toMatch(new RegExp(`^${base}/connect/session/`));

      const wrong = await driveConnectFunnel(session.url!, { providerId: 507, password: 'wrong' });
      expect(wrong.status).toBe(200);
      expect(wrong.html).toContain('Identifiants incorrects');
      const result = await driveConnectFunnel(session.url!, { providerId: 507 });
      expect(result.status).toBe(302);
      expect(result.scaCode).toMatch(/^\d{6}$/);
      const params = new URL(result.location!).searchParams;
      expect(params.get('success')).toBe('true');
      const item = await call('GET', `/v3/aggregation/items/${params.get('item_id')}`, undefined, bearer);
      expect(item.provider_id).toBe(507);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
