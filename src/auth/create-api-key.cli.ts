import 'reflect-metadata';

import { parseArgs } from 'node:util';

import { NestFactory } from '@nestjs/core';

import { AppModule } from '../app.module.js';
import { ConfigValidationError, loadCliConfig } from '../config/app-config.js';
import { ApiKeysService } from './api-keys.service.js';

const USAGE = `Creates an API key and prints it once (only its hash is stored).

  npm run api-key:create -- --name "ERP Cabinet Durand" --company 3 --company 7
  npm run api-key:create -- --name "Editor scripts" --editor

Uses the same configuration as the service (DATABASE_URL, DATA_DIR, ...).`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        name: { type: 'string' },
        company: { type: 'string', multiple: true },
        editor: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const companyIds = (values.company ?? []).flatMap((value) => value.split(',')).map((value) => value.trim());
  const invalid = companyIds.find((value) => !/^[1-9]\d*$/.test(value));
  if (!values.name || invalid !== undefined || (!values.editor && companyIds.length === 0)) {
    console.error(
      `${!values.name ? '--name is required' : invalid !== undefined ? `--company: "${invalid}" is not a company id` : 'give --editor or at least one --company'}\n\n${USAGE}`,
    );
    return 2;
  }

  const config = loadCliConfig(process.env);
  const app = await NestFactory.createApplicationContext(await AppModule.forRoot(config), {
    logger: ['error', 'warn'],
  });
  try {
    const { apiKey, key } = await app
      .get(ApiKeysService)
      .create({ name: values.name, editor: values.editor, companyIds: companyIds.map(Number) });
    console.log(
      `API key ${apiKey.id} "${apiKey.name}" (${apiKey.editor ? 'editor' : `companies ${companyIds.join(', ')}`}):\n${key}\nKeep it now: it cannot be shown again.`,
    );
    return 0;
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigValidationError ? error.message : error);
    process.exit(1);
  },
);
