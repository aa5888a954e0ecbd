import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { Clock } from '../common/clock/clock.js';
import { AppConfig } from '../config/app-config.js';
import { ClockTimestampsSubscriber } from './clock-timestamps.subscriber.js';
import { buildDataSourceOptions } from './data-source-options.js';
import { runMigrationsUnderLock } from './migrate.js';

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
})
export class DatabaseModule {}
