/**
 * Synchro benchmark (scripts/bench-synchro.ts): the built product as its own process, driven over REST, at 10,000 and
 * 100,000 operations on one journal, and 1,000,000 over 100 journals synced 4 at a time when asked: first sync against
 * the raw upsert rate of the same rows, 1% new and nothing new, Bridge requests, the product's peak RSS, REST latency.
 *
 * Accounting benchmark: a fiscal year of about 100,000 lines imported into one statement, posted (POST
 * statements/:id/post), then the FEC of that year streamed (GET companies/:id/fec), with the import measured in the
 * same run for the ratio.
 *
 *   npm run bench                         # SQLite (temporary file)
 *   BENCH_MYSQL_URL=mysql://root@127.0.0.1:3306/test npm run bench   # also on MariaDB (a fresh database per run)
 *   BENCH_OPERATIONS=10000,100000,1000000 npm run bench   # operations per run (default 10000,100000)
 *   BENCH_JOURNALS=100 BENCH_CONCURRENT_SYNCS=4   # journals of a run (default 1, 100 from 1,000,000) and syncs at a time
 *   BENCH_REST_SECONDS=5                  # duration of each REST latency measure (50 connections)
 *   BENCH_ENGINES=mysql                   # only these engines (sqlite, mysql)
 *   BENCH_ACCOUNTING_LINES=10000 npm run bench   # a smaller accounting year (default 100000; 0 skips it)
 */
import 'reflect-metadata';

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

import { Logger, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createConnection } from 'mysql2/promise';

import { AccountingExportsService } from '../src/accounting/accounting-exports.service.js';
import { PostingService } from '../src/accounting/posting.service.js';
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
import { runSynchroBench } from './bench-synchro.js';

const operationCounts = (process.env.BENCH_OPERATIONS ?? '10000,100000').split(',').filter(Boolean).map(Number);
const journalsOf = (operations: number) =>
  process.env.BENCH_JOURNALS ? Number(process.env.BENCH_JOURNALS) : operations >= 1_000_000 ? 100 : 1;
const concurrentSyncs = Number(process.env.BENCH_CONCURRENT_SYNCS ?? 4);
const restSeconds = Number(process.env.BENCH_REST_SECONDS ?? 5);
const accountingLines = Number(process.env.BENCH_ACCOUNTING_LINES ?? 100_000);
const engines = (process.env.BENCH_MYSQL_URL ? ['sqlite', 'mysql'] : ['sqlite']).filter(
  (engine) => !process.env.BENCH_ENGINES || process.env.BENCH_ENGINES.split(',').includes(engine),
) as ('sqlite' | 'mysql')[];
Logger.overrideLogger(['error']);
// The sandbox runs in a child process (its bin); this process drives its funnel.
const { driveConnectFunnel } = await requireBridgeSandbox('npm run bench');

async function startSandbox(
  perMonth: number,
  historyMonths: number,
): Promise<{ url: string; controlToken: string; child: ChildProcess }> {
  const controlToken = randomBytes(24).toString('base64url');
  const child = spawn(process.execPath, [fileURLToPath(import.meta.resolve('@telecollecte/bridge-sandbox/cli'))], {
    env: {
      ...process.env,
      SANDBOX_CONTROL_TOKEN: controlToken,
      SANDBOX_PORT: '0',
      SANDBOX_HISTORY_MONTHS: String(historyMonths),
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
): Promise<{ result: T; ms: number; peakHeapMb: number; peakRssMb: number; startRssMb: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  let peakHeap = process.memoryUsage().heapUsed;
  let peakRss = process.memoryUsage().rss;
  const startRss = peakRss;
  const timer = setInterval(() => {
    const usage = process.memoryUsage();
    peakHeap = Math.max(peakHeap, usage.heapUsed);
    peakRss = Math.max(peakRss, usage.rss);
  }, 20);
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  clearInterval(timer);
  return { result, ms, peakHeapMb: peakHeap / 2 ** 20, peakRssMb: peakRss / 2 ** 20, startRssMb: startRss / 2 ** 20 };
}

interface BenchJournal {
  scope: AccessScope;
  companyId: number;
  userId: number;
  statementId: number;
}

/** A company, its Bridge configuration, user, journal and statement, connected to the sandbox through the funnel. */
async function benchJournal(
  app: INestApplicationContext,
  sandbox: { url: string; controlToken: string },
  options: { email: string; accountTypes: string[]; dateStart: string; company?: Record<string, unknown> },
): Promise<BenchJournal> {
  const scope = AccessScope.editor();
  const company = await app
    .get(CompaniesService)
    .create({ name: 'Bench', subscriptionActive: true, ...options.company }, scope, undefined);
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
    .create({ companyId: company.id, name: 'Bench', login: 'bench', email: options.email }, scope);
  const preview = (await (
    await fetch(`${sandbox.url}/__sandbox/preview-accounts`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sandbox.controlToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ userKey: options.email, providerId: 574 }),
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
      accountTypes: options.accountTypes,
      includeOlderLines: true,
    },
    scope,
  );
  const statement = await app
    .get(StatementsService)
    .create({ bankAccountId: account.id, dateStart: options.dateStart }, scope);
  const first = await app.get(SynchroService).sync(statement.id, user.id, scope, null);
  if (first.status !== 'connect_required') throw new Error(`expected the funnel, got ${first.status}`);
  await driveConnectFunnel(first.connectUrl, { providerId: 574 });
  return { scope, companyId: company.id, userId: user.id, statementId: statement.id };
}

async function startApp(
  database: { env: Record<string, string> },
  sandbox: { url: string },
): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(
    await AppModule.forRoot(
      loadCliConfig({ NODE_ENV: 'test', BRIDGE_ALLOWED_ORIGINS: new URL(sandbox.url).origin, ...database.env }),
    ),
    { logger: ['error'] },
  );
}

async function runSynchro(engine: 'sqlite' | 'mysql', operations: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tcb-bench-'));
  const database = await freshDatabase(engine, dataDir);
  try {
    await runSynchroBench(
      engine,
      database.env,
      { operations, journals: journalsOf(operations), concurrency: concurrentSyncs, restSeconds },
      fileURLToPath(import.meta.resolve('@telecollecte/bridge-sandbox/cli')),
      driveConnectFunnel,
    );
  } finally {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const pad2 = (value: number) => String(value).padStart(2, '0');

/**
 * A fiscal year of `lines` checking-account lines in one statement: the sandbox's 11 whole months before the current
 * one plus the current month so far, with a fiscal year ending at the end of the current month, so that every line
 * falls into that one year. Imported, posted in one call, then its FEC streamed to nowhere, bytes counted.
 */
async function runAccounting(engine: 'sqlite' | 'mysql', lines: number): Promise<void> {
  const now = new Date();
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const months = 11 + now.getUTCDate() / lastDay;
  const perMonth = Math.min(20_000, Math.ceil(lines / months));
  const start = new Date(Date.UTC(year, month - 12, 1));
  const dateStart = `${start.getUTCFullYear()}-${pad2(start.getUTCMonth() + 1)}-01`;
  // February's end moves with leap years: a year ending on 02-28 then starts on 03-01, as the sandbox's first month.
  const fiscalYearEnd = `${pad2(month)}-${pad2(month === 2 ? 28 : lastDay)}`;

  const dataDir = mkdtempSync(join(tmpdir(), 'tcb-bench-'));
  const database = await freshDatabase(engine, dataDir);
  const sandbox = await startSandbox(perMonth, 11);
  const app = await startApp(database, sandbox);
  try {
    const { scope, statementId, userId, companyId } = await benchJournal(app, sandbox, {
      email: `bench-accounting-${lines}@cabinet.fr`,
      accountTypes: ['checking'],
      dateStart,
      company: { siren: '552032534', fiscalYearEnd },
    });
    const imported = await measured(() => app.get(SynchroService).sync(statementId, userId, scope, null));
    if (imported.result.status !== 'synced') throw new Error('the sync did not complete');
    const count = imported.result.imported;

    const posting = await measured(() => app.get(PostingService).post(statementId, undefined, scope));
    // A fiscal year is named after the calendar year it ends in.
    const fiscalYear = year;
    const exports = app.get(AccountingExportsService);
    const fec = await measured(async () => {
      const file = await exports.fec(companyId, fiscalYear, 'iso-8859-15', scope);
      let bytes = 0;
      // The header, then one record per entry line, each after a line break.
      let records = 1;
      const body = file.body instanceof Readable ? file.body : Readable.from([file.body]);
      for await (const chunk of body as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        for (const byte of chunk) if (byte === 0x0a) records++;
      }
      return { bytes, records };
    });
    const perLine = (ms: number, n: number) => `${((ms / Math.max(n, 1)) * 1000).toFixed(0).padStart(4)} µs/line`;
    // One process runs every benchmark and RSS seldom shrinks: what a step adds to it is the step's own figure.
    const memory = (figures: { peakHeapMb: number; peakRssMb: number; startRssMb: number }) =>
      `peak heap ${figures.peakHeapMb.toFixed(0).padStart(4)} MB, peak RSS ${figures.peakRssMb.toFixed(0).padStart(4)} MB (+${(figures.peakRssMb - figures.startRssMb).toFixed(0)} MB in the step)`;
    console.log(
      [
        engine.padEnd(6),
        `fiscal year ${fiscalYear} (${dateStart} to ${fiscalYear}-${fiscalYearEnd}), ${count} lines`,
        `\n  import:  ${(imported.ms / 1000).toFixed(2).padStart(6)} s (${perLine(imported.ms, count)})  ${memory(imported)}`,
        `\n  posting: ${(posting.ms / 1000).toFixed(2).padStart(6)} s (${perLine(posting.ms, posting.result.posted)}), ${posting.result.posted} entries  ${memory(posting)}` +
          `  | posting/import time ${(posting.ms / imported.ms).toFixed(2)}`,
        `\n  FEC:     ${(fec.ms / 1000).toFixed(2).padStart(6)} s (${perLine(fec.ms, posting.result.posted).replace('line', 'entry')}), ${(fec.result.bytes / 2 ** 20).toFixed(1)} MB, ${fec.result.records} records  ${memory(fec)}` +
          `  | FEC/posting time ${(fec.ms / posting.ms).toFixed(2)}`,
      ].join('  '),
    );
    if (posting.result.posted !== count || fec.result.records !== 1 + 2 * count)
      throw new Error(`expected ${count} entries and ${1 + 2 * count} FEC records`);
  } finally {
    await app.close();
    sandbox.child.kill();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(
  `Synchro benchmark (Node ${process.version}, ${cpus().length} cores; the product and the sandbox run as their own processes, driven over HTTP)`,
);
for (const engine of engines) {
  for (const operations of operationCounts) {
    await runSynchro(engine, operations);
  }
}
if (accountingLines > 0) {
  console.log(
    `\nAccounting benchmark: a fiscal year of about ${accountingLines} checking-account lines in one statement, imported, posted in one call (chunks of 500 lines per transaction), then its FEC streamed (ISO-8859-15)`,
  );
  for (const engine of engines) await runAccounting(engine, accountingLines);
}
