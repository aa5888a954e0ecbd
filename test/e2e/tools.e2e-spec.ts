import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';

import { runTool, startService } from '../support/processes.js';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from './utils/test-app.js';

// Each test starts a real process (the service, or a tool booting the application).
jest.setTimeout(120_000);

describe(`the service and its tools as processes (${TEST_ENGINE})`, () => {
  let database: TestDatabase;
  let elsewhere: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    elsewhere = mkdtempSync(join(tmpdir(), 'tcb-elsewhere-'));
  });

  afterAll(async () => {
    await database.drop();
    rmSync(elsewhere, { recursive: true, force: true });
  });

  it('should keep running in development mode when started from another folder than the checkout, with its back-office', async () => {
    const service = await startService(
      { NODE_ENV: 'development', ...database.env, DEMO_SEED: 'off' },
      { cwd: elsewhere },
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(service.exited()).toBe(false);
      expect((await fetch(`${service.url}/admin/login`)).status).toBe(200);
      const bundle = await fetch(`${service.url}/admin/frontend/assets/components.bundle.js`);
      expect(bundle.status).toBe(200);
      expect((await bundle.text()).length).toBeGreaterThan(1000);
    } finally {
      await service.stop();
    }
  });

  it('should create API keys from the command line with the default settings', () => {
    const editor = runTool(
      'dist/src/auth/create-api-key.cli.js',
      ['--name', 'Editor scripts', '--editor'],
      { ...database.env },
      { cwd: elsewhere },
    );
    expect(editor.output).toMatch(/API key \d+ "Editor scripts" \(editor\):\ntcb_[A-Za-z0-9_-]{43}\n/);
    expect(editor.status).toBe(0);
    const refused = runTool(
      'dist/src/auth/create-api-key.cli.js',
      ['--name', 'Nothing'],
      { ...database.env },
      { cwd: elsewhere },
    );
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/give --editor or at least one --company/);
  });

  it('should run a billing period from the command line', () => {
    const run = runTool(
      'dist/src/billing/billing-run.cli.js',
      ['--period', '2026'],
      { ...database.env },
      { cwd: elsewhere },
    );
    expect(run.output).toMatch(/Billing 2026 \(annual\): 0 report\(s\) created, 0 already there/);
    expect(run.status).toBe(0);
  });

  it('should drive a first Bridge connection against the sandbox with npm run bridge:demo', () => {
    const demo = runTool('dist/scripts/bridge-demo.js', ['--version', '2025-01-15'], {}, { cwd: elsewhere });
    expect(demo.output).toMatch(/=== Bridge-Version 2025-01-15/);
    expect(demo.output).toMatch(/transactions?/i);
    expect(demo.status).toBe(0);
  });

  it('should run the benchmark with the default settings, on a small volume', () => {
    const bench = runTool(
      'dist/scripts/bench.js',
      [],
      { BENCH_OPERATIONS: '300', BENCH_REST_SECONDS: '1' },
      { cwd: elsewhere },
    );
    expect(bench.output).toMatch(/first sync: +[\d.]+ s, \d+ operations\/s/);
    expect(bench.output).toMatch(/lines, last page by cursor: +p50 +\d+ ms/);
    expect(bench.status).toBe(0);
  });
});
