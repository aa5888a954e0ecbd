import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createConnection } from 'mysql2/promise';

/** The engine of this run: SQLite always; MariaDB when the runner sets TEST_DB=mysql with TEST_MYSQL_URL. */
export const TEST_ENGINE: 'sqlite' | 'mysql' = process.env.TEST_DB === 'mysql' ? 'mysql' : 'sqlite';

export interface TestDatabase {
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** A fresh, empty database for one test file: a temporary SQLite file, or a new MariaDB database. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tcb-e2e-'));
  if (TEST_ENGINE === 'sqlite') {
    return { env: { DATA_DIR: dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const serverUrl = process.env.TEST_MYSQL_URL;
  if (!serverUrl) {
    throw new Error('TEST_DB=mysql needs TEST_MYSQL_URL, e.g. mysql://root@127.0.0.1:3306/test');
  }
  const name = `tcb_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = new URL(serverUrl);
  const admin = await createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  url.pathname = `/${name}`;
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
