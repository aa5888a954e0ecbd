import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';

import { Clock } from '../common/clock/clock.js';
import { AppConfig } from '../config/app-config.js';
import { DatabaseLocks } from '../database/db-lock.js';
import { ApiLogsService } from './api-logs.service.js';

// 03:17 every night: off the hour, away from the billing jobs.
export const API_LOG_PURGE_CRON = '17 3 * * *';

/** Decides when the API log is purged; the service does the purge. */
@Injectable()
export class ApiLogsScheduler {
  private readonly logger = new Logger(ApiLogsScheduler.name);

  constructor(
    private readonly apiLogs: ApiLogsService,
    private readonly config: AppConfig,
    private readonly locks: DatabaseLocks,
    private readonly clock: Clock,
  ) {}

  @Cron(API_LOG_PURGE_CRON, { name: 'api-log-purge', timeZone: 'UTC' })
  async purge(): Promise<void> {
    try {
      // Several instances fire together: the lock makes one purge, the others find nothing left.
      const removed = await this.locks.run(
        'api-log-purge',
        () => this.apiLogs.purgeOlderThan(new Date(this.clock.nowMs() - this.config.apiLogRetentionDays * 86_400_000)),
        { waitMs: 60_000 },
      );
      this.logger.log(
        `API log purge removed ${removed} exchange(s) older than ${this.config.apiLogRetentionDays} days`,
      );
    } catch (error) {
      this.logger.error(`API log purge failed: ${(error as Error).message}`);
    }
  }
}
