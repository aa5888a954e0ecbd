import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource, type DataSourceOptions } from 'typeorm';

import { loadAppConfig } from '../../src/config/app-config.js';
import { buildDataSourceOptions } from '../../src/database/data-source-options.js';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from './utils/test-app.js';

/** The back-office roles migration on a database that already has accounts (docs/rules.md#who-sees-what). */
describe(`back-office roles migration (${TEST_ENGINE})`, () => {
  let database: TestDatabase;

  function options(): DataSourceOptions {
    const config = loadAppConfig({ NODE_ENV: 'test', ...database.env });
    return config.database.type === 'better-sqlite3'
      ? buildDataSourceOptions({ type: 'better-sqlite3', path: join(config.dataDir, 'db.sqlite') })
      : buildDataSourceOptions(config.database);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database.drop();
  });

  it('should keep the accounts made before roles as editors, and make new ones integrators by default', async () => {
    const full = options();
    const migrations = full.migrations as (new () => { name?: string })[];
    const before = new DataSource({
      ...full,
      migrations: migrations.slice(
        0,
        migrations.findIndex((migration) => migration.name.startsWith('AdminRolesAndLoginThrottle')),
      ),
    });
    await before.initialize();
    await before.runMigrations();
    await before.query(
      "INSERT INTO admin_account (email, name, passwordHash, active, failedAttempts) VALUES ('ancien@cabinet.fr', 'Ancien', 'scrypt$x$y', 1, 0)",
    );
    await before.destroy();

    const after = await new DataSource(full).initialize();
    try {
      await after.runMigrations();
      expect(await after.query("SELECT role FROM admin_account WHERE email = 'ancien@cabinet.fr'")).toEqual([
        { role: 'editor' },
      ]);
      await after.query(
        "INSERT INTO admin_account (email, name, passwordHash, active) VALUES ('nouveau@cabinet.fr', 'Nouveau', 'scrypt$x$y', 1)",
      );
      expect(await after.query("SELECT role FROM admin_account WHERE email = 'nouveau@cabinet.fr'")).toEqual([
        { role: 'integrator' },
      ]);
    } finally {
      await after.destroy();
    }
  });
});
