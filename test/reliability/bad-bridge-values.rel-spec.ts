import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createBridgeSandbox } from '@telecollecte/bridge-sandbox';

import type { ServiceProcess } from '../support/processes.js';
import { sandboxControl, type SandboxServer } from '../support/sandbox-control.js';
import { TEST_NOW } from '../support/test-clock.js';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-database.js';
import { apiOf, mirrorOf, serviceScene, startInstance, type Api } from './utils/service-scene.js';

// Issue 9, D2 against the built service: Bridge sends values no column can hold exactly (an amount of 1e309 was
// stored as Inf on SQLite and every later sync of the account answered 500). Each bad row is skipped and named in the
// log, nothing stored is poisoned, and the account keeps syncing, across a restart too.

jest.setTimeout(300_000);

describe(`bad values from Bridge, with the built service (${TEST_ENGINE})`, () => {
  let database: TestDatabase;
  let service: ServiceProcess;
  let api: Api;
  let sandbox: SandboxServer;

  beforeAll(async () => {
    database = await createTestDatabase();
    service = await startInstance(database, { BRIDGE_RETRY_BASE_MS: '5' });
    api = apiOf(service.url);
    sandbox = await createBridgeSandbox({
      seed: 61,
      historyMonths: 1,
      startTime: TEST_NOW,
      rateLimits: false,
    }).listen();
  });

  afterAll(async () => {
    await service?.stop();
    await sandbox?.close();
    await database?.drop();
  });

  it('should skip and name each bad row, keep the mirror sound, and keep syncing after a restart', async () => {
    const scene = await serviceScene(api, sandbox, {
      version: '2025-01-15',
      email: 'bad-values@cabinet.fr',
      bankAccount: { includeOlderLines: true },
    });
    await scene.connectAtBridge();
    expect((await scene.sync()).body).toMatchObject({ status: 'synced', rejected: 0 });
    const lines = await scene.lines();
    const mirror = await mirrorOf(database, scene.bankAccountId);
    const control = sandboxControl(sandbox.url, sandbox.controlToken);
    await control.post('/clock/advance', { seconds: 60 });
    const bad = [
      { amount: '1e309' },
      { amount: '99999999999999999999.99' },
      { date: '"2025-02-30"' },
      { currency_code: '"EURO"' },
      { operation_type: `"${'x'.repeat(200)}"` },
    ];
    for (const [index, fields] of bad.entries())
      await control.post(`/transactions/${lines[index]!.bridgeTransactionId}/raw`, { fields });

    for (let attempt = 0; attempt < 2; attempt++) {
      const answer = await scene.sync();
      expect(answer).toMatchObject({
        status: 200,
        body: { status: 'synced', imported: 0, updated: 0, removed: 0, rejected: bad.length },
      });
      expect(await scene.lines()).toEqual(lines);
      expect(await mirrorOf(database, scene.bankAccountId)).toEqual(mirror);
      // A restart between the two: nothing stored makes the next Synchro fail.
      if (attempt === 0) {
        await service.stop();
        service = await startInstance(database, { BRIDGE_RETRY_BASE_MS: '5' }, Number(new URL(service.url).port));
      }
    }
    // Every skipped row was named in the log with its field; no secret reached it.
    const output = service.output();
    expect(output).toContain(
      `Bridge transaction ${lines[0]!.bridgeTransactionId} of account ${scene.checkingId} (bank account ${scene.bankAccountId}) was not stored: "amount" is 1e309, beyond the 16 integer digits of an amount`,
    );
    expect(output).toContain(
      `Bridge transaction ${lines[2]!.bridgeTransactionId} of account ${scene.checkingId} (bank account ${scene.bankAccountId}) was not stored: "date" is "2025-02-30", not a calendar date YYYY-MM-DD`,
    );
    expect(output).not.toContain('sandbox-client-secret');

    // Bridge corrects the rows: they are what the mirror already held, so nothing changes and nothing is skipped.
    for (const [index, fields] of bad.entries()) {
      await control.post(`/transactions/${lines[index]!.bridgeTransactionId}/raw`, {
        fields: Object.fromEntries(Object.keys(fields).map((field) => [field, null])),
      });
    }
    expect((await scene.sync()).body).toMatchObject({ status: 'synced', imported: 0, updated: 0, rejected: 0 });
  });
});
