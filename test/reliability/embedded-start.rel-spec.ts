import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';

import { driveConnectFunnel } from '@telecollecte/bridge-sandbox';

import { checkFec, FEC_COLUMN_NAMES, parseFec } from '../support/fec-parser.js';
import { startService, type ServiceProcess } from '../support/processes.js';
import { testWorldClock } from '../support/test-clock.js';

jest.setTimeout(60_000);

/** The zero-configuration start (SQLite, sandbox mounted, demo seeded) attacked from the outside. */
describe('the embedded default seen from the network', () => {
  let dataDir: string;
  let service: ServiceProcess;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tcb-rel-embedded-'));
    // No HOST: the default must keep the demo off the network.
    service = await startService({ DATA_DIR: dataDir, HOST: '', NODE_ENV: 'development', LOG_LEVEL: 'log' });
  });

  afterAll(async () => {
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should listen on the loopback interface only', async () => {
    expect(service.output()).toMatch(/listens on 127\.0\.0\.1:/);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal);
    if (external) {
      const port = new URL(service.url).port;
      await expect(
        fetch(`http://${external.address}:${port}/health`, { signal: AbortSignal.timeout(3000) }),
      ).rejects.toThrow();
    }
  });

  it('should refuse anonymous calls to the mounted sandbox control API, and leave the demo statement untouched', async () => {
    const key = readFileSync(join(dataDir, 'initial-api-key.txt'), 'utf8').trim();
    const lines = async () =>
      (await (
        await fetch(`${service.url}/api/v1/statements/1/lines`, { headers: { Authorization: `Bearer ${key}` } })
      ).json()) as { total: number };
    const before = await lines();
    const reset = await fetch(`${service.url}/bridge-sandbox/__sandbox/reset`, { method: 'POST' });
    expect(reset.status).toBe(401);
    const injected = await fetch(`${service.url}/bridge-sandbox/__sandbox/accounts/1/transactions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ amount: '-999999.99', date: '2026-11-02', label: 'INJECTION' }),
    });
    expect(injected.status).toBe(401);
    expect(await lines()).toEqual(before);
    // The operator holds the token, in a private file beside the database.
    const token = readFileSync(join(dataDir, 'sandbox-control.token'), 'utf8').trim();
    expect(
      (await fetch(`${service.url}/bridge-sandbox/__sandbox/state`, { headers: { Authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(200);
  });

  // README.md, "A first tour", as a user types it against `npm start`: the key file, the Synchro through the funnel,
  // the posting, the entries and the FEC download (curl -OJ keeps the Content-Disposition name).
  it('should run the README tour to entries and a FEC named and written as A47 A-1 asks', async () => {
    const key = readFileSync(join(dataDir, 'initial-api-key.txt'), 'utf8').trim();
    const call = (path: string, body?: object) =>
      fetch(`${service.url}${path}`, {
        method: body ? 'POST' : 'GET',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      });
    const first = (await (await call('/api/v1/statements/1/sync', { userId: 1 })).json()) as Record<string, string>;
    expect(first.status).toBe('connect_required');
    const funnel = await driveConnectFunnel(first.connectUrl!, { providerId: 574 });
    expect((await fetch(funnel.location!)).status).toBe(200);
    expect(await (await call('/api/v1/statements/1/sync', { userId: 1 })).json()).toMatchObject({ status: 'synced' });

    const posted = (await (await call('/api/v1/statements/1/post', {})).json()) as { posted: number };
    expect(posted.posted).toBeGreaterThan(5);
    const entries = (await (await call('/api/v1/entries?statementId=1&limit=100')).json()) as {
      items: { lines: { account: string }[] }[];
    };
    expect(entries.items).toHaveLength(posted.posted);
    const accounts = new Set(entries.items.flatMap((entry) => entry.lines.map((line) => line.account)));
    expect(accounts.has('627000') && accounts.has('431000')).toBe(true);

    const year = testWorldClock.now().getUTCFullYear();
    const fec = await call(`/api/v1/companies/1/fec?fiscalYear=${year}`);
    expect(fec.status).toBe(200);
    expect(fec.headers.get('content-disposition')).toMatch(new RegExp(`filename="?100000009FEC${year}1231\\.txt"?$`));
    const parsed = parseFec(Buffer.from(await fec.arrayBuffer()), 'iso-8859-15');
    expect(parsed.header).toEqual([...FEC_COLUMN_NAMES]);
    expect(checkFec(parsed)).toEqual([]);
    expect(new Set(parsed.records.map((record) => record.zones.EcritureNum)).size).toBe(posted.posted);
    const description = await call(`/api/v1/companies/1/fec/description?fiscalYear=${year}`);
    expect(description.status).toBe(200);
  });
});
