import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createBridgeSandbox } from '@telecollecte/bridge-sandbox';

import { DEMO_EMAIL, DemoSeedService } from '../../src/demo/demo-seed.service.js';
import { TEST_NOW } from '../support/test-clock.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

describe(`zero-configuration demo seed (${TEST_ENGINE})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    // The demo is seeded only with the sandbox mounted (main.ts), which also makes its URL an allowed Bridge origin.
    t = await createTestApp({ BRIDGE_SANDBOX: 'on' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('should seed a company ready for the Synchro once, with the IBAN of a sandbox account', async () => {
    const sandbox = createBridgeSandbox({ startTime: TEST_NOW });
    const seeder = t.app.get(DemoSeedService);
    expect(await seeder.seedOnce(sandbox, '/bridge-sandbox', new Date('2026-11-26T10:00:00Z'))).toBe(true);
    expect(await seeder.seedOnce(sandbox, '/bridge-sandbox')).toBe(false);

    const companies = await t.api().get('/api/v1/companies').expect(200);
    expect(companies.body.items).toEqual([
      expect.objectContaining({ name: 'Boulangerie Martin (démo)', subscriptionActive: true }),
    ]);
    const companyId = companies.body.items[0].id;
    const configs = await t.api().get(`/api/v1/bridge-configs?companyId=${companyId}`).expect(200);
    expect(configs.body.items).toEqual([
      expect.objectContaining({
        url: `${t.config.publicUrl}/bridge-sandbox`,
        version: '2025-01-15',
        active: true,
        clientSecretSet: true,
      }),
    ]);
    const users = await t.api().get(`/api/v1/users?companyId=${companyId}`).expect(200);
    expect(users.body.items).toEqual([expect.objectContaining({ email: DEMO_EMAIL, active: true })]);
    const accounts = await t.api().get(`/api/v1/bank-accounts?companyId=${companyId}`).expect(200);
    const checking = sandbox.previewAccounts(DEMO_EMAIL, 574).accounts.find((account) => account.type === 'checking')!;
    expect(accounts.body.items).toEqual([
      expect.objectContaining({ iban: checking.iban, accountTypes: ['checking', 'card'] }),
    ]);
    const statements = await t.api().get(`/api/v1/statements?bankAccountId=${accounts.body.items[0].id}`).expect(200);
    expect(statements.body.items).toEqual([
      expect.objectContaining({ dateStart: '2026-11-01', dateEnd: null, state: 'open' }),
    ]);
  });
});
