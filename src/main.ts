import 'reflect-metadata';

import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';

import { AppModule } from './app.module.js';
import { ConfigValidationError, loadAppConfig, type AppConfig } from './config/app-config.js';
import { loadBridgeSandbox } from './demo/bridge-sandbox.loader.js';
import { DemoSeedService } from './demo/demo-seed.service.js';
import { SANDBOX_MOUNT, setupApp } from './setup-app.js';

/** The configuration, and the sandbox package when it is mounted: both checked before the database is touched. */
async function loadConfigOrExit(): Promise<AppConfig> {
  try {
    const config = loadAppConfig(process.env);
    if (config.mountBridgeSandbox) {
      await loadBridgeSandbox();
    }
    return config;
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const config = await loadConfigOrExit();
const levels = (['error', 'warn', 'log', 'debug', 'verbose'] as const).slice(
  0,
  ['error', 'warn', 'log', 'debug', 'verbose'].indexOf(config.logLevel) + 1,
);
const app = await NestFactory.create<NestExpressApplication>(await AppModule.forRoot(config), {
  logger: [...levels, 'fatal'],
  bodyParser: false,
});
const { sandbox } = await setupApp(app);
await app.init();
if (sandbox && config.seedDemo) {
  await app.get(DemoSeedService).seedOnce(sandbox, SANDBOX_MOUNT);
}
await app.listen(config.port, config.host);
const logger = new Logger('Bootstrap');
if (config.publicUrl.startsWith('https://') && config.trustProxy === false) {
  logger.warn(
    'PUBLIC_URL is https but TRUST_PROXY is off: behind a TLS-terminating proxy the back-office session cookie is never sent, set TRUST_PROXY',
  );
}
logger.log(
  `Télécollecte bancaire listens on ${config.host}:${config.port} (public URL ${config.publicUrl}; database: ${
    config.isEmbeddedDatabase ? `embedded SQLite in ${config.dataDir}` : 'MariaDB/MySQL'
  })${config.apiDocs ? `; API documentation at ${config.publicUrl}/api/docs` : ''}${config.mountBridgeSandbox ? `; Bridge sandbox at ${config.publicUrl}${SANDBOX_MOUNT}` : ''}`,
);
