import { join } from 'node:path';

import { driveConnectFunnel } from '@telecollecte/bridge-sandbox';
import Database from 'better-sqlite3';
import { parse } from 'lossless-json';
import { createConnection } from 'mysql2/promise';

import type { BridgeVersion } from '../../../src/bridge-config/bridge-config.entity.js';
import { toMoney } from '../../../src/common/money/money.js';
import type { StatementLineResponse } from '../../../src/statements/dto/statement.dto.js';
import { freePort, startService, type ServiceProcess } from '../../support/processes.js';
import { sandboxControl, type SandboxServer } from '../../support/sandbox-control.js';
import type { TestDatabase } from '../../support/test-database.js';

export const EDITOR_KEY = 'reliability-editor-key-' + 'x'.repeat(24);

export interface Answer {
  status: number;
  body: Record<string, unknown> & { message?: string };
}

/** The built service on a test database, with what a test needs and none of the rest (back-office, sandbox, jobs). */
export async function startInstance(
  database: TestDatabase,
  extra: Record<string, string> = {},
  port?: number,
): Promise<ServiceProcess> {
  const chosen = port ?? (await freePort());
  return startService({
    ...database.env,
    NODE_ENV: 'test',
    API_BOOTSTRAP_KEY: EDITOR_KEY,
    ADMIN: 'off',
    BRIDGE_SANDBOX: 'off',
    DEMO_SEED: 'off',
    BILLING_SCHEDULER: 'off',
    PORT: String(chosen),
    PUBLIC_URL: `http://127.0.0.1:${chosen}`,
    ...extra,
  });
}

/** The REST API of a running instance, with the editor key. */
export function apiOf(baseUrl: string, timeoutMs = 180_000) {
  const call = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${EDITOR_KEY}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : { text },
    };
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown = {}) => call('POST', path, body),
    patch: (path: string, body: unknown) => call('PATCH', path, body),
  };
}

export type Api = ReturnType<typeof apiOf>;

export interface ServiceScene {
  companyId: number;
  userId: number;
  bankAccountId: number;
  statementId: number;
  checkingId: number;
  email: string;
  /** Runs the Synchro of the statement through this instance (any instance of the same database will do). */
  sync(api?: Api): Promise<Answer>;
  /**
   * The Synchro asks for the funnel: go through it at Bridge without coming back through the callback (which would
   * run the Synchro): the bank is connected and nothing is imported yet.
   */
  connectAtBridge(): Promise<void>;
  /** The same, coming back through the callback, which runs the Synchro: the callback page. */
  connect(): Promise<string>;
  lines(api?: Api): Promise<StatementLineResponse[]>;
}

function expectStatus(answer: Answer, status: number, what: string): Answer {
  if (answer.status !== status) throw new Error(`${what} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer;
}

/** A company ready for the Synchro against a sandbox, created through an instance's REST API. */
export async function serviceScene(
  api: Api,
  sandbox: SandboxServer,
  options: {
    version: BridgeVersion;
    email: string;
    bankAccount?: Record<string, unknown>;
    statement?: Record<string, unknown>;
  },
): Promise<ServiceScene> {
  const company = expectStatus(
    await api.post('/api/v1/companies', { name: `Client ${options.email}`, subscriptionActive: true }),
    201,
    'company',
  );
  const companyId = company.body.id as number;
  expectStatus(
    await api.post('/api/v1/bridge-configs', {
      companyIds: [companyId],
      name: 'Sandbox',
      url: sandbox.url,
      version: options.version,
      clientId: 'sandbox-client-id',
      clientSecret: 'sandbox-client-secret',
    }),
    201,
    'Bridge configuration',
  );
  const user = expectStatus(
    await api.post('/api/v1/users', { companyId, name: 'Claire Dupont', login: `u${companyId}`, email: options.email }),
    201,
    'user',
  );
  const preview = await sandboxControl(sandbox.url, sandbox.controlToken).post<{
    accounts: { id: number; type: string; iban: string | null }[];
  }>('/preview-accounts', {
    userKey: options.email,
    providerId: 574,
  });
  const checking = preview.accounts.find((account) => account.type === 'checking')!;
  const bankAccount = expectStatus(
    await api.post('/api/v1/bank-accounts', {
      companyId,
      journalCode: 'BQ1',
      journalName: 'Banque',
      iban: checking.iban,
      ...options.bankAccount,
    }),
    201,
    'bank account',
  );
  const statement = expectStatus(
    await api.post('/api/v1/statements', {
      bankAccountId: bankAccount.body.id,
      dateStart: '2026-11-01',
      ...options.statement,
    }),
    201,
    'statement',
  );
  const statementId = statement.body.id as number;
  const userId = user.body.id as number;
  const funnel = async (): Promise<string> => {
    const first = expectStatus(await scene.sync(), 200, 'first Synchro');
    if (first.body.status !== 'connect_required')
      throw new Error(`expected connect_required, got ${JSON.stringify(first.body)}`);
    return (await driveConnectFunnel(first.body.connectUrl as string, { providerId: 574 })).location!;
  };
  const scene: ServiceScene = {
    companyId,
    userId,
    bankAccountId: bankAccount.body.id as number,
    statementId,
    checkingId: checking.id,
    email: options.email,
    sync: (through = api) => through.post(`/api/v1/statements/${statementId}/sync`, { userId }),
    connectAtBridge: async () => {
      await funnel();
    },
    connect: async () => {
      const callback = await fetch(await funnel());
      if (callback.status !== 200) throw new Error(`callback answered ${callback.status}`);
      return callback.text();
    },
    lines: async (through = api) => {
      const lines: StatementLineResponse[] = [];
      for (let offset = 0; ; offset += 500) {
        const page = expectStatus(
          await through.get(`/api/v1/statements/${statementId}/lines?limit=500&offset=${offset}`),
          200,
          'lines',
        );
        lines.push(...(page.body.items as StatementLineResponse[]));
        if (lines.length >= (page.body.total as number)) return lines;
      }
    },
  };
  return scene;
}

export interface LineKey {
  bridgeTransactionId: number;
  date: string;
  label: string;
  amount: string;
  reviewRequired: boolean;
}

/** What identifies a line across two databases or two sandboxes with the same seed. */
export function lineKeys(lines: StatementLineResponse[]): LineKey[] {
  return lines
    .map(({ bridgeTransactionId, date, label, amount, reviewRequired }) => ({
      bridgeTransactionId: bridgeTransactionId!,
      date,
      label,
      amount,
      reviewRequired,
    }))
    .sort((a, b) => a.bridgeTransactionId - b.bridgeTransactionId);
}

export interface MirrorKey {
  bridgeTransactionId: number;
  amount: string;
  date: string;
  deleted: boolean;
}

/**
 * Every transaction the sandbox holds on the scene's checking account, deleted ones included, as Bridge serves them
 * (v3 with `since`, whatever version the scene uses: the user is found by its uuid, from the connection log).
 */
export async function bridgeTransactions(sandbox: SandboxServer, api: Api, scene: ServiceScene): Promise<MirrorKey[]> {
  const log = await api.get(`/api/v1/connection-logs?companyId=${scene.companyId}&limit=500`);
  const userUuid = (log.body.items as { bridgeUserUuid: string | null }[]).find(
    (entry) => entry.bridgeUserUuid,
  )!.bridgeUserUuid;
  const headers = {
    'Client-Id': 'sandbox-client-id',
    'Client-Secret': 'sandbox-client-secret',
    'Bridge-Version': '2025-01-15',
    'Content-Type': 'application/json',
  };
  const token = await fetch(`${sandbox.url}/v3/aggregation/authorization/token`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ user_uuid: userUuid }),
  });
  const { access_token: accessToken } = (await token.json()) as { access_token: string };
  const rows: MirrorKey[] = [];
  let next: string | null =
    `/v3/aggregation/transactions?account_id=${scene.checkingId}&since=${encodeURIComponent('1970-01-01T00:00:00Z')}&limit=500`;
  while (next) {
    const page = await fetch(`${sandbox.url}${next}`, {
      headers: { ...headers, Authorization: `Bearer ${accessToken}` },
    });
    const body = parse(await page.text(), null, (value: string) => value) as {
      resources: Record<string, unknown>[];
      pagination: { next_uri: string | null };
    };
    for (const row of body.resources) {
      rows.push({
        bridgeTransactionId: Number(row.id),
        amount: toMoney(row.amount as string),
        date: row.date as string,
        deleted: row.deleted === true,
      });
    }
    next = body.pagination.next_uri;
  }
  return rows.sort((a, b) => a.bridgeTransactionId - b.bridgeTransactionId);
}

/** Runs a query on the test database from outside the service (SQLite file read-only, or a MariaDB connection). */
export async function queryDatabase(
  database: TestDatabase,
  sql: string,
  params: unknown[] = [],
): Promise<Record<string, unknown>[]> {
  if (database.env.DATABASE_URL) {
    const connection = await createConnection({
      uri: database.env.DATABASE_URL,
      supportBigNumbers: true,
      bigNumberStrings: true,
      dateStrings: true,
    });
    try {
      const [rows] = await connection.query(sql, params);
      return rows as Record<string, unknown>[];
    } finally {
      await connection.end();
    }
  }
  const file = new Database(join(database.env.DATA_DIR!, 'telecollecte.sqlite'), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    return file.prepare(sql).all(...params) as Record<string, unknown>[];
  } finally {
    file.close();
  }
}

/** The mirror of a bank account, as the database holds it. */
export async function mirrorOf(database: TestDatabase, bankAccountId: number): Promise<MirrorKey[]> {
  const rows = await queryDatabase(
    database,
    'SELECT bridgeTransactionId, amount, date, deleted FROM bank_transaction WHERE bankAccountId = ? ORDER BY bridgeTransactionId',
    [bankAccountId],
  );
  return rows.map((row) => ({
    bridgeTransactionId: Number(row.bridgeTransactionId),
    amount: toMoney(row.amount as string | number),
    date: String(row.date).slice(0, 10),
    deleted: Number(row.deleted) === 1,
  }));
}

export async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until the sandbox has served (used up) every fault given to it. */
export function faultsUsedUp(sandbox: SandboxServer, timeoutMs?: number): Promise<void> {
  const control = sandboxControl(sandbox.url, sandbox.controlToken);
  return waitUntil(async () => (await control.get<{ faults: unknown[] }>('/faults')).faults.length === 0, timeoutMs);
}
