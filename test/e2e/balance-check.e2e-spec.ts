import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createBridgeSandbox } from '@telecollecte/bridge-sandbox';
import Big from 'big.js';
import request from 'supertest';

import { AdminAccountsService } from '../../src/admin-accounts/admin-accounts.service.js';
import { ApiKeysService } from '../../src/auth/api-keys.service.js';
import { sandboxControl, type SandboxServer } from '../support/sandbox-control.js';
import { TEST_NOW } from '../support/test-clock.js';
import { newCompany } from './utils/factories.js';
import { synchroScene } from './utils/synchro-scene.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

// A fresh MariaDB database, its migrations, the funnel and the scrypt of the back-office login take more than 5 s.
jest.setTimeout(60_000);

const ORIGIN = 'http://127.0.0.1:4599';
const PASSWORD = 'correct-horse-battery';
const DAY_MS = 86_400_000;

interface Snapshot {
  bridgeAccountId: number;
  accountType: string;
  main: boolean;
  balance: string;
  day: string;
}

/** docs/rules.md#balance-check, against the Bridge sandbox: snapshots at each Synchro, then ok, then diverged. */
describe(`balance check (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let sandbox: SandboxServer;

  beforeAll(async () => {
    t = await createTestApp({
      ADMIN: 'on',
      PUBLIC_URL: ORIGIN,
      BRIDGE_RETRY_BASE_MS: '5',
      BRIDGE_TIMEOUT_MS: '2000',
    });
    sandbox = await createBridgeSandbox({ seed: 5, historyMonths: 2, startTime: TEST_NOW, rateLimits: false }).listen();
  });

  afterAll(async () => {
    await sandbox?.close();
    await t?.close();
  });

  const snapshotsOf = async (bankAccountId: number): Promise<Snapshot[]> => {
    const rows: Record<string, unknown>[] = await t.dataSource.query(
      'SELECT bridgeAccountId, accountType, main, balance, day FROM balance_snapshot WHERE bankAccountId = ? ORDER BY id',
      [bankAccountId],
    );
    return rows.map((row) => ({
      bridgeAccountId: Number(row.bridgeAccountId),
      accountType: String(row.accountType),
      main: Boolean(Number(row.main)),
      balance: new Big(row.balance as string).toFixed(2),
      day: String(row.day),
    }));
  };

  it('should record each account read, agree once the start balance is right, then name the unfiled operation', async () => {
    // The statement ends on the Synchro's day: an operation of the next day is mirrored but filed on no statement.
    const scene = await synchroScene(t, sandbox, {
      version: '2025-01-15',
      email: 'solde@cabinet.fr',
      bankAccount: { accountTypes: ['checking', 'card'] },
      statement: { dateStart: '2026-11-01', dateEnd: '2026-11-26' },
    });
    const check = async () =>
      (await t.api().get(`/api/v1/bank-accounts/${scene.bankAccountId}/balance-check`).expect(200)).body;

    expect(await check()).toEqual({
      bankAccountId: scene.bankAccountId,
      status: 'unknown',
      correctUntil: null,
      divergesFrom: null,
      difference: null,
      bankBalance: null,
      journalBalance: null,
      suspects: [],
      snapshots: [],
    });

    await scene.connectAtBridge();
    const first = await scene.sync();
    expect(first.status).toBe('synced');

    // One snapshot per Bridge account the Synchro read: the checking account (main) and the accounts feeding it.
    const account = (await t.api().get(`/api/v1/bank-accounts/${scene.bankAccountId}`).expect(200)).body as {
      accountTypes: string[];
    };
    const read = scene.accounts.filter(
      (candidate) =>
        candidate.id === scene.checking.id ||
        (account.accountTypes.includes(candidate.type) &&
          (candidate.iban === null || candidate.iban === scene.checking.iban)),
    );
    const snapshots = await snapshotsOf(scene.bankAccountId);
    expect(snapshots.map((row) => row.bridgeAccountId).sort()).toEqual(read.map((row) => row.id).sort());
    expect(snapshots.length).toBeGreaterThan(1);
    expect(snapshots.filter((row) => row.main)).toEqual([
      {
        bridgeAccountId: scene.checking.id,
        accountType: 'checking',
        main: true,
        balance: first.bankBalance,
        day: '2026-11-26',
      },
    ]);

    // Start balance 0.00: the journal is off by the balance the bank had before the period.
    const statement = (await t.api().get(`/api/v1/statements/${scene.statementId}`).expect(200)).body as {
      balanceEnd: string;
      lineCount: number;
    };
    const opening = new Big(first.bankBalance as string).minus(statement.balanceEnd).toFixed(2);
    expect(opening).not.toBe('0.00');
    expect(await check()).toMatchObject({
      status: 'diverged',
      correctUntil: null,
      divergesFrom: '2026-11-26',
      difference: opening,
      bankBalance: first.bankBalance,
      journalBalance: statement.balanceEnd,
    });
    // Nothing ever agreed: every line up to that day is a suspect, and so are the October operations, on no statement.
    const suspects = (await check()).suspects as { filed: boolean; statementId: number | null; date: string }[];
    const filed = suspects.filter((suspect) => suspect.filed);
    expect(filed).toHaveLength(Math.min(statement.lineCount, 200));
    expect(filed.every((suspect) => suspect.statementId === scene.statementId)).toBe(true);
    const unfiled = suspects.filter((suspect) => !suspect.filed);
    expect(unfiled.length).toBeGreaterThan(0);
    expect(unfiled.length).toBeLessThanOrEqual(200);
    expect(unfiled.every((suspect) => suspect.statementId === null && suspect.date < '2026-11-01')).toBe(true);

    await t.api().patch(`/api/v1/statements/${scene.statementId}`, { balanceStart: opening }).expect(200);
    const agreed = await check();
    expect(agreed).toMatchObject({
      status: 'ok',
      correctUntil: '2026-11-26',
      divergesFrom: null,
      difference: null,
      suspects: [],
      snapshots: [
        {
          day: '2026-11-26',
          takenAt: expect.stringMatching(/^2026-11-26T09:/),
          bankBalance: first.bankBalance,
          journalBalance: first.bankBalance,
          agrees: true,
        },
      ],
    });

    // The next day the bank books an operation after the statement's end: the journal does not follow it.
    t.clock.advance(DAY_MS);
    const control = sandboxControl(sandbox.url, sandbox.controlToken);
    await control.post('/clock/advance', { seconds: DAY_MS / 1000 });
    await control.post(`/accounts/${scene.checking.id}/transactions`, {
      amount: '-12.34',
      date: '2026-11-27',
      label: 'PRLV SEPA ASSURANCE MULTIRISQUE',
    });
    const second = await scene.sync();
    expect(second).toMatchObject({ status: 'synced', imported: 0 });
    expect(second.bankBalance).toBe(new Big(first.bankBalance as string).minus('12.34').toFixed(2));
    expect((await snapshotsOf(scene.bankAccountId)).filter((row) => row.main).map((row) => row.day)).toEqual([
      '2026-11-26',
      '2026-11-27',
    ]);

    const diverged = await check();
    expect(diverged).toMatchObject({
      status: 'diverged',
      correctUntil: '2026-11-26',
      divergesFrom: '2026-11-27',
      difference: '-12.34',
      bankBalance: second.bankBalance,
      journalBalance: first.bankBalance,
    });
    expect(diverged.suspects).toEqual([
      {
        source: 'bank_transaction',
        id: expect.any(Number),
        statementId: null,
        bankTransactionId: expect.any(Number),
        date: '2026-11-27',
        label: 'PRLV SEPA ASSURANCE MULTIRISQUE',
        amount: '-12.34',
        filed: false,
        matchesDifference: true,
      },
    ]);
    expect(diverged.snapshots.map((row: { agrees: boolean }) => row.agrees)).toEqual([true, false]);

    // A line whose deletion by the bank was accepted leaves the journal's balance (marked here as that flow would).
    const [line] = (
      await t.api().get(`/api/v1/statements/${scene.statementId}/lines?limit=500`).expect(200)
    ).body.items.filter((candidate: { amount: string }) => new Big(candidate.amount).abs().gt('12.34')) as {
      id: number;
      amount: string;
    }[];
    await t.dataSource.query('UPDATE statement_line SET bankDeleted = 1 WHERE id = ?', [line!.id]);
    const withoutLine = await check();
    expect(withoutLine).toMatchObject({
      status: 'diverged',
      correctUntil: null,
      divergesFrom: '2026-11-26',
      difference: new Big(line!.amount).toFixed(2),
      journalBalance: new Big(first.bankBalance as string).minus(line!.amount).toFixed(2),
    });
    expect(
      withoutLine.suspects.some((suspect: { id: number; filed: boolean }) => suspect.filed && suspect.id === line!.id),
    ).toBe(false);
    await t.dataSource.query('UPDATE statement_line SET bankDeleted = 0 WHERE id = ?', [line!.id]);
    expect(await check()).toMatchObject({ status: 'diverged', divergesFrom: '2026-11-27', difference: '-12.34' });

    // The back-office's statement page carries the badge, in French.
    await t.app
      .get(AdminAccountsService)
      .create({ email: 'editeur@telecollecte.fr', name: 'Éditeur', password: PASSWORD, userId: null, role: 'editor' });
    const editor = request.agent(t.app.getHttpServer());
    await editor
      .post('/admin/login')
      .set('Origin', ORIGIN)
      .type('form')
      .send({ email: 'editeur@telecollecte.fr', password: PASSWORD })
      .expect(302);
    const shown = await editor
      .get(`/admin/api/resources/BankStatement/records/${scene.statementId}/show`)
      .set('Origin', ORIGIN)
      .expect(200);
    expect(shown.body.record.params).toMatchObject({
      balanceBadge: 'Écart de 12,34\u00a0€ depuis le 27/11/2026',
      balanceBadgeTone: 'diverged',
    });

    // Another company's key does not see the bank account; a bad id is refused naming the field.
    const other = await newCompany(t.api(), { name: 'Autre client' });
    // Nor does a back-office account of that other company: no record, no badge.
    await t.app.get(AdminAccountsService).create({
      email: 'integrateur@autre.fr',
      name: 'Intégrateur',
      password: PASSWORD,
      userId: null,
      role: 'integrator',
      companyIds: [other.id],
    });
    const integrator = request.agent(t.app.getHttpServer());
    await integrator
      .post('/admin/login')
      .set('Origin', ORIGIN)
      .type('form')
      .send({ email: 'integrateur@autre.fr', password: PASSWORD })
      .expect(302);
    const refused = await integrator
      .get(`/admin/api/resources/BankStatement/records/${scene.statementId}/show`)
      .set('Origin', ORIGIN)
      .expect(200);
    expect({ notice: refused.body.notice?.type, params: refused.body.record?.params }).toEqual({
      notice: 'error',
      params: {},
    });
    const { key } = await t.app
      .get(ApiKeysService)
      .create({ name: 'ERP of the other', editor: false, companyIds: [other.id] });
    const hidden = await t.api(key).get(`/api/v1/bank-accounts/${scene.bankAccountId}/balance-check`).expect(404);
    expect(hidden.body.message).toBe(`Bank account ${scene.bankAccountId} not found`);
    const bad = await t.api().get('/api/v1/bank-accounts/abc/balance-check').expect(400);
    expect(bad.body).toMatchObject({ field: 'id', message: 'id: must be a positive integer' });
  });

  it('should document the answer in the OpenAPI document', async () => {
    const document = (await t.api(null).get('/api/docs/openapi.json').expect(200)).body;
    const route = document.paths['/bank-accounts/{id}/balance-check'].get;
    expect(route.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/BalanceCheckResponse',
    });
    const schema = document.components.schemas.BalanceCheckResponse;
    expect(Object.keys(schema.properties).sort()).toEqual(
      [
        'bankAccountId',
        'bankBalance',
        'correctUntil',
        'difference',
        'divergesFrom',
        'journalBalance',
        'snapshots',
        'status',
        'suspects',
      ].sort(),
    );
    expect(schema.properties.status.enum).toEqual(['ok', 'diverged', 'unknown']);
    expect(document.components.schemas.BalanceCheckSuspectResponse.properties.matchesDifference).toBeDefined();
  });
});
