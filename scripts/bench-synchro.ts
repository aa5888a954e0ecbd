/**
 * The Synchro at scale, measured from the outside (issue 13): the built product runs as its own process (`node
 * dist/src/main.js`, production mode) on a fresh database, the Bridge sandbox in another, and this process drives both
 * over HTTP as an ERP and a bank would. For each volume it prints, measured in the same run:
 * - the first sync of the whole history, and the raw multi-row upsert rate of the same rows on the same database
 *   (straight through the driver, no product code), with the product's ratio to it;
 * - a sync after the bank added 1% new operations, and one with nothing new, each with its ratio to the first, and
 *   the Bridge listing requests per Bridge account;
 * - the product process's peak RSS (VmHWM of /proc/<pid>/status) and the largest RSS sampled during the first sync;
 * - the REST latency at 50 connections (autocannon): the line listing at its first page, at its last page by cursor
 *   (`after`) and by `offset`, and the statement list.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { createConnection, type Connection } from 'mysql2/promise';

export type Engine = 'sqlite' | 'mysql';

const HISTORY_MONTHS = 48;
// The sandbox gives each user a checking account of `perMonth` operations a month and a card account of about a third
// of that; measured on its generator (64,198 operations for 1,000 a month over 48 months).
const OPERATIONS_PER_CHECKING_OPERATION = 1.337;
const EDITOR_KEY = `bench-editor-key-${randomBytes(18).toString('hex')}`;
// dist/scripts/ of the repository: the bench runs from any directory.
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface BenchTargets {
  operations: number;
  journals: number;
  concurrency: number;
  restSeconds: number;
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

interface Journal {
  statementId: number;
  userId: number;
  bankAccountId: number;
  checkingId: number;
  configId: number;
}

interface Spawned {
  child: ChildProcess;
  url: string;
  output: () => string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function api(baseUrl: string) {
  const call = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${EDITOR_KEY}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(600_000),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown = {}) => call('POST', path, body),
  };
}

function expectStatus(answer: Answer, status: number, what: string): Answer {
  if (answer.status !== status) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer;
}

async function startSandbox(perMonth: number, controlToken: string, sandboxBin: string): Promise<Spawned> {
  const child = spawn(process.execPath, [sandboxBin], {
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
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  return { child, url, output: () => output };
}

/** The node options of package.json's start script (`node --max-old-space-size=160 dist/src/main.js`). */
function startOptions(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const words = scripts.start!.split(/\s+/);
  return words.slice(1).filter((word) => word.startsWith('--'));
}

/** The built product in production mode, nothing mounted but the REST API. */
async function startProduct(databaseEnv: Record<string, string>, sandboxUrl: string): Promise<Spawned> {
  const port = await freePort();
  // Node's options as `npm start` gives them (the heap limit), then BENCH_PRODUCT_NODE_ARGS, e.g. "--cpu-prof
  // --cpu-prof-dir=/tmp/prof" to profile the product during the run.
  const nodeArgs = [...startOptions(), ...(process.env.BENCH_PRODUCT_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const child = spawn(process.execPath, [...nodeArgs, join(REPO_ROOT, 'dist/src/main.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      TZ: 'UTC',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      SESSION_SECRET: randomBytes(32).toString('base64url'),
      API_BOOTSTRAP_KEY: EDITOR_KEY,
      ADMIN: 'off',
      BRIDGE_SANDBOX: 'off',
      DEMO_SEED: 'off',
      BILLING_SCHEDULER: 'off',
      BRIDGE_ALLOWED_ORIGINS: new URL(sandboxUrl).origin,
      ...databaseEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the product exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) throw new Error(`the product did not answer /health:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, url, output: () => output };
}

/** The product process's resident memory now and at its peak (Linux: VmRSS and VmHWM), in MB. */
function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** Runs `work`, sampling the product's RSS every 20 ms: wall time and the largest RSS seen. */
async function timed<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; ms: number; maxRssMb: number }> {
  let maxRss = memoryOf(pid).rssMb;
  const timer = setInterval(() => {
    try {
      maxRss = Math.max(maxRss, memoryOf(pid).rssMb);
    } catch {
      // the process ended: the run fails on its own
    }
  }, 20);
  const started = performance.now();
  try {
    const result = await work();
    return { result, ms: performance.now() - started, maxRssMb: maxRss };
  } finally {
    clearInterval(timer);
  }
}

/** Runs `work` on every item, `concurrency` at a time. */
async function eachLimited<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** Direct access to the product's database, for the raw rate and the API log counts (never the product's path). */
interface RawDatabase {
  query<T>(sql: string, values?: unknown[]): Promise<T[]>;
  /** One multi-row statement straight through the driver; answers its duration in ms. */
  timedWrite(sql: string, values: unknown[]): Promise<number>;
  close(): Promise<void>;
}

async function openRaw(engine: Engine, databaseEnv: Record<string, string>): Promise<RawDatabase> {
  if (engine === 'sqlite') {
    const db = new Database(join(databaseEnv.DATA_DIR!, 'telecollecte.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 10000');
    return {
      query: async <T>(sql: string, values: unknown[] = []) => {
        const statement = db.prepare(sql);
        return (statement.reader ? statement.all(...values) : (statement.run(...values), [])) as T[];
      },
      timedWrite: async (sql, values) => {
        const statement = db.prepare(sql);
        const started = performance.now();
        statement.run(...values);
        return performance.now() - started;
      },
      close: async () => void db.close(),
    };
  }
  const connection: Connection = await createConnection({ uri: databaseEnv.DATABASE_URL!, dateStrings: true });
  return {
    query: async <T>(sql: string, values: unknown[] = []) => (await connection.query(sql, values))[0] as T[],
    timedWrite: async (sql, values) => {
      const started = performance.now();
      await connection.query(sql, values);
      return performance.now() - started;
    },
    close: () => connection.end(),
  };
}

/**
 * The database's own rate for the same rows: every mirror row, read back 500 at a time (outside the timing), upserted
 * into an empty copy of the table by one multi-row statement per 500 rows. Rows per second.
 */
async function rawUpsertRate(raw: RawDatabase, engine: Engine): Promise<number> {
  const quote = (name: string) => (engine === 'mysql' ? `\`${name}\`` : `"${name}"`);
  const columns = (
    engine === 'mysql'
      ? (await raw.query<{ Field: string }>('SHOW COLUMNS FROM bank_transaction')).map((row) => row.Field)
      : (await raw.query<{ name: string }>('PRAGMA table_info(bank_transaction)')).map((row) => row.name)
  ).filter((name) => name !== 'id');
  const list = columns.map(quote).join(', ');
  const key = ['bankAccountId', 'bridgeAccountId', 'bridgeTransactionId'];
  await raw.query('DROP TABLE IF EXISTS bench_raw_upsert');
  if (engine === 'mysql') {
    await raw.query('CREATE TABLE bench_raw_upsert LIKE bank_transaction');
  } else {
    await raw.query('CREATE TABLE bench_raw_upsert AS SELECT * FROM bank_transaction WHERE 0');
    await raw.query(`CREATE UNIQUE INDEX UQ_bench_raw ON bench_raw_upsert (${key.map(quote).join(', ')})`);
  }
  const update = columns
    .filter((name) => !key.includes(name))
    .map((name) =>
      engine === 'mysql' ? `${quote(name)} = VALUES(${quote(name)})` : `${quote(name)} = excluded.${quote(name)}`,
    )
    .join(', ');
  const statement = (rows: number) =>
    `INSERT INTO bench_raw_upsert (${list}) VALUES ${Array.from({ length: rows }, () => `(${columns.map(() => '?').join(', ')})`).join(', ')} ` +
    (engine === 'mysql'
      ? `ON DUPLICATE KEY UPDATE ${update}`
      : `ON CONFLICT (${key.map(quote).join(', ')}) DO UPDATE SET ${update}`);
  let rows = 0;
  let ms = 0;
  try {
    for (let lastId = 0; ;) {
      const chunk = await raw.query<Record<string, unknown>>(
        `SELECT id, ${list} FROM bank_transaction WHERE id > ? ORDER BY id LIMIT 500`,
        [lastId],
      );
      if (chunk.length === 0) break;
      lastId = Number(chunk.at(-1)!.id);
      ms += await raw.timedWrite(
        statement(chunk.length),
        chunk.flatMap((row) => columns.map((name) => row[name])),
      );
      rows += chunk.length;
    }
  } finally {
    await raw.query('DROP TABLE IF EXISTS bench_raw_upsert');
  }
  return rows / (ms / 1000);
}

/** A company with its Bridge configuration, user, journal and open-ended statement, connected through the funnel. */
async function newJournal(
  rest: ReturnType<typeof api>,
  sandbox: { url: string; controlToken: string },
  email: string,
  driveConnectFunnel: (url: string, options: { providerId: number }) => Promise<unknown>,
): Promise<Journal> {
  const company = expectStatus(
    await rest.post('/api/v1/companies', { name: `Bench ${email}`, subscriptionActive: true }),
    201,
    'company',
  );
  const companyId = company.body.id as number;
  const config = expectStatus(
    await rest.post('/api/v1/bridge-configs', {
      companyIds: [companyId],
      name: 'Sandbox',
      url: sandbox.url,
      clientId: 'sandbox-client-id',
      clientSecret: 'sandbox-client-secret',
    }),
    201,
    'Bridge configuration',
  );
  const user = expectStatus(
    await rest.post('/api/v1/users', { companyId, name: 'Bench', login: 'bench', email }),
    201,
    'user',
  );
  const preview = (await (
    await fetch(`${sandbox.url}/__sandbox/preview-accounts`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sandbox.controlToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ userKey: email, providerId: 574 }),
    })
  ).json()) as { accounts: { id: number; type: string; iban: string | null }[] };
  const checking = preview.accounts.find((account) => account.type === 'checking')!;
  const bankAccount = expectStatus(
    await rest.post('/api/v1/bank-accounts', {
      companyId,
      journalCode: 'BQ1',
      journalName: 'Banque',
      iban: checking.iban,
      accountTypes: ['checking', 'card'],
      includeOlderLines: true,
    }),
    201,
    'bank account',
  );
  const today = new Date().toISOString().slice(0, 8);
  const statement = expectStatus(
    await rest.post('/api/v1/statements', { bankAccountId: bankAccount.body.id, dateStart: `${today}01` }),
    201,
    'statement',
  );
  const journal: Journal = {
    statementId: statement.body.id as number,
    userId: user.body.id as number,
    bankAccountId: bankAccount.body.id as number,
    checkingId: checking.id,
    configId: config.body.id as number,
  };
  const first = expectStatus(await sync(rest, journal), 200, 'first Synchro');
  if (first.body.status !== 'connect_required') throw new Error(`expected the funnel: ${JSON.stringify(first.body)}`);
  // Through the funnel at Bridge only: the callback would run the first sync, which is what is measured here.
  await driveConnectFunnel(first.body.connectUrl as string, { providerId: 574 });
  return journal;
}

function sync(rest: ReturnType<typeof api>, journal: Journal): Promise<Answer> {
  return rest.post(`/api/v1/statements/${journal.statementId}/sync`, { userId: journal.userId });
}

interface SyncRound {
  ms: number;
  maxRssMb: number;
  imported: number;
  fetched: number;
  listings: number;
}

/** A Synchro of every journal, `concurrency` at a time; what they imported and the Bridge listings they read. */
async function syncAll(
  rest: ReturnType<typeof api>,
  raw: RawDatabase,
  pid: number,
  journals: Journal[],
  concurrency: number,
): Promise<SyncRound> {
  const lastLog = Number((await raw.query<{ id: number | null }>('SELECT MAX(id) AS id FROM api_log'))[0]?.id ?? 0);
  let imported = 0;
  let fetched = 0;
  const round = await timed(pid, () =>
    eachLimited(journals, concurrency, async (journal) => {
      const answer = expectStatus(await sync(rest, journal), 200, 'Synchro');
      if (answer.body.status !== 'synced') throw new Error(`Synchro: ${JSON.stringify(answer.body)}`);
      imported += answer.body.imported as number;
      fetched += (answer.body.imported as number) + (answer.body.skipped as number);
    }),
  );
  const [counted] = await raw.query<{ listings: number | string }>(
    "SELECT COUNT(*) AS listings FROM api_log WHERE id > ? AND path LIKE '%/transactions%'",
    [lastLog],
  );
  return { ms: round.ms, maxRssMb: round.maxRssMb, imported, fetched, listings: Number(counted?.listings ?? 0) };
}

/** The bank adds `count` new operations of today to the journal's checking account. */
async function addOperations(sandbox: { url: string; controlToken: string }, checkingId: number, count: number) {
  const today = new Date().toISOString().slice(0, 10);
  for (let index = 0; index < count; index++) {
    const response = await fetch(`${sandbox.url}/__sandbox/accounts/${checkingId}/transactions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sandbox.controlToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        amount: `-${1 + (index % 97)}.${String(index % 100).padStart(2, '0')}`,
        date: today,
        label: `CB BENCH ${index}`,
      }),
    });
    if (response.status !== 201) throw new Error(`sandbox: ${response.status} ${await response.text()}`);
  }
}

async function latency(url: string, seconds: number): Promise<string> {
  const result = await autocannon({
    url,
    connections: 50,
    duration: seconds,
    headers: { Authorization: `Bearer ${EDITOR_KEY}` },
  });
  const failed = result.non2xx + result.errors + result.timeouts;
  return `p50 ${String(result.latency.p50).padStart(4)} ms, p99 ${String(result.latency.p99).padStart(4)} ms, ${result.requests.average.toFixed(0).padStart(5)} req/s${failed > 0 ? `, ${failed} FAILED` : ''}`;
}

/** The cursor after which the last page of `pageSize` lines starts (walked by cursor, 500 lines a request). */
async function cursorBeforeLastPage(rest: ReturnType<typeof api>, statementId: number, pageSize: number) {
  const cursors: string[] = [];
  let seen = 0;
  let total: number;
  for (let after: string | null = null; ;) {
    const page = expectStatus(
      await rest.get(
        `/api/v1/statements/${statementId}/lines?limit=${pageSize}${after === null ? '' : `&after=${after}`}`,
      ),
      200,
      'lines',
    );
    total = page.body.total as number;
    seen += (page.body.items as unknown[]).length;
    after = page.body.nextCursor as string | null;
    if (after === null) break;
    cursors.push(after);
  }
  if (seen !== total) throw new Error(`the cursor pages gave ${seen} lines of ${total}`);
  return { cursor: cursors.at(-1) ?? null, total };
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

/** The tables that grow with the history: rows, bytes of data and of indexes (for the README's sizing note). */
async function tableSizes(
  raw: RawDatabase,
  engine: Engine,
): Promise<{ name: string; rows: number; dataBytes: number; indexBytes: number }[]> {
  const tables = ['bank_transaction', 'statement_line', 'api_log'];
  const sizes = [];
  for (const name of tables) {
    const rows = Number(
      (await raw.query<{ count: number | string }>(`SELECT COUNT(*) AS count FROM ${name}`))[0]?.count,
    );
    if (engine === 'mysql') {
      await raw.query(`ANALYZE TABLE ${name}`);
      const [row] = await raw.query<{ data: number | string; indexes: number | string }>(
        'SELECT data_length AS data, index_length AS indexes FROM information_schema.TABLES WHERE table_schema = DATABASE() AND table_name = ?',
        [name],
      );
      sizes.push({ name, rows, dataBytes: Number(row?.data), indexBytes: Number(row?.indexes) });
    } else {
      // dbstat: the pages of the table and of each of its indexes.
      const pages = await raw.query<{ name: string; bytes: number }>(
        "SELECT name, SUM(pgsize) AS bytes FROM dbstat WHERE name = ? OR name IN (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?) GROUP BY name",
        [name, name],
      );
      const dataBytes = pages.filter((page) => page.name === name).reduce((sum, page) => sum + page.bytes, 0);
      const all = pages.reduce((sum, page) => sum + page.bytes, 0);
      sizes.push({ name, rows, dataBytes, indexBytes: all - dataBytes });
    }
  }
  return sizes;
}

export async function runSynchroBench(
  engine: Engine,
  databaseEnv: Record<string, string>,
  targets: BenchTargets,
  sandboxBin: string,
  driveConnectFunnel: (url: string, options: { providerId: number }) => Promise<unknown>,
): Promise<void> {
  const perJournal = Math.round(targets.operations / targets.journals);
  const perMonth = Math.max(1, Math.round(perJournal / HISTORY_MONTHS / OPERATIONS_PER_CHECKING_OPERATION));
  const controlToken = randomBytes(24).toString('base64url');
  const sandbox = await startSandbox(perMonth, controlToken, sandboxBin);
  const product = await startProduct(databaseEnv, sandbox.url).catch((error: unknown) => {
    sandbox.child.kill();
    throw error;
  });
  const raw = await openRaw(engine, databaseEnv);
  const pid = product.child.pid!;
  const startRssMb = memoryOf(pid).rssMb;
  const rest = api(product.url);
  const bank = { url: sandbox.url, controlToken };
  try {
    const journals: Journal[] = [];
    await eachLimited(
      Array.from({ length: targets.journals }, (_, index) => index),
      4,
      async (index) =>
        void journals.push(await newJournal(rest, bank, `bench-${index}@cabinet.fr`, driveConnectFunnel)),
    );
    const concurrency = targets.journals > 1 ? targets.concurrency : 1;
    const full = await syncAll(rest, raw, pid, journals, concurrency);
    const rawRate = await rawUpsertRate(raw, engine);
    const rate = full.fetched / (full.ms / 1000);

    for (const journal of journals) await addOperations(bank, journal.checkingId, Math.ceil(perJournal / 100));
    const incremental = await syncAll(rest, raw, pid, journals, concurrency);
    const unchanged = await syncAll(rest, raw, pid, journals, concurrency);
    const accounts = journals.length * 2; // a checking and a card account feed each journal

    const [first] = journals;
    const { cursor, total } = await cursorBeforeLastPage(rest, first!.statementId, 100);
    const linesInDatabase = Number(
      (await raw.query<{ count: number | string }>('SELECT COUNT(*) AS count FROM statement_line'))[0]?.count,
    );
    const lines = `${product.url}/api/v1/statements/${first!.statementId}/lines?limit=100`;
    // The deep offset last: the database goes on with the queries of its slow requests after the load stops.
    const statementList = await latency(`${product.url}/api/v1/statements?limit=50`, targets.restSeconds);
    const firstPage = await latency(lines, targets.restSeconds);
    const lastByCursor = cursor === null ? 'n/a' : await latency(`${lines}&after=${cursor}`, targets.restSeconds);
    const lastByOffset = await latency(`${lines}&offset=${Math.max(0, total - 100)}`, targets.restSeconds);
    const memory = memoryOf(pid);
    const sizes = (await tableSizes(raw, engine))
      .map(
        (table) =>
          `${table.name} ${table.rows} rows ${mb(table.dataBytes)} + indexes ${mb(table.indexBytes)} MB (${Math.round((table.dataBytes + table.indexBytes) / Math.max(table.rows, 1))} B/row)`,
      )
      .join('; ');

    const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(
      [
        `${engine.padEnd(6)} ${full.fetched} operations over ${journals.length} journal(s) of ${HISTORY_MONTHS} months (checking + card)${concurrency > 1 ? `, ${concurrency} syncs at a time` : ''}`,
        `  first sync:      ${seconds(full.ms)}, ${rate.toFixed(0)} operations/s, ${full.imported} lines; raw multi-row upsert of the same rows ${rawRate.toFixed(0)} rows/s: ratio to raw ${(rate / rawRate).toFixed(2)}`,
        `  1% new:          ${seconds(incremental.ms)} (${(incremental.ms / full.ms).toFixed(3)} of the first), ${incremental.imported} imported, ${(incremental.listings / accounts).toFixed(1)} listing requests per Bridge account`,
        `  nothing new:     ${seconds(unchanged.ms)}${journals.length > 1 ? ` for ${journals.length} journals (${seconds((unchanged.ms / journals.length) * concurrency)} per sync)` : ''} (${(unchanged.ms / full.ms).toFixed(3)} of the first), ${unchanged.imported} imported, ${(unchanged.listings / accounts).toFixed(1)} listing requests per Bridge account`,
        `  product memory:  peak RSS ${memory.peakMb.toFixed(0)} MB over the run (at start ${startRssMb.toFixed(0)} MB, largest sampled during the first sync ${full.maxRssMb.toFixed(0)} MB, now ${memory.rssMb.toFixed(0)} MB)`,
        `  database:        ${sizes}`,
        `  REST, 50 connections, ${targets.restSeconds} s each, ${total} lines in the statement, ${linesInDatabase} in the database:`,
        `    lines, first page:              ${firstPage}`,
        `    lines, last page by cursor:     ${lastByCursor}`,
        `    lines, last page by offset:     ${lastByOffset}`,
        `    statement list (50):            ${statementList}`,
      ].join('\n'),
    );
    if (unchanged.imported !== 0 || incremental.imported < journals.length * Math.ceil(perJournal / 100))
      throw new Error('the syncs did not import what the bank added');
  } catch (error) {
    console.error(product.output().slice(-4000));
    throw error;
  } finally {
    await raw.close();
    product.child.kill('SIGTERM');
    sandbox.child.kill();
    await new Promise((resolve) =>
      product.child.exitCode !== null ? resolve(null) : product.child.once('exit', resolve),
    );
  }
}
