import 'reflect-metadata';

import { DataSource } from 'typeorm';

import { loadAppConfig } from './src/config/app-config.js';
import { buildDataSourceOptions } from './src/database/data-source-options.js';

/** The DataSource for the TypeORM CLI (`npm run migration:show`), built like the app's. */
export default new DataSource(buildDataSourceOptions(loadAppConfig(process.env).database));
