import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';

import { Clock } from '../common/clock/clock.js';
import { AppConfig } from '../config/app-config.js';
import { periodsDueAt } from './billing-period.js';
import { BillingService } from './billing.service.js';

// 00:05 on 1 January, and 00:15 on the 1st of each month, in the billing time zone.
export const ANNUAL_BILLING_CRON = '5 0 1 1 *';
export const MONTHLY_BILLING_CRON = '15 0 1 * *';

/** Decides when the billing runs; BillingService decides what is billed. Off with BILLING_SCHEDULER=off. */
@Injectable()
export class BillingScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(BillingScheduler.name);

  constructor(
    private readonly billing: BillingService,
    private readonly registry: SchedulerRegistry,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.billing.schedulerEnabled) {
      this.logger.log('Billing scheduler is off (BILLING_SCHEDULER=off): run periods with POST /api/v1/billing/runs');
      return;
    }
    const { timeZone } = this.config.billing;
    this.add('billing-annual', ANNUAL_BILLING_CRON, () => this.runDue('annual'));
    this.add('billing-monthly', MONTHLY_BILLING_CRON, () => this.runDue('monthly'));
    this.logger.log(
      `Billing scheduled in ${timeZone}: annual report at 00:05 on 1 January, monthly report at 00:15 on the 1st`,
    );
  }

  /** Runs the period due now; several instances may fire together (the service locks and never writes twice). */
  async runDue(kind: 'annual' | 'monthly', now = this.clock.now()): Promise<void> {
    const period = periodsDueAt(now, this.config.billing.timeZone)[kind].label;
    try {
      const run = await this.billing.run(period);
      for (const warning of run.warnings) this.logger.warn(`Billing ${period}: ${warning.message}`);
    } catch (error) {
      this.logger.error(
        `Billing ${kind} run for ${period} failed: ${(error as Error).message}; run it again with POST /api/v1/billing/runs`,
      );
    }
  }

  private add(name: string, expression: string, task: () => Promise<void>): void {
    const job = CronJob.from({
      cronTime: expression,
      onTick: () => void task(),
      timeZone: this.config.billing.timeZone,
      start: true,
    });
    this.registry.addCronJob(name, job);
  }
}
