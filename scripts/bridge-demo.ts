/**
 * Walks the Bridge provider through a first connection, for each API version, against the Bridge sandbox on a
 * loopback port: creates the Bridge user, opens the funnel, goes through its pages over HTTP (bank, credentials,
 * SCA code), then lists the new item's accounts and transactions.
 *
 *   npm run bridge:demo                      # both versions
 *   npm run bridge:demo -- --version 2021-06-01 --email paul@cabinet.fr
 */
import 'reflect-metadata';

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { NestFactory } from '@nestjs/core';

import { AppModule } from '../src/app.module.js';
import { AccessScope } from '../src/auth/access-scope.js';
import { BRIDGE_VERSIONS, type BridgeVersion } from '../src/bridge-config/bridge-config.entity.js';
import { BridgeConfigsService } from '../src/bridge-config/bridge-configs.service.js';
import { BridgeClient } from '../src/bridge/bridge.client.js';
import { CompaniesService } from '../src/companies/companies.service.js';
import { loadCliConfig } from '../src/config/app-config.js';
import { requireBridgeSandbox } from '../src/demo/bridge-sandbox.loader.js';

const { values } = parseArgs({
  options: {
    version: { type: 'string', multiple: true },
    email: { type: 'string', default: 'claire.dupont@cabinet-demo.fr' },
    provider: { type: 'string', default: '574' },
  },
});
const versions = (values.version ?? [...BRIDGE_VERSIONS]) as BridgeVersion[];
for (const version of versions) {
  if (!BRIDGE_VERSIONS.includes(version)) {
    console.error(`--version must be one of ${BRIDGE_VERSIONS.join(', ')}`);
    process.exit(2);
  }
}

const { createBridgeSandbox, DEFAULT_CLIENT, driveConnectFunnel } = await requireBridgeSandbox('npm run bridge:demo');
const dataDir = mkdtempSync(join(tmpdir(), 'tcb-bridge-demo-'));
const sandbox = await createBridgeSandbox({ historyMonths: 6 }).listen();
const app = await NestFactory.createApplicationContext(
  await AppModule.forRoot(
    loadCliConfig({ DATA_DIR: dataDir, NODE_ENV: 'development', BRIDGE_ALLOWED_ORIGINS: new URL(sandbox.url).origin }),
  ),
  {
    logger: ['error', 'warn'],
  },
);
const scope = AccessScope.editor();
const client = app.get(BridgeClient);
const configs = app.get(BridgeConfigsService);
let failed = false;

try {
  const company = await app.get(CompaniesService).create({ name: 'Cabinet démo' }, scope, undefined);
  console.log(`Bridge sandbox on ${sandbox.url}; user e-mail ${values.email}\n`);
  for (const version of versions) {
    console.log(`=== Bridge-Version ${version}`);
    const config = await configs.create(
      {
        companyIds: [company.id],
        name: `Sandbox ${version}`,
        url: sandbox.url,
        version,
        clientId: DEFAULT_CLIENT.clientId,
        clientSecret: DEFAULT_CLIENT.clientSecret,
      },
      scope,
    );
    const connection = configs.connectionOf(config, company.id);
    const { user, created } = await client.ensureUser(connection, values.email);
    console.log(`1. Bridge user ${user.uuid} ${created ? 'created' : 'reused'}`);

    const session = await client.createConnectSession(connection, user, {
      email: user.email,
      countryCode: 'FR',
      callbackUrl: 'http://127.0.0.1:9/bridge/callback',
      context: `demo-${version}`,
      providerId: Number(values.provider),
    });
    console.log(`2. Funnel opened: ${session.url}`);
    const funnel = await driveConnectFunnel(session.url);
    if (!funnel.location) throw new Error(`The funnel did not redirect (HTTP ${funnel.status})`);
    const callback = new URL(funnel.location);
    const itemId = Number(callback.searchParams.get('item_id'));
    console.log(
      `3. Funnel done (SCA code ${funnel.scaCode}); callback success=${callback.searchParams.get('success')} item_id=${itemId}`,
    );

    const accounts = await client.listAccounts(connection, user, { itemId });
    console.log(`4. ${accounts.length} account(s):`);
    for (const account of accounts) {
      console.log(
        `   ${String(account.id).padEnd(10)} ${account.type.padEnd(9)} ${(account.iban ?? '(no IBAN)').padEnd(28)} ${account.balance.padStart(12)} ${account.currency}  ${account.name}`,
      );
    }
    let count = 0;
    let pages = 0;
    const sample: string[] = [];
    for await (const page of client.transactionPages(connection, user)) {
      pages++;
      count += page.transactions.length;
      for (const transaction of page.transactions.slice(0, 6 - sample.length)) {
        sample.push(
          `   ${transaction.date}  ${transaction.amount.padStart(10)}  ${transaction.originalLabel}  [${transaction.cleanLabel}]`,
        );
      }
    }
    console.log(`5. ${count} transaction(s) in ${pages} page(s); the newest:`);
    console.log(sample.join('\n') + '\n');
  }
} catch (error) {
  failed = true;
  console.error(`Demo failed: ${(error as Error).message}`);
} finally {
  await app.close();
  await sandbox.close();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
