import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';

import { startService, type ServiceProcess } from '../support/processes.js';

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
});
