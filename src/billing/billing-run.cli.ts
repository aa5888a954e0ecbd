import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';

import { AppModule } from '../app.module.js';
import { loadCliConfig } from '../config/app-config.js';
import { parsePeriod } from './billing-period.js';
import { BillingService } from './billing.service.js';

/** `npm run billing:run -- --period 2027-03`: the same run as POST /api/v1/billing/runs, for catch-up after downtime. */
const index = process.argv.indexOf('--period');
const period = index >= 0 ? process.argv[index + 1] : undefined;
try {
  parsePeriod(period);
} catch (error) {
  console.error(
    `${(error as Error).message}\n\n  npm run billing:run -- --period 2027      (annual report)\n  npm run billing:run -- --period 2027-03   (monthly report)`,
  );
  process.exit(2);
}
const config = loadCliConfig(process.env);
const app = await NestFactory.createApplicationContext(await AppModule.forRoot(config), { logger: ['error', 'warn'] });
try {
  const run = await app.get(BillingService).run(period!);
  console.log(
    `Billing ${run.period} (${run.kind}): ${run.created.length} report(s) created, ${run.existing.length} already there`,
  );
  for (const report of [...run.created, ...run.existing]) {
    console.log(
      `  company ${report.companyId} / configuration ${report.bridgeConfigId}: ${report.userCount} user(s) x ${report.unitPrice} = ${report.amount} EUR HT`,
    );
  }
  for (const warning of run.warnings) console.log(`  warning ${warning.code}: ${warning.message}`);
} finally {
  await app.close();
}
