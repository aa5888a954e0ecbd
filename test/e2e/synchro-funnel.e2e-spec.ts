import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createBridgeSandbox, driveConnectFunnel } from '@telecollecte/bridge-sandbox';

import type { BridgeVersion } from '../../src/bridge-config/bridge-config.entity.js';
import type { SandboxServer } from '../support/sandbox-control.js';
import { TEST_NOW } from '../support/test-clock.js';
import { synchroScene } from './utils/synchro-scene.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

// docs/rules.md#callback-synchro and docs/rules.md#account-choice: the funnel finishes the job, and a journal whose
// IBAN is not at the bank is linked to one of the user's accounts instead of opening the funnel again.

const VERSIONS: BridgeVersion[] = ['2025-01-15', '2021-06-01'];
/** A valid IBAN the sandbox never gives to an account. */
const FOREIGN_IBAN = 'FR7630006000011234567890189';

describe.each(VERSIONS)(`Funnel %s: finish in one go (${TEST_ENGINE})`, (version) => {
  let t: TestApp;
  let sandbox: SandboxServer;
  let counter = 0;

  beforeAll(async () => {
    t = await createTestApp({ BRIDGE_RETRY_BASE_MS: '5', BRIDGE_TIMEOUT_MS: '2000', PUBLIC_URL: 'http://127.0.0.1:9' });
    sandbox = await createBridgeSandbox({ seed: 5, historyMonths: 2, startTime: TEST_NOW, rateLimits: false }).listen();
  });

  afterAll(async () => {
    await sandbox.close();
    await t.close();
  });

  const email = (name: string) => `${name}-${++counter}-${version}@cabinet.fr`;
  const lineCount = async (statementId: number) =>
    (await t.api().get(`/api/v1/statements/${statementId}/lines?limit=1`).expect(200)).body.total as number;

  it('should import at once on the callback, say how many in the page, and answer 410 in French to a replay', async () => {
    const scene = await synchroScene(t, sandbox, { version, email: email('once') });
    const first = await scene.sync();
    expect(first.status).toBe('connect_required');
    const funnel = await driveConnectFunnel(first.connectUrl as string, { providerId: 574 });
    const callback = new URL(funnel.location!);
    const path = `${callback.pathname}${callback.search}`;

    const page = await t.api(null).get(path).expect(200);
    const heading =
      /<h1 id="status" data-success="true" data-synchro="synced">Banque connectée : (\d+) opérations importées<\/h1>/.exec(
        page.text,
      );
    expect(heading).not.toBeNull();
    const imported = Number(heading![1]);
    expect(imported).toBeGreaterThan(5);
    expect(page.text).toContain('id="back-to-statement"');
    expect(await lineCount(scene.statementId)).toBe(imported);

    const replay = await t.api(null).get(path);
    expect(replay.status).toBe(410);
    expect(replay.text).toContain('déjà été enregistré');
    expect(replay.text).toContain('lang="fr"');
    expect(await lineCount(scene.statementId)).toBe(imported);

    const log = await t.api().get(`/api/v1/connection-logs?companyId=${scene.companyId}&limit=100`).expect(200);
    const actions = (log.body.items as { action: string }[]).map((entry) => entry.action).reverse();
    expect(actions).toEqual([
      'user_created',
      'authenticated',
      'funnel_opened',
      'callback_success',
      'authenticated',
      'synced',
    ]);
  });

  it('should offer the accounts when the IBAN is not at the bank, link the chosen one and import its lines', async () => {
    const scene = await synchroScene(t, sandbox, {
      version,
      email: email('choice'),
      bankAccount: { iban: FOREIGN_IBAN, journalCode: 'BQ2' },
    });
    // The callback's Synchro finds no account with the journal's IBAN: the page says so, nothing is imported.
    const page = await scene.connect();
    expect(page).toContain('data-synchro="account_choice_required"');
    expect(page).toContain('Banque connectée : choisissez le compte du journal');
    expect(await lineCount(scene.statementId)).toBe(0);

    const choice = await scene.sync();
    expect(choice).toEqual({
      status: 'account_choice_required',
      message: expect.stringContaining('BQ2'),
      accounts: expect.any(Array),
    });
    const accounts = choice.accounts as Record<string, unknown>[];
    expect(accounts.length).toBe(scene.accounts.length);
    const checking = accounts.find((account) => account.bridgeAccountId === scene.checking.id)!;
    expect(checking).toEqual({
      bridgeAccountId: scene.checking.id,
      itemId: expect.any(Number),
      name: scene.checking.name,
      type: 'checking',
      bankName: 'BNP Paribas',
      balance: expect.stringMatching(/^-?\d+\.\d{2}$/),
      currency: 'EUR',
      ibanMasked: `${scene.checking.iban!.slice(0, 4)} •••• •••• •••• •••• •••${scene.checking.iban!.slice(-4, -3)} ${scene.checking.iban!.slice(-3)}`,
    });
    // No full IBAN of the user's accounts goes out.
    for (const account of scene.accounts.filter((candidate) => candidate.iban)) {
      expect(JSON.stringify(choice)).not.toContain(account.iban!);
    }
    const logged = await t
      .api()
      .get(`/api/v1/connection-logs?companyId=${scene.companyId}&action=account_choice_required`)
      .expect(200);
    expect(logged.body.items.length).toBeGreaterThanOrEqual(2);

    const linked = await t
      .api()
      .post(`/api/v1/statements/${scene.statementId}/sync/link`, {
        userId: scene.userId,
        bridgeAccountId: scene.checking.id,
      })
      .expect(200);
    expect(linked.body).toMatchObject({ status: 'synced', imported: expect.any(Number) });
    expect(linked.body.imported).toBeGreaterThan(5);
    expect(await lineCount(scene.statementId)).toBe(linked.body.imported);
    const bankAccount = await t.api().get(`/api/v1/bank-accounts/${scene.bankAccountId}`).expect(200);
    expect(bankAccount.body).toMatchObject({ bridgeAccountId: scene.checking.id, iban: FOREIGN_IBAN });

    // Linked for good: the next Synchro uses it.
    expect(await scene.sync()).toMatchObject({ status: 'synced', imported: 0 });
  });

  it('should refuse to link an account the user does not share, naming the field, and change nothing', async () => {
    const scene = await synchroScene(t, sandbox, {
      version,
      email: email('unknown'),
      bankAccount: { iban: FOREIGN_IBAN },
    });
    await scene.connectAtBridge();
    for (const bridgeAccountId of [999_999_999, 1]) {
      const refused = await t
        .api()
        .post(`/api/v1/statements/${scene.statementId}/sync/link`, { userId: scene.userId, bridgeAccountId })
        .expect(400);
      expect(refused.body).toMatchObject({ code: 'bank_account.bridge_account_unknown', field: 'bridgeAccountId' });
    }
    const bad = await t
      .api()
      .post(`/api/v1/statements/${scene.statementId}/sync/link`, { userId: scene.userId, bridgeAccountId: 'x' })
      .expect(400);
    expect(bad.body).toMatchObject({ field: 'bridgeAccountId' });
    const bankAccount = await t.api().get(`/api/v1/bank-accounts/${scene.bankAccountId}`).expect(200);
    expect(bankAccount.body.bridgeAccountId).toBeNull();
    expect(await lineCount(scene.statementId)).toBe(0);
  });

  it('should open a new funnel only when asked with addBank, even when the items hold the journal account', async () => {
    const scene = await synchroScene(t, sandbox, { version, email: email('add') });
    await scene.connect();
    expect(await scene.sync()).toMatchObject({ status: 'synced' });
    const added = await scene.sync({ addBank: true });
    expect(added).toEqual({ status: 'connect_required', connectUrl: expect.stringContaining('/connect/session/') });
    const wrong = await t
      .api()
      .post(`/api/v1/statements/${scene.statementId}/sync`, { userId: scene.userId, addBank: 'yes' })
      .expect(400);
    expect(wrong.body).toMatchObject({ field: 'addBank' });

    const other = await synchroScene(t, sandbox, {
      version,
      email: email('add-choice'),
      bankAccount: { iban: FOREIGN_IBAN },
    });
    await other.connectAtBridge();
    expect((await other.sync()).status).toBe('account_choice_required');
    expect(await other.sync({ addBank: true })).toEqual({
      status: 'connect_required',
      connectUrl: expect.stringContaining('/connect/session/'),
    });
  });
});
