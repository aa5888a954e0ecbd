import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';

import { Clock } from '../common/clock/clock.js';
import { FunnelContexts } from './funnel-contexts.service.js';

// 03:27 every night, after the API-log purge; a day of margin past their expiry.
export const FUNNEL_CONTEXT_PURGE_CRON = '27 3 * * *';
const KEEP_EXPIRED_MS = 24 * 3600_000;

/** Decides when spent funnel contexts are deleted; every instance may run it (deleting twice deletes nothing more). */
@Injectable()
export class SynchroScheduler {
  private readonly logger = new Logger(SynchroScheduler.name);

  constructor(
    private readonly contexts: FunnelContexts,
    private readonly clock: Clock,
  ) {}

  @Cron(FUNNEL_CONTEXT_PURGE_CRON, { name: 'funnel-context-purge', timeZone: 'UTC' })
  async purge(): Promise<void> {
    try {
      const removed = await this.contexts.purgeExpiredBefore(new Date(this.clock.nowMs() - KEEP_EXPIRED_MS));
      this.logger.log(`Funnel context purge removed ${removed} expired context(s)`);
    } catch (error) {
      this.logger.error(`Funnel context purge failed: ${(error as Error).message}`);
    }
  }
}
