import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';

import { createBridgeSandbox } from './sandbox.js';
import { CLIENT, CONTROL, CONTROL_TOKEN, START, V2, V3 } from './spec-support.js';

function sandbox(options: Parameters<typeof createBridgeSandbox>[0] = {}) {
  return createBridgeSandbox({ controlToken: CONTROL_TOKEN, startTime: START, historyMonths: 1, ...options });
}

describe('Bridge headers and error bodies', () => {
  const { handler } = sandbox();

  it('refuses a missing or unknown version header with 400 and the version error body', async () => {
    const v3 = await request(handler).get('/v3/providers').set(CLIENT);
    expect(v3.status).toBe(400);
    expect(v3.body).toEqual({
      code: 'invalid_bridge_version',
      message: 'Bridge-Version header must be 2025-01-15',
      property: 'Bridge-Version',
    });
    const v2 = await request(handler)
      .get('/v2/banks')
      .set({ ...CLIENT, 'Bridge-Version': '2025-01-15' });
    expect(v2.status).toBe(400);
    expect(v2.body).toEqual({
      type: 'invalid_request',
      message: 'Bridge-Version header must be 2021-06-01',
      documentation_url: null,
    });
    // v3 needs 2025-01-15, not the v2 version.
    expect(
      (
        await request(handler)
          .get('/v3/providers')
          .set({ ...CLIENT, 'Bridge-Version': '2021-06-01' })
      ).status,
    ).toBe(400);
  });

  it('accepts the legacy Bankin-Version header on v2', async () => {
    const response = await request(handler)
      .get('/v2/banks')
      .set({ ...CLIENT, 'Bankin-Version': '2021-06-01' });
    expect(response.status).toBe(200);
    expect(response.body.resources.length).toBeGreaterThanOrEqual(15);
  });

  it('refuses wrong or missing client credentials with 401', async () => {
    const v3 = await request(handler)
      .get('/v3/providers')
      .set({ ...V3, 'Client-Secret': 'nope' });
    expect(v3.status).toBe(401);
    expect(v3.body).toEqual({ code: 'invalid_client_credentials', message: 'client_id and client_secret are invalid' });
    const v2 = await request(handler).get('/v2/banks').set({ 'Bridge-Version': '2021-06-01' });
    expect(v2.status).toBe(401);
    expect(v2.body).toEqual({
      type: 'unauthorized',
      message: 'client_id and client_secret are invalid',
      documentation_url: null,
    });
  });

  it('needs application/json for bodies (415) and refuses malformed JSON (422 on v2, 400 on v3)', async () => {
    const noType = await request(handler)
      .post('/v3/aggregation/users')
      .set(V3)
      .set('Content-Type', 'text/plain')
      .send('{}');
    expect(noType.status).toBe(415);
    expect(noType.body.code).toBe('unsupported_media_type');
    const v3 = await request(handler)
      .post('/v3/aggregation/users')
      .set(V3)
      .set('Content-Type', 'application/json')
      .send('{"external_user_id":');
    expect(v3.status).toBe(400);
    expect(v3.body.code).toBe('invalid_body_content');
    const v2 = await request(handler).post('/v2/users').set(V2).set('Content-Type', 'application/json').send('{oops');
    expect(v2.status).toBe(422);
    expect(v2.body).toEqual({
      type: 'unprocessable_entity',
      message: 'The request body is not valid JSON',
      documentation_url: null,
    });
  });

  it('answers a bare 404 on unknown routes', async () => {
    const response = await request(handler).get('/v3/aggregation/nothing').set(V3);
    expect(response.status).toBe(404);
    expect(response.text).toBe('Cannot GET /v3/aggregation/nothing');
  });

  it('can send v3 errors as an array (quirk)', async () => {
    const quirky = sandbox({ quirks: { v3ErrorsAsArray: true } });
    const response = await request(quirky.handler)
      .get('/v3/providers')
      .set({ ...V3, 'Client-Id': 'x' });
    expect(response.body).toEqual({
      errors: [{ code: 'invalid_client_credentials', message: 'client_id and client_secret are invalid' }],
    });
  });
});

describe('users and tokens', () => {
  it('creates legacy v2 users and answers 409 with the documented body on a duplicate e-mail', async () => {
    const { handler } = sandbox();
    const created = await request(handler)
      .post('/v2/users')
      .set(V2)
      .send({ email: 'claire@cabinet.fr', password: 'secret123' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ uuid: expect.stringMatching(/^[0-9a-f-]{36}$/), email: 'claire@cabinet.fr' });
    const duplicate = await request(handler)
      .post('/v2/users')
      .set(V2)
      .send({ email: 'claire@cabinet.fr', password: 'other-password' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toEqual({
      type: 'conflict',
      message: "User 'claire@cabinet.fr' already exists",
      documentation_url: null,
    });
    expect(
      (await request(handler).post('/v2/users').set(V2).send({ email: 'no-at-sign', password: 'secret123' })).status,
    ).toBe(400);
    expect((await request(handler).post('/v2/users').set(V2).send({ email: 'a@b.c', password: '12345' })).status).toBe(
      400,
    );
    expect(
      (
        await request(handler)
          .post('/v2/users')
          .set(V2)
          .send({ email: 'a@b.c', password: 'x'.repeat(72) })
      ).status,
    ).toBe(400);
    expect(
      (
        await request(handler)
          .post('/v2/users')
          .set(V2)
          .send({ email: 'a@b.c', password: 'x'.repeat(71) })
      ).status,
    ).toBe(201);

    const token = await request(handler)
      .post('/v2/authenticate')
      .set(V2)
      .send({ email: 'claire@cabinet.fr', password: 'secret123' });
    expect(token.status).toBe(200);
    expect(token.body.user).toEqual({ uuid: created.body.uuid, email: 'claire@cabinet.fr' });
    const wrong = await request(handler)
      .post('/v2/authenticate')
      .set(V2)
      .send({ email: 'claire@cabinet.fr', password: 'bad-password' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.type).toBe('unauthorized');

    const list = await request(handler).get('/v2/users').set(V2);
    expect(list.body.resources).toHaveLength(2);
    expect(list.body.pagination).toEqual({ next_uri: null });
    expect((await request(handler).post(`/v2/users/${created.body.uuid}/delete`).set(V2)).status).toBe(204);
    expect((await request(handler).get(`/v2/users/${created.body.uuid}`).set(V2)).status).toBe(404);
  });

  it('creates v3 users by external id, 409 on a duplicate, and issues 2-hour tokens', async () => {
    const { handler } = sandbox();
    const created = await request(handler).post('/v3/aggregation/users').set(V3).send({ external_user_id: 'erp-42' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ uuid: expect.any(String), external_user_id: 'erp-42' });
    const anonymous = await request(handler).post('/v3/aggregation/users').set(V3);
    expect(anonymous.status).toBe(201);
    expect(anonymous.body).toEqual({ uuid: expect.any(String) }); // v3 omits nulls
    const duplicate = await request(handler).post('/v3/aggregation/users').set(V3).send({ external_user_id: 'erp-42' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toEqual({ code: 'conflict', message: "User with external_user_id 'erp-42' already exists" });

    const filtered = await request(handler).get('/v3/aggregation/users?external_user_id=erp-42').set(V3);
    expect(filtered.body.resources).toEqual([created.body]);

    const token = await request(handler)
      .post('/v3/aggregation/authorization/token')
      .set(V3)
      .send({ external_user_id: 'erp-42' });
    expect(token.status).toBe(200);
    expect(token.body.user).toEqual({ uuid: created.body.uuid, external_user_id: 'erp-42' });
    expect(token.body.access_token).toMatch(/^[0-9a-f]{40}-[0-9a-f-]{36}$/);
    expect(Date.parse(token.body.expires_at) - START.getTime()).toBeGreaterThanOrEqual(7200_000);
    expect(Date.parse(token.body.expires_at) - START.getTime()).toBeLessThan(7200_000 + 60_000);
    expect(token.body.expires_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const unknown = await request(handler)
      .post('/v3/aggregation/authorization/token')
      .set(V3)
      .send({ user_uuid: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(404);
  });

  it('keeps what differs between the versions on the routes they share', async () => {
    const { handler } = sandbox();
    await request(handler).post('/v2/users').set(V2).send({ external_user_id: 'erp-1' }).expect(201);
    await request(handler).post('/v3/aggregation/users').set(V3).send({ external_user_id: 'erp-2' }).expect(201);
    // One store: a user made through one version is a duplicate through the other, with that version's body.
    expect(
      (await request(handler).post('/v3/aggregation/users').set(V3).send({ external_user_id: 'erp-1' })).body.message,
    ).toBe("User with external_user_id 'erp-1' already exists");
    expect((await request(handler).post('/v2/users').set(V2).send({ external_user_id: 'erp-2' })).body.message).toBe(
      "User 'erp-2' already exists",
    );
    // Only v3 filters the users by external id.
    expect((await request(handler).get('/v3/aggregation/users?external_user_id=erp-1').set(V3)).body.resources).toEqual(
      [{ uuid: expect.any(String), external_user_id: 'erp-1' }],
    );
    expect((await request(handler).get('/v2/users?external_user_id=erp-1').set(V2)).body.resources).toHaveLength(2);
    // v2 answers a user as {uuid, external_user_id} even without one; v3 omits the null.
    expect((await request(handler).post('/v2/users').set(V2).send({})).body).toEqual({
      uuid: expect.any(String),
      external_user_id: null,
    });

    const v2Token = await request(handler).post('/v2/authenticate').set(V2).send({});
    expect(v2Token.status).toBe(400);
    expect(v2Token.body).toEqual({
      type: 'invalid_request',
      message: 'user_uuid: email and password, user_uuid or external_user_id is required',
      documentation_url: null,
    });
    const v3Token = await request(handler).post('/v3/aggregation/authorization/token').set(V3).send({});
    expect(v3Token.status).toBe(400);
    expect(v3Token.body).toEqual({
      code: 'invalid_body_content',
      message: 'user_uuid: user_uuid or external_user_id is required',
      property: 'user_uuid',
    });
    // Legacy e-mail/password users exist on v2 only: v3 reads such a body as a user without external id.
    expect(
      (await request(handler).post('/v3/aggregation/users').set(V3).send({ email: 'a@b.c', password: 'secret123' }))
        .body,
    ).toEqual({ uuid: expect.any(String) });
    expect(
      (
        await request(handler)
          .post('/v3/aggregation/authorization/token')
          .set(V3)
          .send({ email: 'a@b.c', password: 'secret123' })
      ).status,
    ).toBe(400);

    expect((await request(handler).get('/v2/banks/9').set(V2)).body).toEqual({
      type: 'not_found',
      message: 'Bank 9 not found',
      documentation_url: null,
    });
    expect((await request(handler).get('/v3/providers/9').set(V3)).body).toEqual({
      code: 'not_found',
      message: 'Provider 9 not found',
    });
    // A top-level category: v2 sends parent_id null, v3 omits it.
    expect((await request(handler).get('/v2/categories/1').set(V2)).body).toEqual({
      id: 1,
      name: 'Non catégorisé',
      parent_id: null,
    });
    expect((await request(handler).get('/v3/aggregation/categories/1').set(V3)).body).toEqual({
      id: 1,
      name: 'Non catégorisé',
    });
    // Each version's own routes exist on that version only.
    expect((await request(handler).get('/v3/aggregation/transactions/updated').set(V3)).status).toBe(401);
    expect((await request(handler).get('/v3/banks').set(V3)).status).toBe(404);
    expect((await request(handler).get('/v2/providers').set(V2)).status).toBe(404);
    expect((await request(handler).get('/v2/aggregation/users').set(V2)).status).toBe(404);
  });

  it('answers 401 once the token has expired (clock advance) or was expired through the control API', async () => {
    const { handler } = sandbox();
    const user = await request(handler).post('/v3/aggregation/users').set(V3).send({ external_user_id: 'u1' });
    const token = (
      await request(handler).post('/v3/aggregation/authorization/token').set(V3).send({ user_uuid: user.body.uuid })
    ).body.access_token;
    const bearer = { ...V3, Authorization: `Bearer ${token}` };
    expect((await request(handler).get('/v3/aggregation/items').set(bearer)).status).toBe(200);
    expect(
      (
        await request(handler)
          .get('/v2/items')
          .set({ ...V2, Authorization: `Bearer ${token}` })
      ).status,
    ).toBe(200);

    const missing = await request(handler).get('/v3/aggregation/items').set(V3);
    expect(missing.status).toBe(401);
    expect(missing.body.code).toBe('invalid_access_token');

    await request(handler).post('/__sandbox/clock/advance').set(CONTROL).send({ seconds: 7201 });
    const expired = await request(handler).get('/v3/aggregation/items').set(bearer);
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ code: 'invalid_access_token', message: 'The access token has expired' });
    const expiredV2 = await request(handler)
      .get('/v2/items')
      .set({ ...V2, Authorization: `Bearer ${token}` });
    expect(expiredV2.status).toBe(401);
    expect(expiredV2.body).toEqual({
      type: 'unauthorized',
      message: 'The access token has expired',
      documentation_url: null,
    });

    const fresh = (
      await request(handler).post('/v3/aggregation/authorization/token').set(V3).send({ user_uuid: user.body.uuid })
    ).body.access_token;
    const expiredCount = await request(handler)
      .post('/__sandbox/tokens/expire')
      .set(CONTROL)
      .send({ userUuid: user.body.uuid });
    expect(expiredCount.body).toEqual({ expired: 1 });
    expect(
      (
        await request(handler)
          .get('/v3/aggregation/items')
          .set({ ...V3, Authorization: `Bearer ${fresh}` })
      ).status,
    ).toBe(401);
  });

  it('scopes users and tokens to their client app', async () => {
    const { handler } = sandbox({
      clients: [
        { clientId: 'a', clientSecret: 'sa' },
        { clientId: 'b', clientSecret: 'sb' },
      ],
    });
    const A = { 'Bridge-Version': '2025-01-15', 'Client-Id': 'a', 'Client-Secret': 'sa' };
    const B = { 'Bridge-Version': '2025-01-15', 'Client-Id': 'b', 'Client-Secret': 'sb' };
    const user = await request(handler).post('/v3/aggregation/users').set(A).send({ external_user_id: 'same' });
    expect(
      (await request(handler).post('/v3/aggregation/users').set(B).send({ external_user_id: 'same' })).status,
    ).toBe(201);
    expect((await request(handler).get(`/v3/aggregation/users/${user.body.uuid}`).set(B)).status).toBe(404);
    const token = (
      await request(handler).post('/v3/aggregation/authorization/token').set(A).send({ user_uuid: user.body.uuid })
    ).body.access_token;
    expect(
      (
        await request(handler)
          .get('/v3/aggregation/items')
          .set({ ...B, Authorization: `Bearer ${token}` })
      ).status,
    ).toBe(401);
  });
});

describe('reference data', () => {
  const { handler } = sandbox();

  it('lists v3 providers with ids, country filter, logo and capabilities', async () => {
    const all = await request(handler).get('/v3/providers').set(V3);
    const names = all.body.resources.map((provider: { name: string }) => provider.name);
    for (const name of [
      'BNP Paribas',
      'Crédit Agricole',
      'Société Générale',
      'LCL',
      "Caisse d'Épargne",
      'Banque Populaire',
      'La Banque Postale',
      'Crédit Mutuel',
      'CIC',
      'Boursorama',
      'Qonto',
      'Shine',
    ]) {
      expect(names).toContain(name);
    }
    const belgian = await request(handler).get('/v3/providers?country_code=BE').set(V3);
    expect(belgian.body.resources.length).toBe(3);
    const bnp = await request(handler).get('/v3/providers/574').set(V3);
    expect(bnp.body).toEqual({
      id: 574,
      name: 'BNP Paribas',
      country_code: 'FR',
      group_name: 'BNP Paribas',
      images: { logo: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/assets\/providers\/574\.svg$/) },
      capabilities: ['aggregation', 'account_check'],
    });
    const logo = await request(handler).get(new URL(bnp.body.images.logo).pathname);
    expect(logo.status).toBe(200);
    expect(logo.headers['content-type']).toContain('image/svg+xml');
  });

  it('lists v2 banks and categories of both versions', async () => {
    const bank = await request(handler).get('/v2/banks/574').set(V2);
    expect(bank.body).toMatchObject({
      id: 574,
      name: 'BNP Paribas',
      country_code: 'FR',
      parent_name: 'BNP Paribas',
      capabilities: ['ais', 'account_check'],
    });
    const categories = await request(handler).get('/v2/categories').set(V2);
    expect(categories.body.resources[0]).toEqual({
      id: 1,
      name: 'Non catégorisé',
      categories: [
        { id: 282, name: 'Autres dépenses' },
        { id: 283, name: 'Autres revenus' },
      ],
    });
    const v3 = await request(handler).get('/v3/aggregation/categories').set(V3);
    expect(v3.body).toEqual(categories.body);
    expect((await request(handler).get('/v2/categories/273').set(V2)).body).toEqual({
      id: 273,
      name: 'Supermarché / Épicerie',
      parent_id: 3,
    });
  });

  it('checks the limit (1–500) and names it', async () => {
    const tooMany = await request(handler).get('/v3/providers?limit=501').set(V3);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toEqual({
      code: 'invalid_query_parameter',
      message: 'limit: must be an integer between 1 and 500',
      property: 'limit',
    });
    const v2 = await request(handler).get('/v2/banks?limit=0').set(V2);
    expect(v2.status).toBe(400);
    expect(v2.body.message).toContain('limit');
    expect((await request(handler).get('/v3/providers?after=garbage').set(V3)).status).toBe(400);
  });
});

describe('mounted under a prefix', () => {
  it('emits next_uri, session and logo URLs carrying the mount prefix', async () => {
    const sandboxApp = sandbox();
    const host = express();
    host.use('/bridge-sandbox', sandboxApp.handler);
    const page = await request(host).get('/bridge-sandbox/v3/providers?limit=2&country_code=FR').set(V3);
    expect(page.status).toBe(200);
    expect(page.body.pagination.next_uri).toMatch(
      /^\/bridge-sandbox\/v3\/providers\?limit=2&country_code=FR&after=[\w-]+$/,
    );
    expect(page.body.resources[0].images.logo).toMatch(/\/bridge-sandbox\/assets\/providers\/\d+\.svg$/);
    const next = await request(host).get(page.body.pagination.next_uri).set(V3);
    expect(next.body.resources[0].id).toBeGreaterThan(page.body.resources[1].id);

    const user = await request(host).post('/bridge-sandbox/v3/aggregation/users').set(V3).send({});
    const token = (
      await request(host)
        .post('/bridge-sandbox/v3/aggregation/authorization/token')
        .set(V3)
        .send({ user_uuid: user.body.uuid })
    ).body.access_token;
    const session = await request(host)
      .post('/bridge-sandbox/v3/aggregation/connect-sessions')
      .set({ ...V3, Authorization: `Bearer ${token}` })
      .send({ user_email: 'claire@cabinet.fr' });
    expect(session.status).toBe(201);
    expect(session.body.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/bridge-sandbox\/connect\/session\/[0-9a-f-]{36}$/);
    expect(session.body.url.endsWith(session.body.id)).toBe(true);
    const funnel = await request(host).get(new URL(session.body.url).pathname);
    expect(funnel.status).toBe(200);
    expect(funnel.text).toContain(`href="/bridge-sandbox/connect/session/${session.body.id}/banks/574"`);
    expect((await request(host).get('/bridge-sandbox/__sandbox/state').set(CONTROL)).body.users).toBe(1);
  });
});

describe('sandbox control API access', () => {
  it('should refuse the control API without its token, and with a wrong one', async () => {
    const { handler } = createBridgeSandbox({ controlToken: CONTROL_TOKEN, startTime: START });
    const anonymous = await request(handler).post('/__sandbox/reset');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error).toMatch(/control token/);
    expect(
      (
        await request(handler)
          .post('/__sandbox/accounts/1/transactions')
          .set('Authorization', 'Bearer wrong-token-of-some-length')
          .send({ amount: '-999999.99', date: '2026-11-02', label: 'X' })
      ).status,
    ).toBe(401);
    expect((await request(handler).get('/__sandbox/state').set(CONTROL)).status).toBe(200);
  });

  it('should generate a control token when none is given, and refuse a short one', () => {
    const sandbox = createBridgeSandbox({ startTime: START });
    expect(sandbox.controlToken.length).toBeGreaterThanOrEqual(24);
    expect(createBridgeSandbox({ startTime: START }).controlToken).not.toBe(sandbox.controlToken);
    expect(() => createBridgeSandbox({ controlToken: 'short' })).toThrow(/at least 16/);
  });
});
