/**
 * Bridge sandbox: a faithful local implementation of the Bridge API (2021-06-01 on /v2, 2025-01-15 on
 * /v3/aggregation and /v3/providers) with a hosted Connect funnel and a control API, as an Express 5 app that can
 * run standalone (`listen`) or be mounted under a prefix (`app.use('/bridge-sandbox', sandbox.handler)`).
 */
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';

import express, { type Express } from 'express';

import { SandboxClock } from './clock.js';
import type { SandboxContext } from './context.js';
import { controlRouter } from './control.js';
import { FaultInjector } from './faults.js';
import { assetsRouter, funnelRouter } from './funnel.js';
import { renderJson } from './http.js';
import { type BridgeSandboxOptions, resolveOptions } from './options.js';
import { RateLimiter } from './rate-limiter.js';
import { V2_ROUTES } from './routes-v2.js';
import { V3_ROUTES } from './routes-v3.js';
import { bridgeRouter } from './routes.js';
import { ConnectSessions } from './sessions.js';
import { SandboxStore } from './store.js';

import type { BridgeSandboxClient } from './options.js';

export { DEFAULT_CLIENT } from './options.js';
export type {
  BridgeSandboxClient,
  BridgeSandboxOptions,
  BridgeSandboxQuirks,
  BridgeSandboxRateLimits,
} from './options.js';

export interface BridgeSandbox {
  /** Mountable: `app.use('/bridge-sandbox', sandbox.handler)`. */
  handler: Express;
  /** Bearer token of the control API (`/__sandbox`). */
  controlToken: string;
  /** The client apps the sandbox was created with (`[DEFAULT_CLIENT]` unless `clients` said otherwise). */
  clients: readonly BridgeSandboxClient[];
  /** Default port 0 (any free port) and host 127.0.0.1. `close()` destroys open sockets (slow faults included). */
  listen(port?: number, host?: string): Promise<{ url: string; controlToken: string; close(): Promise<void> }>;
  /** The sandbox clock. */
  now(): Date;
  /** The accounts (with IBANs) that connecting this user (e-mail or external_user_id) to this bank will create. */
  previewAccounts(
    userKey: string,
    providerId: number,
  ): { itemId: number; accounts: { id: number; type: string; name: string; iban: string | null }[] };
}

export function createBridgeSandbox(options?: BridgeSandboxOptions): BridgeSandbox {
  const resolved = resolveOptions(options);
  const clock = new SandboxClock(resolved.startTime);
  const store = new SandboxStore(clock, {
    seed: resolved.seed,
    historyMonths: resolved.historyMonths,
    transactionsPerMonth: resolved.transactionsPerMonth,
  });
  const ctx: SandboxContext = {
    options: resolved,
    clock,
    store,
    limiter: new RateLimiter(clock),
    sessions: new ConnectSessions(store, clock, resolved),
    faults: new FaultInjector(),
  };

  const loadClients = (): void => {
    store.clients.clear();
    for (const client of resolved.clients) {
      store.clients.set(client.clientId, {
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        redirectUrl: client.redirectUrl ?? null,
      });
    }
  };
  loadClients();
  /** Back to the initial state; the clock keeps running (time never goes backwards for clients holding tokens). */
  const reset = (): void => {
    store.clear();
    loadClients();
    ctx.limiter.clear();
    ctx.faults.clear();
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((req, res, next) => {
    // Mount prefix of the sandbox itself; nested routers rewrite req.baseUrl.
    res.locals.sandboxBase = req.baseUrl;
    // Every JSON answer may carry raw literals (control API overrides): render them verbatim.
    res.json = (body: unknown) => res.type('application/json').send(renderJson(body));
    next();
  });
  app.use(ctx.faults.middleware(() => resolved.quirks.v3ErrorsAsArray));
  app.use('/v2', bridgeRouter(ctx, V2_ROUTES));
  app.use('/v3', bridgeRouter(ctx, V3_ROUTES));
  app.use('/__sandbox', controlRouter(ctx, reset));
  app.use('/connect', funnelRouter(ctx));
  app.use('/assets', assetsRouter());
  app.get('/', (req, res) => {
    res.json({
      name: 'Bridge sandbox',
      versions: { '2021-06-01': `${req.baseUrl}/v2`, '2025-01-15': `${req.baseUrl}/v3/aggregation` },
      control: `${req.baseUrl}/__sandbox/state`,
    });
  });

  return {
    handler: app,
    controlToken: resolved.controlToken,
    clients: resolved.clients.map((client) => ({ ...client })),
    now: () => clock.now(),
    previewAccounts: (userKey, providerId) => {
      const plan = store.planFor(userKey, providerId);
      return {
        itemId: plan.itemId,
        accounts: plan.accounts.map(({ id, type, name, iban }) => ({ id, type, name, iban })),
      };
    },
    listen: async (port = 0, host = '127.0.0.1') => ({
      ...(await listen(app, port, host)),
      controlToken: resolved.controlToken,
    }),
  };
}

function listen(app: Express, port: number, host: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(app);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${actualPort}`,
        close: () =>
          new Promise<void>((done) => {
            // Open sockets (keep-alive, or a request held by a 'slow' fault) would keep the server alive: drop them.
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
