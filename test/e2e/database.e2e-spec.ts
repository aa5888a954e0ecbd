import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';

import { loadAppConfig } from '../../src/config/app-config.js';
import { buildDataSourceOptions } from '../../src/database/data-source-options.js';
import { DatabaseLocks, DatabaseLockTimeoutError, withDatabaseLock } from '../../src/database/db-lock.js';
import { runMigrationsUnderLock } from '../../src/database/migrate.js';
import { DatabaseBusyError } from '../../src/database/mysql-pool.js';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from './utils/test-app.js';

describe(`database: migrations and locks (${TEST_ENGINE})`, () => {
  let database: TestDatabase;
  const sources: DataSource[] = [];

  async function open(env: Record<string, string> = {}): Promise<DataSource> {
    const config = loadAppConfig({ NODE_ENV: 'test', ...database.env, ...env });
    const options =
      config.database.type === 'better-sqlite3'
        ? buildDataSourceOptions({ type: 'better-sqlite3', path: join(config.dataDir, 'db.sqlite') })
        : buildDataSourceOptions(config.database);
    const dataSource = await new DataSource(options).initialize();
    sources.push(dataSource);
    return dataSource;
  }

  /** Two connections of their own to the migrated test database, as two instances would hold. */
  async function migratedPair(): Promise<[DataSource, DataSource]> {
    const [first, second] = await Promise.all([open(), open()]);
    await runMigrationsUnderLock(first);
    return [first, second];
  }

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await Promise.all(sources.map((source) => source.destroy()));
    await database.drop();
  });

  it('should migrate once when two instances start together, and leave no drift from the entities', async () => {
    const [first, second] = await Promise.all([open(), open()]);
    await Promise.all([runMigrationsUnderLock(first), runMigrationsUnderLock(second)]);
    const applied: { name: string }[] = await first.query('SELECT name FROM migrations');
    expect(applied.map((row) => row.name)).toEqual([
      'Initial1795000000000',
      'SyncCursor1795000100000',
      'AdminAccounts1795000200000',
      'UserDeactivatedAt1795000300000',
      'LineStale1795000400000',
      'ApiLogCompany1795000500000',
      'BridgeUserBinding1795000510000',
      'FunnelContext1795000520000',
      'AdminRolesAndLoginThrottle1795000600000',
      'Accounting1795000700000',
      'FecOrderIndex1795000800000',
      'IdempotencyRecord1795000900000',
      'LineChanges1795000910000',
      'StatementOpeningFromBank1795001200000',
      'ApiLogRowCount1795001300000',
      'MirrorStampIndex1795001400000',
      'MirrorFilingMarker1795001500000',
      'StatementTotals1795001600000',
    ]);
    const drift = await first.driver.createSchemaBuilder().log();
    expect(drift.upQueries.map((query) => query.query)).toEqual([]);
    // Fourteen migrations and a schema comparison take several seconds on MariaDB.
  }, 60_000);

  it('should serialise work under one lock name across connections', async () => {
    const [first, second] = await migratedPair();
    const events: string[] = [];
    const task = (source: DataSource, name: string) =>
      withDatabaseLock(source, 'test-lock', async () => {
        events.push(`${name}:start`);
        await new Promise((resolve) => setTimeout(resolve, 150));
        events.push(`${name}:end`);
      });
    await Promise.all([task(first, 'a'), task(second, 'b')]);
    expect(
      [events.slice(0, 2), events.slice(2)].every(([start, end]) => start!.split(':')[0] === end!.split(':')[0]),
    ).toBe(true);
  });

  it('should give up with a clear error when the lock stays held', async () => {
    const [first, second] = await migratedPair();
    let release!: () => void;
    const held = withDatabaseLock(first, 'busy-lock', () => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(
      withDatabaseLock(second, 'busy-lock', async () => 'never', { timeoutSeconds: 1 }),
    ).rejects.toBeInstanceOf(DatabaseLockTimeoutError);
    release();
    await held;
    await expect(withDatabaseLock(second, 'busy-lock', async () => 'free again', { timeoutSeconds: 1 })).resolves.toBe(
      'free again',
    );
  });

  // Issue 9, D6: each GET_LOCK holder used to keep a pooled connection while its work needed another one, so as many
  // holders as pooled connections froze the service for good.
  const onMariaDb = TEST_ENGINE === 'mysql' ? it : it.skip;

  onMariaDb(
    'should never starve the pool: as many lock holders as pooled connections, each querying under its lock',
    async () => {
      const source = await open({ DATABASE_POOL_SIZE: '10' });
      const work = (index: number) =>
        withDatabaseLock(source, `starve-${index}`, async () => {
          await new Promise((resolve) => setTimeout(resolve, 100));
          return Number((await source.query('SELECT 1 + ? AS n', [index]))[0].n);
        });
      expect(await Promise.all(Array.from({ length: 10 }, (_, index) => work(index)))).toEqual(
        Array.from({ length: 10 }, (_, index) => index + 1),
      );
    },
    20_000,
  );

  onMariaDb(
    'should hold many locks of one instance on one connection outside the pool, with a pool of one',
    async () => {
      const source = await open({ DATABASE_POOL_SIZE: '1' });
      const locks = new DatabaseLocks(source);
      try {
        const work = (index: number) =>
          locks.run(`one-${index}`, async () => Number((await source.query('SELECT ? AS n', [index]))[0].n), {
            waitMs: 5000,
          });
        expect(await Promise.all(Array.from({ length: 20 }, (_, index) => work(index)))).toEqual(
          Array.from({ length: 20 }, (_, index) => index),
        );
      } finally {
        await locks.close();
      }
    },
    20_000,
  );

  onMariaDb('should wait for a lock another instance holds, and answer 409 when it stays held', async () => {
    const source = await open();
    const locks = new DatabaseLocks(source);
    const url = new URL(database.env.DATABASE_URL!);
    // Another instance: its own session on the server, holding the lock of bank account 1.
    const other = await createConnection({ uri: url.toString() });
    try {
      const [[{ name }]] = (await other.query("SELECT CONCAT(DATABASE(), ':bank-account-1') AS name")) as unknown as [
        [{ name: string }],
      ];
      await other.query('SELECT GET_LOCK(?, 0)', [name]);
      const refused = locks.run('bank-account-1', async () => 'never', {
        waitMs: 300,
        busyMessage: 'bank account 1 is busy',
      });
      await expect(refused).rejects.toBeInstanceOf(DatabaseLockTimeoutError);
      await expect(refused).rejects.toMatchObject({
        status: 409,
        code: 'database.lock_timeout',
        message: 'bank account 1 is busy',
      });
      const waiting = locks.run('bank-account-1', async () => 'after the other', { waitMs: 5000 });
      await new Promise((resolve) => setTimeout(resolve, 200));
      await other.query('SELECT RELEASE_LOCK(?)', [name]);
      await expect(waiting).resolves.toBe('after the other');
    } finally {
      await other.end();
      await locks.close();
    }
  });

  onMariaDb(
    'should fail a query that waits longer than the acquire timeout for a pooled connection, instead of hanging',
    async () => {
      const source = await open({ DATABASE_POOL_SIZE: '1', DATABASE_ACQUIRE_TIMEOUT_MS: '300' });
      const holder = source.createQueryRunner();
      await holder.connect();
      try {
        await expect(source.query('SELECT 1')).rejects.toBeInstanceOf(DatabaseBusyError);
      } finally {
        await holder.release();
      }
      expect(await source.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    },
    20_000,
  );
});
