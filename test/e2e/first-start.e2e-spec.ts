import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { AdminAccountsService } from '../../src/admin-accounts/admin-accounts.service.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

describe(`first start without configuration (${TEST_ENGINE})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ API_BOOTSTRAP_KEY: '' });
  });

  afterAll(async () => {
    await t.close();
  });

  it(
    TEST_ENGINE === 'sqlite'
      ? 'should write an initial editor key to a private file that opens the API'
      : 'should not invent a key on MariaDB',
    async () => {
      const file = join(t.config.dataDir, 'initial-api-key.txt');
      if (TEST_ENGINE === 'mysql') {
        expect(() => statSync(file)).toThrow();
        return;
      }
      expect(statSync(file).mode & 0o777).toBe(0o600);
      // The database itself holds secrets and bank data: private like the key files.
      expect(statSync(join(t.config.dataDir, 'telecollecte.sqlite')).mode & 0o777).toBe(0o600);
      const key = readFileSync(file, 'utf8').trim();
      expect(key).toMatch(/^tcb_[A-Za-z0-9_-]{43}$/);
      await t.api(key).get('/api/v1/companies').expect(200);
      await t.api(key).post('/api/v1/companies', { name: 'Editor company', subscriptionActive: true }).expect(201);
    },
  );
});

describe(`first start with the back-office (${TEST_ENGINE})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ API_BOOTSTRAP_KEY: '', ADMIN: 'on' });
  });

  afterAll(async () => {
    await t.close();
  });

  (TEST_ENGINE === 'sqlite' ? it : it.skip)(
    'should write the generated administrator password alone, on one line, to a private file',
    async () => {
      const file = join(t.config.dataDir, 'initial-admin-password.txt');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const text = readFileSync(file, 'utf8');
      expect(text).toMatch(/^[A-Za-z0-9_-]{16}\n$/);
      const admin = await t.app.get(AdminAccountsService).authenticate('admin@localhost', text.trim(), '127.0.0.1');
      expect(admin).not.toBeNull();
    },
  );
});
