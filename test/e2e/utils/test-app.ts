import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { DataSource } from 'typeorm';

import { AppModule } from '../../../src/app.module.js';
import type { PinnedClock } from '../../../src/common/clock/clock.js';
import { AppConfig, loadAppConfig } from '../../../src/config/app-config.js';
import type { BridgeSandbox } from '../../../src/demo/bridge-sandbox.loader.js';
import { setupApp } from '../../../src/setup-app.js';
import { testClock } from '../../support/test-clock.js';
import { createTestDatabase } from '../../support/test-database.js';

export const EDITOR_KEY = 'e2e-editor-key-' + 'x'.repeat(24);
/** Test sandboxes listen on 127.0.0.1 at a random port: the harness names them explicitly, as an operator would. */
export const TEST_BRIDGE_ORIGINS = 'https://api.bridgeapi.io,http://127.0.0.1:*';

export { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../../support/test-database.js';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  dataSource: DataSource;
  /** The product's clock, pinned at TEST_NOW unless the test gave another; tests may move it. */
  clock: PinnedClock;
  /** The sandbox mounted at /bridge-sandbox with BRIDGE_SANDBOX=on, as main.ts gets it; null otherwise. */
  sandbox: BridgeSandbox | null;
  /** supertest bound to the app, with the editor key unless another key is given. */
  api(key?: string | null): ApiClient;
  close(): Promise<void>;
}

export interface ApiClient {
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  patch(path: string, body?: object): request.Test;
}

/** Boots the real AppModule on a fresh database, as main.ts does (same prefix, pipes, filters). */
export async function createTestApp(
  extraEnv: Record<string, string> = {},
  options: { clock?: PinnedClock } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config: AppConfig = loadAppConfig({
    NODE_ENV: 'test',
    ADMIN: 'off',
    API_BOOTSTRAP_KEY: EDITOR_KEY,
    BRIDGE_ALLOWED_ORIGINS: TEST_BRIDGE_ORIGINS,
    ...database.env,
    ...extraEnv,
  });
  const clock = options.clock ?? testClock();
  const moduleRef = await Test.createTestingModule({ imports: [await AppModule.forRoot(config, { clock })] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: ['error'], bodyParser: false });
  const { sandbox } = await setupApp(app);
  await app.init();
  const server = app.getHttpServer();
  const agent: TestAgent = request(server);

  const api = (key: string | null = EDITOR_KEY): ApiClient => {
    const auth = (test: request.Test) => (key === null ? test : test.set('Authorization', `Bearer ${key}`));
    return {
      get: (path) => auth(agent.get(path)),
      post: (path, body) => auth(agent.post(path)).send(body ?? {}),
      patch: (path, body) => auth(agent.patch(path)).send(body ?? {}),
    };
  };

  return {
    app,
    config,
    dataSource: app.get(DataSource),
    clock,
    sandbox,
    api,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
