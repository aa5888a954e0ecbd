import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource, type DataSourceOptions, type MigrationInterface } from 'typeorm';

import { loadAppConfig } from '../../src/config/app-config.js';
import { buildDataSourceOptions } from '../../src/database/data-source-options.js';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from './utils/test-app.js';

// The first migration of issue 9's tenant isolation: everything before it is the schema of existing installations.
const FIRST_ISOLATION_MIGRATION = 1795000500000;
type MigrationClass = new () => MigrationInterface;
const timestampOf = (migration: MigrationClass) => Number(/(\d{13})$/.exec(migration.name)?.[1]);

/** An installation that ran before the isolation migrations, with history, then upgraded. */
describe(`migrations of existing data for tenant isolation (${TEST_ENGINE})`, () => {
  let database: TestDatabase;
  let options: DataSourceOptions;
  let upgraded: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadAppConfig({ NODE_ENV: 'test', ...database.env });
    options =
      config.database.type === 'better-sqlite3'
        ? buildDataSourceOptions({ type: 'better-sqlite3', path: join(config.dataDir, 'db.sqlite') })
        : buildDataSourceOptions(config.database);
    const all = options.migrations as MigrationClass[];
    const before = await new DataSource({
      ...options,
      migrations: all.filter((migration) => timestampOf(migration) < FIRST_ISOLATION_MIGRATION),
    }).initialize();
    await before.runMigrations({ transaction: 'all' });

    // Companies 1 and 2 share configuration 20; configuration 10 serves company 3 alone.
    for (const [id, name] of [
      [1, 'B'],
      [2, 'C'],
      [3, 'A'],
    ] as const)
      await before.query('INSERT INTO company (id, name) VALUES (?, ?)', [id, name]);
    for (const id of [10, 20])
      await before.query(
        "INSERT INTO bridge_config (id, name, clientId, clientSecretEncrypted) VALUES (?, 'cfg', 'cid', 'enc')",
        [id],
      );
    for (const [config, company] of [
      [10, 3],
      [20, 1],
      [20, 2],
    ])
      await before.query('INSERT INTO bridge_config_company (bridgeConfigId, companyId) VALUES (?, ?)', [
        config,
        company,
      ]);
    const exchange =
      "INSERT INTO api_log (at, bridgeConfigId, method, path, status, durationMs) VALUES ('2026-11-01 10:00:00.000', ?, 'GET', '/v3/aggregation/items', 200, 5)";
    for (const config of [10, 20, null]) await before.query(exchange, [config]);
    const connection =
      "INSERT INTO connection_log (at, companyId, bridgeConfigId, email, action, result) VALUES (?, ?, ?, ?, 'authenticated', 'success')";
    await before.query(connection, ['2026-10-01 08:00:00.000', 2, 20, 'shared@cabinet.fr']);
    await before.query(connection, ['2026-10-02 08:00:00.000', 1, 20, 'shared@cabinet.fr']);
    await before.query(connection, ['2026-10-03 08:00:00.000', 3, 10, 'alone@cabinet.fr']);
    await before.query(connection, ['2026-10-04 08:00:00.000', 3, 10, 'alone@cabinet.fr']);
    await before.query(connection, ['2026-10-05 08:00:00.000', 1, 20, null]);
    await before.destroy();

    upgraded = await new DataSource(options).initialize();
    await upgraded.runMigrations({ transaction: 'all' });
  });

  afterAll(async () => {
    await upgraded?.destroy();
    await database.drop();
  });

  it('should give old API log rows the company of a configuration that serves only one, and none for a shared one', async () => {
    const rows: { bridgeConfigId: number | null; companyId: number | null }[] = await upgraded.query(
      'SELECT bridgeConfigId, companyId FROM api_log ORDER BY id',
    );
    expect(
      rows.map((row) => [
        row.bridgeConfigId === null ? null : Number(row.bridgeConfigId),
        row.companyId === null ? null : Number(row.companyId),
      ]),
    ).toEqual([
      [10, 3],
      [20, null],
      [null, null],
    ]);
  });

  it('should bind each Bridge user already used to the first company that used it', async () => {
    const rows: { bridgeConfigId: number; email: string; companyId: number }[] = await upgraded.query(
      'SELECT bridgeConfigId, email, companyId FROM bridge_user_binding ORDER BY bridgeConfigId',
    );
    expect(rows.map((row) => [Number(row.bridgeConfigId), row.email, Number(row.companyId)])).toEqual([
      [10, 'alone@cabinet.fr', 3],
      [20, 'shared@cabinet.fr', 2],
    ]);
  });

  it('should leave no drift from the entities', async () => {
    const drift = await upgraded.driver.createSchemaBuilder().log();
    expect(drift.upQueries.map((query) => query.query)).toEqual([]);
  });
});
