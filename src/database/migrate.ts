import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';

import { withDatabaseLock } from './db-lock.js';

/** Applies pending migrations under a database lock, so that two instances starting together never both migrate. */
export async function runMigrationsUnderLock(dataSource: DataSource): Promise<void> {
  const logger = new Logger('Migrations');
  await withDatabaseLock(
    dataSource,
    'migrations',
    async () => {
      const applied = await dataSource.runMigrations({ transaction: 'all' });
      if (applied.length > 0) {
        logger.log(`Applied ${applied.length} migration(s): ${applied.map((migration) => migration.name).join(', ')}`);
      }
    },
    { timeoutSeconds: 300 },
  );
}
