import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';

import type { ApiLogsService, NewApiLog } from '../api-logs/api-logs.service.js';
import { PinnedClock } from '../common/clock/clock.js';
import type { AppConfig } from '../config/app-config.js';
import { BridgeHttp, BridgeTokenRejectedError } from './bridge-http.js';
import {
  BridgeAuthenticationError,
  BridgeOriginNotAllowedError,
  BridgeRateLimitedError,
  BridgeRequestError,
  BridgeUnavailableError,
} from './bridge.errors.js';
import type { BridgeConnection } from './bridge.types.js';

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

describe(BridgeHttp.name, () => {
  let server: Server;
  let origin: string;
  let script: Handler[] = [];
  let seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
  const logs: NewApiLog[] = [];
  const apiLogs = { record: async (entry: NewApiLog) => void logs.push(entry) } as unknown as ApiLogsService;
  const settings = { timeoutMs: 300, maxRetries: 2, retryBaseMs: 5, retryMaxMs: 20, rateLimitMaxWaitMs: 1500 };
  const allowed = [{ protocol: 'http:' as const, hostname: '127.0.0.1', port: '*', pathPrefix: '' }];
  const sut = new BridgeHttp(
    { bridgeHttp: settings, bridgeAllowedOrigins: allowed } as AppConfig,
    apiLogs,
    new PinnedClock(new Date('2026-11-26T10:00:00Z')),
  );
  const connection = (): BridgeConnection => ({
    configId: 7,
    companyId: 3,
    url: `${origin}/prefix`,
    version: '2025-01-15',
    clientId: 'cid',
    clientSecret: 'very-secret-client-value',
  });

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen.push({ method: request.method!, url: request.url!, headers: request.headers, body });
        const handler = script.shift() ?? ((_q, r) => r.writeHead(500).end());
        handler(request, response, body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    script = [];
    seen = [];
    logs.length = 0;
  });

  const json =
    (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
    (_q, r) =>
      r.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));

  it('should send the Bridge headers under the configured prefix and keep numbers exact', async () => {
    script = [
      (_q, r) =>
        r.writeHead(200, { 'Content-Type': 'application/json' }).end('{"amount":-6.92,"id":36000051006608,"big":0.1}'),
    ];
    const answer = await sut.request({
      connection: connection(),
      method: 'POST',
      path: '/v3/aggregation/x',
      query: { limit: 2, skip: undefined },
      body: { a: 1 },
      accessToken: 'tok-abcdef',
    });
    expect(answer).toEqual({ status: 200, body: { amount: '-6.92', id: '36000051006608', big: '0.1' } });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/prefix/v3/aggregation/x?limit=2', body: '{"a":1}' });
    expect(seen[0]!.headers).toMatchObject({
      'bridge-version': '2025-01-15',
      'client-id': 'cid',
      'client-secret': 'very-secret-client-value',
      authorization: 'Bearer tok-abcdef',
      'content-type': 'application/json',
    });
  });

  it('should resolve next_uri against the origin and refuse another host', async () => {
    script = [json(200, { ok: true })];
    await sut.request({
      connection: connection(),
      method: 'GET',
      path: '/prefix/v3/aggregation/x?after=abc&limit=2',
      isNextUri: true,
    });
    expect(seen[0]!.url).toBe('/prefix/v3/aggregation/x?after=abc&limit=2');
    await expect(
      sut.request({ connection: connection(), method: 'GET', path: 'http://evil.example/steal', isNextUri: true }),
    ).rejects.toBeInstanceOf(BridgeUnavailableError);
  });

  it('should retry 5xx, network errors and malformed answers, then succeed', async () => {
    script = [
      (_q, r) => r.writeHead(503).end('<html>busy</html>'),
      (q) => q.socket.destroy(),
      (_q, r) => r.writeHead(200, { 'Content-Type': 'application/json' }).end('{"resources": ['),
    ];
    const retried = new BridgeHttp(
      { bridgeHttp: { ...settings, maxRetries: 3 }, bridgeAllowedOrigins: allowed } as AppConfig,
      apiLogs,
      new PinnedClock(new Date('2026-11-26T10:00:00Z')),
    );
    script.push(json(200, { fine: true }));
    await expect(retried.request({ connection: connection(), method: 'GET', path: '/v3/x' })).resolves.toEqual({
      status: 200,
      body: { fine: true },
    });
    expect(logs.map((log) => [log.status, log.error])).toEqual([
      [503, null],
      [null, expect.stringMatching(/^a network error/)],
      [200, 'malformed JSON answer'],
      [200, null],
    ]);
  });

  it('should give up after the retries with a typed error a person can act on', async () => {
    script = [json(500, {}), json(502, {}), json(503, {})];
    const error = await sut
      .request({ connection: connection(), method: 'GET', path: '/v3/aggregation/items' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeUnavailableError);
    expect((error as Error).message).toBe(
      'Bridge did not answer GET /prefix/v3/aggregation/items usefully after 3 attempt(s) (last: HTTP 503); nothing was changed, try again in a few minutes',
    );
    expect(logs).toHaveLength(3);
  });

  it('should cut a slow answer at the timeout and retry it', async () => {
    script = [(_q, r) => setTimeout(() => r.writeHead(200).end('{}'), 1000), json(200, { late: false })];
    await expect(sut.request({ connection: connection(), method: 'GET', path: '/v3/x' })).resolves.toEqual({
      status: 200,
      body: { late: false },
    });
    expect(logs[0]).toMatchObject({ status: null, error: 'no answer within 300 ms' });
  });

  it('should wait Retry-After on 429, or back off without it, within a budget', async () => {
    script = [
      json(429, { code: 'too_many_requests' }, { 'Retry-After': '1' }),
      json(429, { code: 'too_many_requests' }),
      json(200, { ok: 1 }),
    ];
    const started = Date.now();
    await expect(sut.request({ connection: connection(), method: 'GET', path: '/v3/x' })).resolves.toMatchObject({
      status: 200,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);

    script = [json(429, {}, { 'Retry-After': '60' })];
    const error = await sut
      .request({ connection: connection(), method: 'GET', path: '/v3/x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeRateLimitedError);
    expect((error as BridgeRateLimitedError).retryAfterSeconds).toBe(60);
  });

  it("should translate refusals with Bridge's own code and message, in both error formats", async () => {
    script = [
      json(400, { code: 'invalid_body_content', property: 'context', message: 'context is too long' }),
      json(409, { type: 'conflict', message: "User 'a@b.fr' already exists", documentation_url: null }),
      json(400, { errors: [{ code: 'bad', message: 'array form' }] }),
    ];
    const v3 = (await sut
      .request({ connection: connection(), method: 'POST', path: '/v3/x', body: {} })
      .catch((e: unknown) => e)) as BridgeRequestError;
    expect(v3).toBeInstanceOf(BridgeRequestError);
    expect([v3.status, v3.bridgeCode, v3.property, v3.bridgeMessage]).toEqual([
      400,
      'invalid_body_content',
      'context',
      'context is too long',
    ]);
    const v2 = (await sut
      .request({ connection: connection(), method: 'POST', path: '/v2/users', body: {} })
      .catch((e: unknown) => e)) as BridgeRequestError;
    expect([v2.status, v2.bridgeCode, v2.message]).toEqual([
      409,
      'conflict',
      "Bridge refused the request (HTTP 409, conflict): User 'a@b.fr' already exists",
    ]);
    const array = (await sut
      .request({ connection: connection(), method: 'GET', path: '/v3/x' })
      .catch((e: unknown) => e)) as BridgeRequestError;
    expect(array.bridgeCode).toBe('bad');
  });

  it('should tell a rejected user token from rejected client credentials', async () => {
    script = [
      json(401, { code: 'invalid_access_token', message: 'expired' }),
      json(401, { code: 'invalid_client_credentials', message: 'no' }),
    ];
    await expect(
      sut.request({ connection: connection(), method: 'GET', path: '/v3/x', accessToken: 'tok-1234' }),
    ).rejects.toBeInstanceOf(BridgeTokenRejectedError);
    const error = await sut
      .request({ connection: connection(), method: 'GET', path: '/v3/x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeAuthenticationError);
    expect((error as Error).message).toMatch(/client id\/secret of Bridge configuration 7/);
  });

  it('should never let a secret, password or token reach the API log', async () => {
    script = [
      json(200, { access_token: 'tok-returned-0001', user: { uuid: 'u' }, echo: 'pw-derived-9999 and tok-sent-0002' }),
    ];
    await sut.request({
      connection: connection(),
      method: 'POST',
      path: '/v2/authenticate',
      body: { email: 'a@b.fr', password: 'pw-derived-9999' },
      accessToken: 'tok-sent-0002',
      secrets: ['pw-derived-9999'],
    });
    const row = JSON.stringify(logs);
    for (const secret of ['very-secret-client-value', 'pw-derived-9999', 'tok-sent-0002', 'tok-returned-0001']) {
      expect(row).not.toContain(secret);
    }
    expect(logs[0]).toMatchObject({ bridgeConfigId: 7, method: 'POST', path: '/prefix/v2/authenticate', status: 200 });
    expect(logs[0]!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('should never follow a redirect, nor keep what it said', async () => {
    script = [
      (_q, r) =>
        r
          .writeHead(302, { Location: 'http://127.0.0.1:9/steal', 'Content-Type': 'application/json' })
          .end('{"moved":"elsewhere"}'),
    ];
    const error = await sut
      .request({ connection: connection(), method: 'GET', path: '/v3/aggregation/items' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BridgeRequestError);
    expect((error as Error).message).toMatch(/redirect, which is never followed/);
    expect(seen).toHaveLength(1);
    expect(logs).toEqual([
      expect.objectContaining({ status: 302, responseBody: null, error: 'redirect not followed' }),
    ]);
  });

  it('should send nothing to a host the allow-list does not name', async () => {
    const elsewhere = { ...connection(), url: 'http://localhost:9/prefix' };
    await expect(
      sut.request({ connection: elsewhere, method: 'GET', path: '/v3/aggregation/items' }),
    ).rejects.toBeInstanceOf(BridgeOriginNotAllowedError);
    expect(seen).toHaveLength(0);
    expect(logs).toHaveLength(0);
  });
});
