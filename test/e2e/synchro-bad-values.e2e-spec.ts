import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { createBridgeSandbox } from '@telecollecte/bridge-sandbox';

import type { BridgeVersion } from '../../src/bridge-config/bridge-config.entity.js';
import { BankTransaction } from '../../src/statements/bank-transaction.entity.js';
import type { StatementLineResponse } from '../../src/statements/dto/statement.dto.js';
import { sandboxControl, type SandboxServer } from '../support/sandbox-control.js';
import { TEST_NOW } from '../support/test-clock.js';
import { synchroScene, type SynchroScene } from './utils/synchro-scene.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

// Bad values from Bridge (issue 9, D2): every field is checked before the mirror; a bad row is skipped and reported,
// the rest of the account goes on, and nothing stored can break a later sync. The sandbox serves the bad values as raw
// JSON literals (control API `POST /transactions/:id/raw`), exactly as a broken Bridge answer would carry them.

const VERSIONS: BridgeVersion[] = ['2025-01-15', '2021-06-01'];

describe.each(VERSIONS)(`Synchro %s with bad values from Bridge (${TEST_ENGINE})`, (version) => {
  let t: TestApp;
  let sandbox: SandboxServer;
  let control: ReturnType<typeof sandboxControl>;

  beforeAll(async () => {
    t = await createTestApp({ BRIDGE_RETRY_BASE_MS: '5', BRIDGE_MAX_RETRIES: '1', PUBLIC_URL: 'http://127.0.0.1:9' });
    sandbox = await createBridgeSandbox({
      seed: 21,
      historyMonths: 1,
      startTime: TEST_NOW,
      rateLimits: false,
    }).listen();
    control = sandboxControl(sandbox.url, sandbox.controlToken);
  });

  afterAll(async () => {
    await sandbox?.close();
    await t?.close();
  });

  async function linesOf(scene: SynchroScene): Promise<StatementLineResponse[]> {
    return (await t.api().get(`/api/v1/statements/${scene.statementId}/lines?limit=500`).expect(200)).body.items;
  }

  function mirrorOf(scene: SynchroScene): Promise<BankTransaction[]> {
    return t.dataSource
      .getRepository(BankTransaction)
      .find({ where: { bankAccountId: scene.bankAccountId }, order: { id: 'ASC' } });
  }

  /** A scene synced once: its lines are November's operations. */
  async function syncedScene(email: string): Promise<{ scene: SynchroScene; lines: StatementLineResponse[] }> {
    const scene = await synchroScene(t, sandbox, { version, email, bankAccount: { includeOlderLines: true } });
    await scene.connectAtBridge();
    expect(await scene.sync()).toMatchObject({ status: 'synced', rejected: 0 });
    const lines = await linesOf(scene);
    expect(lines.length).toBeGreaterThan(9);
    return { scene, lines };
  }

  it('should skip and report each bad row, import the others, keep what was stored, and stay usable', async () => {
    const { scene, lines } = await syncedScene(`bad-rows-${version}@cabinet.fr`);
    const mirrorBefore = await mirrorOf(scene);
    await control.post('/clock/advance', { seconds: 60 });
    const bad: Record<string, string>[] = [
      { amount: '1e309' },
      { amount: '99999999999999999999.99' },
      { amount: '-12.345' },
      { date: '"hier"' },
      { booking_date: '"2025-02-30"' },
      { updated_at: '"mardi dernier"' },
      { currency_code: '"EURO"' },
      { operation_type: `"${'virement-'.repeat(6)}"` },
    ];
    for (const [index, fields] of bad.entries()) {
      await control.post(`/transactions/${lines[index]!.bridgeTransactionId}/raw`, { fields });
    }
    // A new operation at the bank, sound, and another one whose amount cannot be stored.
    const good = await control.post<{ id: number }>(`/accounts/${scene.checking.id}/transactions`, {
      amount: '-42.10',
      date: '2026-11-25',
      label: 'CB BOULANGERIE 25/11',
    });
    const broken = await control.post<{ id: number }>(`/accounts/${scene.checking.id}/transactions`, {
      amount: '-1.00',
      date: '2026-11-25',
      label: 'CB ILLISIBLE',
    });
    await control.post(`/transactions/${broken.id}/raw`, { fields: { amount: '1e309' } });

    Logger.overrideLogger(false); // the warn lines naming each skipped row are the point
    const result = await scene.sync().finally(() => Logger.overrideLogger(['error']));
    expect(result).toMatchObject({ status: 'synced', imported: 1, updated: 0, removed: 0, rejected: bad.length + 1 });
    const warning = (result.warnings as string[]).find((text) => text.includes('n’ont pas été importées'));
    expect(warning).toContain(`${bad.length + 1} opération(s) envoyée(s) par Bridge n’ont pas été importées`);
    expect(warning).toMatch(/champ « (amount|date|booking_date|updated_at|currency_code|operation_type) »/);

    // The lines and the mirror keep the values they had; the sound new operation is in; the broken one is not.
    const after = await linesOf(scene);
    expect(after.filter((line) => line.bridgeTransactionId !== good.id)).toEqual(lines);
    expect(after.find((line) => line.bridgeTransactionId === good.id)).toMatchObject({
      amount: '-42.10',
      date: '2026-11-25',
    });
    const mirror = await mirrorOf(scene);
    expect(mirror.filter((row) => row.bridgeTransactionId !== good.id)).toEqual(mirrorBefore);
    expect(mirror.some((row) => row.bridgeTransactionId === broken.id)).toBe(false);

    // Nothing stored is poisoned: the next sync answers the same way, and once Bridge corrects the rows they come in.
    const again = await scene.sync();
    expect(again).toMatchObject({ status: 'synced', imported: 0, rejected: bad.length + 1 });
    for (const [index, fields] of bad.entries()) {
      await control.post(`/transactions/${lines[index]!.bridgeTransactionId}/raw`, {
        fields: Object.fromEntries(Object.keys(fields).map((field) => [field, null])),
      });
    }
    await control.post(`/transactions/${broken.id}/raw`, { fields: { amount: null } });
    const corrected = await scene.sync();
    expect(corrected).toMatchObject({ status: 'synced', imported: 1, updated: 0, rejected: 0 });
    expect((await linesOf(scene)).find((line) => line.bridgeTransactionId === broken.id)).toMatchObject({
      amount: '-1.00',
    });
  });

  it('should answer 502 naming the field when a whole page is unusable, and change nothing', async () => {
    const synced = await syncedScene(`bad-page-${version}@cabinet.fr`);
    const { scene } = synced;
    let { lines } = synced;
    // Move the cursor past the history's creation instant (a change at the bank, then a sync), then past the cursor's
    // re-read margin: the next listing holds only what changes after that.
    await control.post('/clock/advance', { seconds: 600 });
    await control.patch(`/transactions/${lines[2]!.bridgeTransactionId}`, { label: 'PRLV SEPA EDF REGUL' });
    expect(await scene.sync()).toMatchObject({ status: 'synced', rejected: 0 });
    lines = await linesOf(scene);
    const mirrorBefore = await mirrorOf(scene);
    await control.post('/clock/advance', { seconds: 600 });
    // The listing re-reads the cursor's own row too: both rows it will hold are bad.
    await control.post(`/transactions/${lines[0]!.bridgeTransactionId}/raw`, { fields: { date: '"2025-02-30"' } });
    await control.post(`/transactions/${lines[2]!.bridgeTransactionId}/raw`, { fields: { date: '"hier"' } });

    Logger.overrideLogger(false);
    const failed = await Promise.resolve(
      t.api().post(`/api/v1/statements/${scene.statementId}/sync`, { userId: scene.userId }),
    ).finally(() => Logger.overrideLogger(['error']));
    expect(failed.status).toBe(502);
    expect(failed.body.message).toMatch(
      /^Bridge sent a page of 2 operation\(s\) of account \d+ and none can be stored: transaction \d{14} "date" is "(2025-02-30|hier)", not a calendar date YYYY-MM-DD \(and 1 more\); nothing of that page was stored$/,
    );
    expect(await linesOf(scene)).toEqual(lines);
    expect(await mirrorOf(scene)).toEqual(mirrorBefore);

    await control.post(`/transactions/${lines[0]!.bridgeTransactionId}/raw`, { fields: { date: null } });
    await control.post(`/transactions/${lines[2]!.bridgeTransactionId}/raw`, { fields: { date: null } });
    expect(await scene.sync()).toMatchObject({ status: 'synced', imported: 0, updated: 0, removed: 0, rejected: 0 });
    expect(await linesOf(scene)).toEqual(lines);
  });
});
