import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createBridgeSandbox, driveConnectFunnel } from '@telecollecte/bridge-sandbox';

import type { BridgeVersion } from '../../src/bridge-config/bridge-config.entity.js';
import { sandboxControl, type SandboxServer } from '../support/sandbox-control.js';
import { TEST_NOW } from '../support/test-clock.js';
import { expectTotalsKept } from './utils/statement-totals.js';
import { synchroScene } from './utils/synchro-scene.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

const VERSIONS: BridgeVersion[] = ['2025-01-15', '2021-06-01'];

describe.each(VERSIONS)(`Synchro %s: first connection, import, idempotence (${TEST_ENGINE})`, (version) => {
  let t: TestApp;
  let sandbox: SandboxServer;

  beforeAll(async () => {
    t = await createTestApp({ BRIDGE_RETRY_BASE_MS: '5', BRIDGE_TIMEOUT_MS: '2000', PUBLIC_URL: 'http://127.0.0.1:9' });
    sandbox = await createBridgeSandbox({ seed: 5, historyMonths: 2, startTime: TEST_NOW, rateLimits: false }).listen();
  });

  afterEach(async () => {
    await expectTotalsKept(t.dataSource);
  });

  afterAll(async () => {
    await sandbox.close();
    await t.close();
  });

  it('should ask for the funnel, record the callback, import the period at once, then nothing twice', async () => {
    const scene = await synchroScene(t, sandbox, { version, email: `first-${version}@cabinet.fr` });
    const first = await scene.sync();
    expect(first).toEqual({ status: 'connect_required', connectUrl: expect.stringContaining('/connect/session/') });

    const funnel = await driveConnectFunnel(first.connectUrl as string, { providerId: 574 });
    const callback = new URL(funnel.location!);
    expect(callback.origin + callback.pathname).toBe('http://127.0.0.1:9/bridge/callback');
    const page = await t.api(null).get(`${callback.pathname}${callback.search}`).expect(200);
    // The callback ran the Synchro: the page says how many operations arrived.
    const heading =
      /<h1 id="status" data-success="true" data-synchro="synced">Banque connectée : (\d+) opérations importées<\/h1>/.exec(
        page.text,
      );
    expect(heading).not.toBeNull();
    const imported = Number(heading![1]);
    expect(imported).toBeGreaterThan(5);
    expect(page.text).toContain(`/admin/resources/BankStatement/records/${scene.statementId}/show`);
    expect(page.text).toContain('VPN');

    const lines = await t.api().get(`/api/v1/statements/${scene.statementId}/lines?limit=500`).expect(200);
    expect(lines.body.total).toBe(imported);
    expect(lines.body.items.every((line: { date: string }) => line.date >= '2026-11-01')).toBe(true);

    const second = await scene.sync();
    expect(second).toMatchObject({
      status: 'synced',
      imported: 0,
      updated: 0,
      removed: 0,
      reviewRequired: 0,
      itemId: Number(callback.searchParams.get('item_id')),
    });
    expect(second.bankBalance).toMatch(/^-?\d+\.\d{2}$/);
    const statement = await t.api().get(`/api/v1/statements/${scene.statementId}`).expect(200);
    expect(statement.body).toMatchObject({ lineCount: imported, bankBalance: second.bankBalance });

    const third = await scene.sync();
    expect(third).toMatchObject({ status: 'synced', imported: 0, updated: 0, removed: 0 });
    const again = await t.api().get(`/api/v1/statements/${scene.statementId}/lines?limit=500`).expect(200);
    expect(again.body.items).toEqual(lines.body.items);

    const log = await t.api().get(`/api/v1/connection-logs?companyId=${scene.companyId}&limit=100`).expect(200);
    const actions = (log.body.items as { action: string }[]).map((entry) => entry.action).reverse();
    expect(actions).toEqual([
      'user_created',
      'authenticated',
      'funnel_opened',
      'callback_success',
      'authenticated',
      'synced',
      'authenticated',
      'synced',
      'authenticated',
      'synced',
    ]);
    expect(
      log.body.items.every(
        (entry: { email: string; bridgeConfigId: number }) =>
          entry.email === scene.email && entry.bridgeConfigId === scene.configId,
      ),
    ).toBe(true);
  });

  it('should send the user back to the funnel of the item when the bank needs SCA or new credentials', async () => {
    const scene = await synchroScene(t, sandbox, { version, email: `reauth-${version}@cabinet.fr` });
    await scene.connectAtBridge();
    const synced = await scene.sync();
    const itemId = synced.itemId as number;
    const control = sandboxControl(sandbox.url, sandbox.controlToken);

    for (const [status, reason] of [
      [1010, 'sca'],
      [402, 'credentials'],
    ] as const) {
      await control.post(`/items/${itemId}/status`, { status });
      const answer = await scene.sync();
      expect(answer).toMatchObject({
        status: 'reauth_required',
        itemId,
        reason,
        connectUrl: expect.stringContaining('/connect/session/'),
      });
      const firstPage = await (await fetch(answer.connectUrl as string)).text();
      expect(firstPage).toContain('id="credentials-form"');
      expect(firstPage).not.toContain('id="banks"');
      const funnel = await driveConnectFunnel(answer.connectUrl as string);
      const callback = new URL(funnel.location!);
      expect(callback.searchParams.get('item_id')).toBe(String(itemId));
      await t.api(null).get(`${callback.pathname}${callback.search}`).expect(200);
      expect(await scene.sync()).toMatchObject({ status: 'synced', imported: 0 });
    }
    const log = await t
      .api()
      .get(`/api/v1/connection-logs?companyId=${scene.companyId}&action=reauth_requested`)
      .expect(200);
    expect(log.body.items.map((entry: { itemId: number; result: string }) => [entry.itemId, entry.result])).toEqual([
      [itemId, 'pending'],
      [itemId, 'pending'],
    ]);
  });

  it('should record a failed funnel and show where it stopped', async () => {
    const scene = await synchroScene(t, sandbox, { version, email: `cancel-${version}@cabinet.fr` });
    const first = await scene.sync();
    const funnel = await driveConnectFunnel(first.connectUrl as string, { providerId: 574, cancelAt: 'credentials' });
    const callback = new URL(funnel.location!);
    expect(callback.searchParams.get('success')).toBe('false');
    const page = await t.api(null).get(`${callback.pathname}${callback.search}`).expect(200);
    expect(page.text).toContain("La connexion à la banque n'a pas abouti");
    expect(page.text).toContain('saisie des identifiants bancaires');
    const log = await t
      .api()
      .get(`/api/v1/connection-logs?companyId=${scene.companyId}&action=callback_failure`)
      .expect(200);
    expect(log.body.items).toHaveLength(1);
  });
});

describe(`Synchro refusals (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let sandbox: SandboxServer;

  beforeAll(async () => {
    t = await createTestApp({ BRIDGE_RETRY_BASE_MS: '5' });
    sandbox = await createBridgeSandbox({ seed: 6, historyMonths: 1, rateLimits: false, startTime: TEST_NOW }).listen();
  });

  afterEach(async () => {
    await expectTotalsKept(t.dataSource);
  });

  afterAll(async () => {
    await sandbox.close();
    await t.close();
  });

  it('should refuse clearly, send nothing to Bridge and change nothing', async () => {
    const scene = await synchroScene(t, sandbox, { version: '2025-01-15', email: 'refusals@cabinet.fr' });
    const api = t.api();
    const sync = (body: Record<string, unknown>) => api.post(`/api/v1/statements/${scene.statementId}/sync`, body);

    const noEmailUser = await api
      .post('/api/v1/users', { companyId: scene.companyId, name: 'Sans e-mail', login: 'nomail' })
      .expect(201);
    expect((await sync({ userId: noEmailUser.body.id }).expect(400)).body.message).toMatch(
      /^userId: user \d+ \(nomail\) has no e-mail/,
    );
    expect((await sync({}).expect(400)).body.message).toMatch(/^userId: /);

    await api.patch(`/api/v1/companies/${scene.companyId}`, { subscriptionActive: false }).expect(200);
    expect((await sync({ userId: scene.userId }).expect(403)).body.message).toMatch(
      /subscription of company \d+ .* is not active/,
    );
    await api.patch(`/api/v1/companies/${scene.companyId}`, { subscriptionActive: true }).expect(200);

    await api.patch(`/api/v1/bridge-configs/${scene.configId}`, { active: false }).expect(200);
    expect((await sync({ userId: scene.userId }).expect(403)).body.message).toMatch(
      /Bridge configuration \d+ .* is inactive/,
    );
    await api.patch(`/api/v1/bridge-configs/${scene.configId}`, { active: true }).expect(200);

    await api.patch(`/api/v1/bank-accounts/${scene.bankAccountId}`, { iban: null }).expect(200);
    expect((await sync({ userId: scene.userId }).expect(409)).body.message).toMatch(/has no IBAN/);
    await api.patch(`/api/v1/bank-accounts/${scene.bankAccountId}`, { iban: scene.checking.iban }).expect(200);

    await t.dataSource.query('UPDATE bank_statement SET bankBalance = ? WHERE id = ?', ['0.00', scene.statementId]);
    await api.patch(`/api/v1/statements/${scene.statementId}`, { state: 'closed' }).expect(200);
    expect((await sync({ userId: scene.userId }).expect(409)).body.message).toMatch(/is closed: reopen it/);

    const rows = await t.dataSource.query('SELECT COUNT(*) AS count FROM api_log');
    expect(Number(rows[0].count)).toBe(0);
    const log = await api.get(`/api/v1/connection-logs?companyId=${scene.companyId}`).expect(200);
    expect(log.body.total).toBe(0);
  });

  it('should refuse a forged callback without writing to the log', async () => {
    const page = await t
      .api(null)
      .get('/bridge/callback?context=tcb-s1-u1-0000000000000000&success=true&item_id=1')
      .expect(400);
    expect(page.text).toContain("n'a pas abouti");
    const log = await t.api().get('/api/v1/connection-logs').expect(200);
    expect(log.body.total).toBe(0);
  });
});
