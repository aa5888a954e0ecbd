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

/**
 * A fresh database migrated with the migrations before `timestamp`, given the rows of an installation of that time by
 * `seed`, then upgraded with all of them: what an existing installation goes through.
 */
async function upgradedFrom(
  timestamp: number,
  seed: (before: DataSource) => Promise<void>,
): Promise<{ database: TestDatabase; upgraded: DataSource }> {
  const database = await createTestDatabase();
  const config = loadAppConfig({ NODE_ENV: 'test', ...database.env });
  const options: DataSourceOptions =
    config.database.type === 'better-sqlite3'
      ? buildDataSourceOptions({ type: 'better-sqlite3', path: join(config.dataDir, 'db.sqlite') })
      : buildDataSourceOptions(config.database);
  const all = options.migrations as MigrationClass[];
  const before = await new DataSource({
    ...options,
    migrations: all.filter((migration) => timestampOf(migration) < timestamp),
  }).initialize();
  await before.runMigrations({ transaction: 'all' });
  await seed(before);
  await before.destroy();
  const upgraded = await new DataSource(options).initialize();
  await upgraded.runMigrations({ transaction: 'all' });
  return { database, upgraded };
}

/** An installation that ran before the isolation migrations, with history, then upgraded. */
describe(`migrations of existing data for tenant isolation (${TEST_ENGINE})`, () => {
  let database: TestDatabase;
  let upgraded: DataSource;

  beforeAll(async () => {
    ({ database, upgraded } = await upgradedFrom(FIRST_ISOLATION_MIGRATION, async (before) => {
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
    }));
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

/** An installation that mirrored and filed operations before the "not yet filed" marker, then upgraded. */
describe(`migration of the mirror to the filing marker (${TEST_ENGINE})`, () => {
  const FILING_MARKER_MIGRATION = 1795001500000;
  let database: TestDatabase;
  let upgraded: DataSource;

  beforeAll(async () => {
    ({ database, upgraded } = await upgradedFrom(FILING_MARKER_MIGRATION, async (before) => {
      await before.query("INSERT INTO company (id, name) VALUES (1, 'Cabinet')");
      await before.query(
        "INSERT INTO bank_account (id, companyId, journalCode, journalName) VALUES (1, 1, 'BQ1', 'Banque')",
      );
      await before.query(
        "INSERT INTO bank_statement (id, bankAccountId, name, dateStart) VALUES (1, 1, 'Novembre', '2026-11-01')",
      );
      const mirror =
        "INSERT INTO bank_transaction (id, bankAccountId, bridgeAccountId, bridgeTransactionId, accountType, cleanLabel, originalLabel, amount, currency, date, transactionDate, bookingDate, valueDate, bridgeUpdatedAt) VALUES (?, 1, 7, ?, 'card', 'x', 'x', '-1.00', 'EUR', ?, ?, ?, ?, '2026-11-20 10:00:00.000')";
      await before.query(mirror, [1, 101, '2026-11-03', null, null, null]);
      await before.query(mirror, [2, 102, '2026-11-04', '2026-11-02', '2026-11-30', '2026-11-05']);
      await before.query(mirror, [3, 103, '2026-10-28', '2026-10-27', null, '2026-10-29']);
      await before.query(
        "INSERT INTO statement_line (statementId, bankTransactionId, date, label, amount, currency) VALUES (1, 1, '2026-11-03', 'x', '-1.00', 'EUR')",
      );
    }));
  });

  afterAll(async () => {
    await upgraded?.destroy();
    await database.drop();
  });

  it('should mark unfiled exactly the rows without a line, and give each row the latest of its dates', async () => {
    const rows: { id: number; unfiled: number | boolean; latestDate: string | Date }[] = await upgraded.query(
      'SELECT id, unfiled, latestDate FROM bank_transaction ORDER BY id',
    );
    expect(
      rows.map((row) => [
        Number(row.id),
        Number(row.unfiled),
        typeof row.latestDate === 'string' ? row.latestDate.slice(0, 10) : row.latestDate.toISOString().slice(0, 10),
      ]),
    ).toEqual([
      [1, 0, '2026-11-03'],
      [2, 1, '2026-11-30'],
      [3, 1, '2026-10-29'],
    ]);
    // Every row mirrored before has been through filing.
    const cursors: { bankAccountId: number; examinedThroughId: number }[] = await upgraded.query(
      'SELECT bankAccountId, examinedThroughId FROM mirror_filing_cursor',
    );
    expect(cursors.map((row) => [Number(row.bankAccountId), Number(row.examinedThroughId)])).toEqual([[1, 3]]);
  });

  it('should leave no drift from the entities', async () => {
    const drift = await upgraded.driver.createSchemaBuilder().log();
    expect(drift.upQueries.map((query) => query.query)).toEqual([]);
  });
});

/** Statements with lines before the kept totals, then upgraded. */
describe(`migration of statements to kept totals (${TEST_ENGINE})`, () => {
  const TOTALS_MIGRATION = 1795001600000;
  let database: TestDatabase;
  let upgraded: DataSource;

  beforeAll(async () => {
    ({ database, upgraded } = await upgradedFrom(TOTALS_MIGRATION, async (before) => {
      await before.query("INSERT INTO company (id, name) VALUES (1, 'Cabinet')");
      await before.query(
        "INSERT INTO bank_account (id, companyId, journalCode, journalName) VALUES (1, 1, 'BQ1', 'Banque')",
      );
      for (const [id, start] of [
        [1, '2026-10-01'],
        [2, '2026-11-01'],
      ] as const)
        await before.query('INSERT INTO bank_statement (id, bankAccountId, name, dateStart) VALUES (?, 1, ?, ?)', [
          id,
          `S${id}`,
          start,
        ]);
      const line =
        "INSERT INTO statement_line (statementId, date, label, amount, currency, bankDeleted) VALUES (1, '2026-10-05', 'x', ?, 'EUR', ?)";
      // Amounts a REAL sum would get wrong, and a reversed line out of the balance.
      for (const [amount, reversed] of [
        ['0.10', 0],
        ['0.20', 0],
        ['-1234.56', 0],
        ['99.99', 1],
      ] as const)
        await before.query(line, [amount, reversed]);
    }));
  });

  afterAll(async () => {
    await upgraded?.destroy();
    await database.drop();
  });

  it('should give each statement the count and the sum in cents of its lines', async () => {
    const rows: Record<string, number | string>[] = await upgraded.query(
      'SELECT id, lineCount, reversedLineCount, lineTotalCents FROM bank_statement ORDER BY id',
    );
    expect(rows.map((row) => [row.id, row.lineCount, row.reversedLineCount, row.lineTotalCents].map(Number))).toEqual([
      [1, 3, 1, -123426],
      [2, 0, 0, 0],
    ]);
  });

  it('should leave no drift from the entities', async () => {
    const drift = await upgraded.driver.createSchemaBuilder().log();
    expect(drift.upQueries.map((query) => query.query)).toEqual([]);
  });
});
