import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { driveConnectFunnel } from '@telecollecte/bridge-sandbox';

import { AccessScope } from '../../src/auth/access-scope.js';
import { BridgeConfigsService } from '../../src/bridge-config/bridge-configs.service.js';
import { BridgeClient } from '../../src/bridge/bridge.client.js';
import type { BridgeTransaction } from '../../src/bridge/bridge.types.js';
import { newCompany } from './utils/factories.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

describe(`Bridge sandbox mounted in the app (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let origin: string;

  beforeAll(async () => {
    t = await createTestApp({ BRIDGE_SANDBOX: 'on' });
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await t.close();
  });

  it('should serve Bridge under /bridge-sandbox with its own error bodies, not the API ones', async () => {
    const response = await fetch(`${origin}/bridge-sandbox/v2/users`, {
      method: 'POST',
      headers: {
        'Bridge-Version': '2021-06-01',
        'Client-Id': 'sandbox-client-id',
        'Client-Secret': 'sandbox-client-secret',
        'Content-Type': 'application/json',
      },
      body: '{"email": ',
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ type: expect.any(String), documentation_url: null });
    await t.api().get('/api/v1/companies').expect(200);
  });

  it('should let the product connect and page through it with the prefix kept in next_uri', async () => {
    const companyId = (await newCompany(t.api())).id;
    const created = await t
      .api()
      .post('/api/v1/bridge-configs', {
        companyIds: [companyId],
        name: 'Mounted sandbox',
        url: `${origin}/bridge-sandbox`,
        clientId: 'sandbox-client-id',
        clientSecret: 'sandbox-client-secret',
      })
      .expect(201);
    const configs = t.app.get(BridgeConfigsService);
    const connection = configs.connectionOf(await configs.get(created.body.id, AccessScope.editor()), companyId);
    const client = t.app.get(BridgeClient);
    const { user } = await client.ensureUser(connection, 'demo@cabinet.fr');
    const session = await client.createConnectSession(connection, user, {
      email: user.email,
      countryCode: 'FR',
      callbackUrl: `${origin}/callback`,
      context: 'mounted',
    });
    expect(session.url.startsWith(`${origin}/bridge-sandbox/connect/session/`)).toBe(true);
    const funnel = await driveConnectFunnel(session.url);
    expect(new URL(funnel.location!).searchParams.get('success')).toBe('true');

    const pages: BridgeTransaction[][] = [];
    for await (const page of client.transactionPages(connection, user, { pageSize: 100 }))
      pages.push(page.transactions);
    expect(pages.length).toBeGreaterThan(1);
    const paths: { path: string }[] = await t.dataSource.query("SELECT path FROM api_log WHERE path LIKE '%after=%'");
    expect(paths.length).toBe(pages.length - 1);
    expect(paths.every((row) => row.path.startsWith('/bridge-sandbox/v3/aggregation/transactions?'))).toBe(true);
  });
});
