import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';

import { createBridgeSandbox, type BridgeSandbox } from './sandbox.js';
import { CONTROL, CONTROL_TOKEN, START, V2, V3 } from './spec-support.js';

describe('fault injection', () => {
  let sandbox: BridgeSandbox;
  let server: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    sandbox = createBridgeSandbox({
      controlToken: CONTROL_TOKEN,
      startTime: START,
      historyMonths: 1,
      rateLimits: false,
    });
    server = await sandbox.listen();
  });
  afterAll(async () => {
    await server.close();
  });

  const fault = async (spec: Record<string, unknown>) => {
    const response = await fetch(`${server.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { ...CONTROL, 'Content-Type': 'application/json' },
      body: JSON.stringify(spec),
    });
    expect(response.status).toBe(201);
    return response.json() as Promise<Record<string, unknown>>;
  };
  const get = (path: string, headers: Record<string, string> = V3, signal?: AbortSignal) =>
    fetch(`${server.url}${path}`, { headers, signal });

  it('answers N× 503 then recovers', async () => {
    expect(await fault({ path: '/v3/providers', kind: 'status', status: 503, times: 2 })).toMatchObject({
      kind: 'status',
      status: 503,
      times: 2,
    });
    const first = await get('/v3/providers');
    expect(first.status).toBe(503);
    expect(await first.json()).toEqual({ code: 'service_unavailable', message: 'Service temporarily unavailable' });
    expect((await get('/v3/providers/574')).status).toBe(503); // prefix match
    expect((await get('/v3/providers')).status).toBe(200);
    expect(await (await fetch(`${server.url}/__sandbox/faults`, { headers: CONTROL })).json()).toEqual({ faults: [] });
  });

  it('answers non-JSON 502 and empty 504 bodies, and 500 with the version error body', async () => {
    await fault({ path: '/v2/banks', kind: 'status', status: 502 });
    const bad = await get('/v2/banks', V2);
    expect(bad.status).toBe(502);
    expect(bad.headers.get('content-type')).toContain('text/html');
    await fault({ path: '/v2/banks', kind: 'status', status: 504 });
    const timeout = await get('/v2/banks', V2);
    expect(timeout.status).toBe(504);
    expect(await timeout.text()).toBe('');
    await fault({ path: '/v2/banks', kind: 'status', status: 500 });
    expect(await (await get('/v2/banks', V2)).json()).toEqual({
      type: 'internal_error',
      message: 'Internal server error',
      documentation_url: null,
    });
  });

  it('forces 429 with or without Retry-After', async () => {
    await fault({ path: '/v3/aggregation', kind: 'rate_limit', retryAfterSeconds: 7 });
    const withHeader = await get('/v3/aggregation/categories');
    expect(withHeader.status).toBe(429);
    expect(withHeader.headers.get('retry-after')).toBe('7');
    expect(await withHeader.json()).toEqual({ code: 'too_many_requests', message: 'Too many requests' });
    await fault({ path: '/v2', kind: 'rate_limit' });
    const without = await get('/v2/categories', V2);
    expect(without.status).toBe(429);
    expect(without.headers.get('retry-after')).toBeNull();
    expect(((await without.json()) as { type: string }).type).toBe('too_many_requests');
  });

  it('sends a truncated JSON body with status 200', async () => {
    await fault({ path: '/v3/aggregation/categories', kind: 'malformed' });
    const response = await get('/v3/aggregation/categories');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const text = await response.text();
    expect(() => JSON.parse(text)).toThrow();
  });

  it('drops the connection', async () => {
    await fault({ path: '/v3/providers', kind: 'network' });
    await expect(get('/v3/providers')).rejects.toThrow();
    expect((await get('/v3/providers')).status).toBe(200);
  });

  it('holds slow answers, honours the method filter, and never touches the control API', async () => {
    await fault({ path: '/v3/providers', method: 'POST', kind: 'status', status: 500 });
    expect((await get('/v3/providers')).status).toBe(200); // GET is not hit
    await request(sandbox.handler).delete('/__sandbox/faults').set(CONTROL).expect(200, { deleted: 1 });

    await fault({ path: '/', kind: 'slow', delayMs: 60_000 });
    expect((await fetch(`${server.url}/__sandbox/state`, { headers: CONTROL })).status).toBe(200);
    await expect(get('/v3/providers', V3, AbortSignal.timeout(200))).rejects.toThrow();

    await fault({ path: '/v3/providers', kind: 'slow', delayMs: 100 });
    const started = Date.now();
    expect((await get('/v3/providers')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('refuses bad fault specs', async () => {
    const response = await request(sandbox.handler)
      .post('/__sandbox/faults')
      .set(CONTROL)
      .send({ path: '/v3', kind: 'status', status: 418 });
    expect(response.status).toBe(400);
    expect(response.body.error).toContain('status must be one of 500, 502, 503, 504');
  });
});

describe('close()', () => {
  it('returns promptly even while a slow fault holds a request', async () => {
    const sandbox = createBridgeSandbox({ controlToken: CONTROL_TOKEN, startTime: START });
    const server = await sandbox.listen();
    await fetch(`${server.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { ...CONTROL, 'Content-Type': 'application/json' },
      body: JSON.stringify({ path: '/v3', kind: 'slow' }),
    });
    const pending = fetch(`${server.url}/v3/providers`, { headers: V3 }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(((await pending) as Error).message).toBe('fetch failed');
  });
});

describe('rate limits', () => {
  async function userWithToken(handler: BridgeSandbox['handler']) {
    const user = await request(handler).post('/v3/aggregation/users').set(V3).send({});
    const token = (
      await request(handler).post('/v3/aggregation/authorization/token').set(V3).send({ user_uuid: user.body.uuid })
    ).body.access_token;
    return { uuid: user.body.uuid as string, headers: { ...V3, Authorization: `Bearer ${token}` } };
  }

  it('allows 60 requests per user per minute by default, then 429 without Retry-After', async () => {
    const { handler } = createBridgeSandbox({ controlToken: CONTROL_TOKEN, startTime: START });
    const { headers } = await userWithToken(handler);
    for (let i = 0; i < 60; i++)
      expect((await request(handler).get('/v3/aggregation/items').set(headers)).status).toBe(200);
    const limited = await request(handler).get('/v3/aggregation/items').set(headers);
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('too_many_requests');
    expect(limited.headers['retry-after']).toBeUndefined();
    // Other users and client-only routes are not affected; the window slides on the sandbox clock.
    expect((await request(handler).get('/v3/providers').set(V3)).status).toBe(200);
    await request(handler).post('/__sandbox/clock/advance').set(CONTROL).send({ seconds: 61 });
    expect((await request(handler).get('/v3/aggregation/items').set(headers)).status).toBe(200);
  });

  it('limits token requests per user and requests per app; Retry-After with the quirk', async () => {
    const { handler } = createBridgeSandbox({
      controlToken: CONTROL_TOKEN,
      startTime: START,
      rateLimits: { tokenPerUserPerMinute: 2, perAppPer5Minutes: 8 },
      quirks: { retryAfterOnRateLimit: true },
    });
    const { uuid } = await userWithToken(handler); // 2 app requests, 1 token request
    expect((await request(handler).post('/v2/authenticate').set(V2).send({ user_uuid: uuid })).status).toBe(200);
    const tokenLimited = await request(handler)
      .post('/v3/aggregation/authorization/token')
      .set(V3)
      .send({ user_uuid: uuid });
    expect(tokenLimited.status).toBe(429);
    expect(Number(tokenLimited.headers['retry-after'])).toBeGreaterThan(0);
    for (let i = 0; i < 4; i++) expect((await request(handler).get('/v2/banks').set(V2)).status).toBe(200);
    const appLimited = await request(handler).get('/v2/banks').set(V2);
    expect(appLimited.status).toBe(429);
    expect(appLimited.body).toEqual({
      type: 'too_many_requests',
      message: 'Too many requests: at most 8 per application per 5 minutes',
      documentation_url: null,
    });
    expect(Number(appLimited.headers['retry-after'])).toBeLessThanOrEqual(300);
  });

  it('can be disabled', async () => {
    const { handler } = createBridgeSandbox({ controlToken: CONTROL_TOKEN, startTime: START, rateLimits: false });
    const { headers } = await userWithToken(handler);
    for (let i = 0; i < 70; i++)
      expect((await request(handler).get('/v3/aggregation/items').set(headers)).status).toBe(200);
  });
});

describe('webhooks', () => {
  it('posts a signed event: v1=<UPPERCASE hex HMAC-SHA256>, one entry per secret', async () => {
    const received: { body: string; signature: string | undefined; type: string | undefined }[] = [];
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({
          body: Buffer.concat(chunks).toString('utf8'),
          signature: req.headers['bridgeapi-signature'] as string | undefined,
          type: req.headers['content-type'],
        });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const { handler } = createBridgeSandbox({ controlToken: CONTROL_TOKEN, startTime: START });
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/bridge`;
      const content = {
        account_id: 48178048,
        balance: 1489.54,
        item_id: 10154848,
        nb_new_transactions: 3,
        nb_updated_transactions: 1,
        nb_deleted_transactions: 0,
        user_uuid: 'u',
      };
      const response = await request(handler)
        .post('/__sandbox/webhooks')
        .set(CONTROL)
        .send({ url, secrets: ['old-secret', 'new-secret'], type: 'item.account.updated', content });
      expect(response.status).toBe(200);
      expect(received).toHaveLength(1);
      const [delivery] = received;
      expect(response.body).toEqual({ status: 200, signature: delivery!.signature });
      expect(delivery!.type).toBe('application/json');
      const payload = JSON.parse(delivery!.body);
      expect(payload).toEqual({ type: 'item.account.updated', content, timestamp: expect.any(Number) });
      expect(Math.abs(payload.timestamp - START.getTime())).toBeLessThan(60_000);
      const entries = delivery!.signature!.split(',');
      expect(entries).toHaveLength(2);
      ['old-secret', 'new-secret'].forEach((secret, i) => {
        const expected = createHmac('sha256', secret).update(delivery!.body).digest('hex').toUpperCase();
        expect(entries[i]).toBe(`v1=${expected}`);
      });
      expect(entries[0]).toMatch(/^v1=[0-9A-F]{64}$/);

      const failed = await request(handler)
        .post('/__sandbox/webhooks')
        .set(CONTROL)
        .send({ url: 'http://127.0.0.1:1/none', secrets: ['s'], type: 'TEST_EVENT', content: {} });
      expect(failed.status).toBe(502);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
