import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';

import { Clock } from '../common/clock/clock.js';
import { DatabaseLocks } from '../database/db-lock.js';
import { IDEMPOTENCY_RETENTION_MS, IdempotencyService } from './idempotency.service.js';

// 03:37 every night: off the hour, after the API-log purge (03:17).
export const IDEMPOTENCY_PURGE_CRON = '37 3 * * *';

/** Decides when the idempotency records older than a day go; the service removes them. */
@Injectable()
export class IdempotencyScheduler {
  private readonly logger = new Logger(IdempotencyScheduler.name);

  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly locks: DatabaseLocks,
    private readonly clock: Clock,
  ) {}

  @Cron(IDEMPOTENCY_PURGE_CRON, { name: 'idempotency-purge', timeZone: 'UTC' })
  async purge(): Promise<void> {
    try {
      const removed = await this.locks.run(
        'idempotency-purge',
        () => this.idempotency.purgeOlderThan(new Date(this.clock.nowMs() - IDEMPOTENCY_RETENTION_MS)),
        { waitMs: 60_000 },
      );
      this.logger.log(`Idempotency purge removed ${removed} record(s) older than 24 h`);
    } catch (error) {
      this.logger.error(`Idempotency purge failed: ${(error as Error).message}`);
    }
  }
}
