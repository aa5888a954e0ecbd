import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';

import { loadAppConfig } from '../../src/config/app-config.js';
import { buildDataSourceOptions } from '../../src/database/data-source-options.js';
import { DatabaseLockTimeoutError, withDatabaseLock } from '../../src/database/db-lock.js';
import { runMigrationsUnderLock } from '../../src/database/migrate.js';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from './utils/test-app.js';

describe(`database: migrations and locks (${TEST_ENGINE})`, () => {
  let database: TestDatabase;
  const sources: DataSource[] = [];

  async function open(): Promise<DataSource> {
    const config = loadAppConfig({ NODE_ENV: 'test', ...database.env });
    const options =
      config.database.type === 'better-sqlite3' ? buildDataSourceOptions({ type: 'better-sqlite3', path: join(config.dataDir, 'db.sqlite') }) : buildDataSourceOptions(config.database);
    const dataSource = await new DataSource(options).initialize();
    sources.push(dataSource);
    return dataSource;
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
    await Promise.all([runMigrationsUnderLock(first!), runMigrationsUnderLock(second!)]);
    const applied: { name: string }[] = await first!.query('SELECT name FROM migrations');
    expect(applied.map((row) => row.name)).toEqual(['Initial1795000000000', 'SyncCursor1795000100000', 'AdminAccounts1795000200000', 'UserDeactivatedAt1795000300000', 'LineStale1795000400000']);
    const drift = await first!.driver.createSchemaBuilder().log();
    expect(drift.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('should serialise work under one lock name across connections', async () => {
    const [first, second] = [sources[0]!, sources[1]!];
    const events: string[] = [];
    const task = (source: DataSource, name: string) =>
      withDatabaseLock(source, 'test-lock', async () => {
        events.push(`${name}:start`);
        await new Promise((resolve) => setTimeout(resolve, 150));
        events.push(`${name}:end`);
      });
    await Promise.all([task(first, 'a'), task(second, 'b')]);
    expect([events.slice(0, 2), events.slice(2)].every(([start, end]) => start!.split(':')[0] === end!.split(':')[0])).toBe(true);
  });

  it('should give up with a clear error when the lock stays held', async () => {
    const [first, second] = [sources[0]!, sources[1]!];
    let release!: () => void;
    const held = withDatabaseLock(first, 'busy-lock', () => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(withDatabaseLock(second, 'busy-lock', async () => 'never', { timeoutSeconds: 1 })).rejects.toBeInstanceOf(DatabaseLockTimeoutError);
    release();
    await held;
    await expect(withDatabaseLock(second, 'busy-lock', async () => 'free again', { timeoutSeconds: 1 })).resolves.toBe('free again');
  });
});
