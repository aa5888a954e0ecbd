import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

import type { DataSourceOptions } from 'typeorm';

import type { DatabaseConfig } from '../config/app-config.js';
import { ENTITIES } from './entities.js';
import { MARIADB_MIGRATIONS } from './migrations/mariadb/index.js';
import { SQLITE_MIGRATIONS } from './migrations/sqlite/index.js';
import { mysqlWithAcquireTimeout } from './mysql-pool.js';

/** One place builds the TypeORM options: the app, ormconfig.ts (CLI) and the tests all call it. */
export function buildDataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    synchronize: false,
    migrationsRun: false, // run by runMigrationsUnderLock, never by TypeORM on its own
    migrationsTransactionMode: 'all' as const,
    logging: ['error', 'warn'] as ('error' | 'warn')[],
  } satisfies Partial<DataSourceOptions>;

  if (database.type === 'mariadb') {
    return {
      ...common,
      type: 'mariadb',
      url: database.url,
      // Locks never take a pooled connection (db-lock.ts): the pool only serves queries, each for a short while.
      driver: mysqlWithAcquireTimeout(database.pool.acquireTimeoutMs),
      poolSize: database.pool.size,
      migrations: MARIADB_MIGRATIONS,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      dateStrings: ['DATE'],
      supportBigNumbers: true,
      bigNumberStrings: true,
    };
  }

  if (database.path !== ':memory:') {
    ensurePrivateFile(database.path);
  }
  return {
    ...common,
    type: 'better-sqlite3',
    database: database.path,
    migrations: SQLITE_MIGRATIONS,
    enableWAL: database.path !== ':memory:',
    timeout: 10_000,
  };
}

/**
 * The embedded database holds encrypted secrets, password hashes and bank data: readable by its owner only, like the key
 * files beside it. SQLite creates its -wal and -shm files with the database file's mode.
 */
function ensurePrivateFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
}
