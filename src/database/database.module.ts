import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { Clock } from '../common/clock/clock.js';
import { AppConfig } from '../config/app-config.js';
import { ClockTimestampsSubscriber } from './clock-timestamps.subscriber.js';
import { buildDataSourceOptions } from './data-source-options.js';
import { DatabaseLocks } from './db-lock.js';
import { runMigrationsUnderLock } from './migrate.js';

/** The database of the service and its named locks (one lock connection per instance, outside the pool). */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig, Clock],
      useFactory: (config: AppConfig, clock: Clock) => ({ ...buildDataSourceOptions(config.database), clock }),
      // Migrations run here, before any module uses the database, under a lock shared by all instances.
      dataSourceFactory: async (options) => {
        const { clock, ...rest } = options as typeof options & { clock: Clock };
        const dataSource = await new DataSource(rest).initialize();
        dataSource.subscribers.push(new ClockTimestampsSubscriber(clock));
        await runMigrationsUnderLock(dataSource);
        return dataSource;
      },
    }),
  ],
  providers: [
    {
      provide: DatabaseLocks,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new DatabaseLocks(dataSource),
    },
  ],
  exports: [DatabaseLocks],
})
export class DatabaseModule {}
