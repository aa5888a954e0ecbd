/**
 * Synchro benchmark: a first sync bringing years of history, then a sync with nothing new, at two volumes, to show
 * the time per transaction and that memory does not grow with the history. The sandbox runs in a child process so
 * that its own data does not count in this process's memory.
 *
 *   npm run bench                         # SQLite (temporary file)
 *   BENCH_MYSQL_URL=mysql://root@127.0.0.1:3306/test npm run bench   # also on MariaDB (a fresh database per run)
 *   BENCH_VOLUMES=200,2000 npm run bench  # checking-account lines per month for each run (48 months of history)
 */
import 'reflect-metadata';

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createConnection } from 'mysql2/promise';

import { AppModule } from '../src/app.module.js';
import { AccessScope } from '../src/auth/access-scope.js';
import { BankAccountsService } from '../src/bank-accounts/bank-accounts.service.js';
import { BridgeConfigsService } from '../src/bridge-config/bridge-configs.service.js';
import { CompaniesService } from '../src/companies/companies.service.js';
import { loadCliConfig } from '../src/config/app-config.js';
import { requireBridgeSandbox } from '../src/demo/bridge-sandbox.loader.js';
import { StatementsService } from '../src/statements/statements.service.js';
import { SynchroService } from '../src/synchro/synchro.service.js';
import { UsersService } from '../src/users/users.service.js';

const HISTORY_MONTHS = 48;
const volumes = (process.env.BENCH_VOLUMES ?? '100,1000').split(',').map(Number);
const engines: ('sqlite' | 'mysql')[] = process.env.BENCH_MYSQL_URL ? ['sqlite', 'mysql'] : ['sqlite'];
Logger.overrideLogger(['error']);
// The sandbox runs in a child process (its bin); this process drives its funnel.
const { driveConnectFunnel } = await requireBridgeSandbox('npm run bench');

async function startSandbox(perMonth: number): Promise<{ url: string; controlToken: string; child: ChildProcess }> {
  const controlToken = randomBytes(24).toString('base64url');
  const child = spawn(process.execPath, [fileURLToPath(import.meta.resolve('@telecollecte/bridge-sandbox/cli'))], {
    env: {
      ...process.env,
      SANDBOX_CONTROL_TOKEN: controlToken,
      SANDBOX_PORT: '0',
      SANDBOX_HISTORY_MONTHS: String(HISTORY_MONTHS),
      SANDBOX_TRANSACTIONS_PER_MONTH: String(perMonth),
      SANDBOX_RATE_LIMITS: 'off',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /listening on (\S+)/.exec(chunk.toString());
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  return { url, controlToken, child };
}

async function freshDatabase(
  engine: 'sqlite' | 'mysql',
  dataDir: string,
): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (engine === 'sqlite') return { env: { DATA_DIR: dataDir }, drop: async () => undefined };
  const url = new URL(process.env.BENCH_MYSQL_URL!);
  const admin = await createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
  const name = `tcb_bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE \`${name}\``);
  url.pathname = `/${name}`;
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    drop: async () => void (await admin.query(`DROP DATABASE \`${name}\``), await admin.end()),
  };
}

/** Peak heap and RSS while `work` runs, sampled every 20 ms after a forced GC when available. */
async function measured<T>(
  work: () => Promise<T>,
): Promise<{ result: T; ms: number; peakHeapMb: number; peakRssMb: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  let peakHeap = process.memoryUsage().heapUsed;
  let peakRss = process.memoryUsage().rss;
  const timer = setInterval(() => {
    const usage = process.memoryUsage();
    peakHeap = Math.max(peakHeap, usage.heapUsed);
    peakRss = Math.max(peakRss, usage.rss);
  }, 20);
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  clearInterval(timer);
  return { result, ms, peakHeapMb: peakHeap / 2 ** 20, peakRssMb: peakRss / 2 ** 20 };
}

async function run(engine: 'sqlite' | 'mysql', perMonth: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tcb-bench-'));
  const database = await freshDatabase(engine, dataDir);
  const sandbox = await startSandbox(perMonth);
  const app = await NestFactory.createApplicationContext(
    await AppModule.forRoot(
      loadCliConfig({ NODE_ENV: 'test', BRIDGE_ALLOWED_ORIGINS: new URL(sandbox.url).origin, ...database.env }),
    ),
    { logger: ['error'] },
  );
  try {
    const scope = AccessScope.editor();
    const email = `bench-${perMonth}@cabinet.fr`;
    const company = await app
      .get(CompaniesService)
      .create({ name: 'Bench', subscriptionActive: true }, scope, undefined);
    await app.get(BridgeConfigsService).create(
      {
        companyIds: [company.id],
        name: 'Sandbox',
        url: sandbox.url,
        clientId: 'sandbox-client-id',
        clientSecret: 'sandbox-client-secret',
      },
      scope,
    );
    const user = await app
      .get(UsersService)
      .create({ companyId: company.id, name: 'Bench', login: 'bench', email }, scope);
    const preview = (await (
      await fetch(`${sandbox.url}/__sandbox/preview-accounts`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${sandbox.controlToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ userKey: email, providerId: 574 }),
      })
    ).json()) as {
      accounts: { type: string; iban: string | null }[];
    };
    const iban = preview.accounts.find((account) => account.type === 'checking')!.iban;
    const account = await app.get(BankAccountsService).create(
      {
        companyId: company.id,
        journalCode: 'BQ1',
        journalName: 'Bench',
        iban,
        accountTypes: ['checking', 'card'],
        includeOlderLines: true,
      },
      scope,
    );
    const statement = await app
      .get(StatementsService)
      .create({ bankAccountId: account.id, dateStart: '2026-01-01' }, scope);
    const synchro = app.get(SynchroService);

    const first = await synchro.sync(statement.id, user.id, scope, null);
    if (first.status !== 'connect_required') throw new Error(`expected the funnel, got ${first.status}`);
    await driveConnectFunnel(first.connectUrl, { providerId: 574 });

    const full = await measured(() => synchro.sync(statement.id, user.id, scope, null));
    const again = await measured(() => synchro.sync(statement.id, user.id, scope, null));
    if (full.result.status !== 'synced' || again.result.status !== 'synced')
      throw new Error('the sync did not complete');
    const fetched = full.result.imported + full.result.skipped;
    console.log(
      [
        engine.padEnd(6),
        `${String(perMonth).padStart(5)}/month x ${HISTORY_MONTHS} months`,
        `first sync: ${String(fetched).padStart(6)} operations, ${String(full.result.imported).padStart(6)} lines in ${(full.ms / 1000).toFixed(2).padStart(6)} s`,
        `(${((full.ms / fetched) * 1000).toFixed(0).padStart(4)} µs/operation)`,
        `peak heap ${full.peakHeapMb.toFixed(0).padStart(4)} MB, peak RSS ${full.peakRssMb.toFixed(0).padStart(4)} MB`,
        `| sync with nothing new: ${(again.ms / 1000).toFixed(2)} s, ${again.result.imported} imported`,
      ].join('  '),
    );
  } finally {
    await app.close();
    sandbox.child.kill();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const heapLimitMb = (await import('node:v8')).getHeapStatistics().heap_size_limit / 2 ** 20;
console.log(
  `Synchro benchmark (Node ${process.version}, ${HISTORY_MONTHS} months of history, checking + card accounts, page size 500, heap capped at ${heapLimitMb.toFixed(0)} MB: a sync whose memory grew with the history would crash on the larger volume)`,
);
for (const engine of engines) {
  for (const perMonth of volumes) {
    await run(engine, perMonth);
  }
}
