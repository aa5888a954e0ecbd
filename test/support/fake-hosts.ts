import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FakeHost {
  url: string;
  /** Every request it received, in order. */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A plain HTTP host on 127.0.0.1 answering with `handler`, recording what reaches it (trap hosts, redirectors). */
export async function startFakeHost(
  handler: (request: RecordedRequest, response: ServerResponse) => unknown,
): Promise<FakeHost> {
  const requests: RecordedRequest[] = [];
  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request = {
        method: incoming.method ?? 'GET',
        url: incoming.url ?? '/',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString(),
      };
      requests.push(request);
      void Promise.resolve(handler(request, response)).catch(() => response.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * A proxy in front of a real host (the sandbox) that may rewrite the answer bodies: a Bridge that sends what the
 * sandbox never would (sub-cent amounts, ...).
 */
export function startRewritingProxy(
  target: string,
  rewrite: (request: RecordedRequest, body: string) => string,
): Promise<FakeHost> {
  return startFakeHost(async (request, response) => {
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name)),
    ) as Record<string, string>;
    const upstream = await fetch(`${target}${request.url}`, {
      method: request.method,
      headers,
      body: request.body === '' ? undefined : request.body,
      redirect: 'manual',
    });
    const body = rewrite(request, await upstream.text());
    response.writeHead(upstream.status, { 'Content-Type': upstream.headers.get('content-type') ?? 'application/json' });
    response.end(body);
  });
}
