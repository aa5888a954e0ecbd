import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createBridgeSandbox } from '@telecollecte/bridge-sandbox';
import request from 'supertest';

import { AccountingExportsService } from '../../src/accounting/accounting-exports.service.js';
import { AccessScope } from '../../src/auth/access-scope.js';
import { checkFec, parseFec } from '../support/fec-parser.js';
import { sandboxControl, type SandboxServer } from '../support/sandbox-control.js';
import { TEST_NOW } from '../support/test-clock.js';
import { expectTotalsKept } from './utils/statement-totals.js';
import { step } from './utils/steps.js';
import { synchroScene, type SynchroScene } from './utils/synchro-scene.js';
import { createTestApp, EDITOR_KEY, TEST_ENGINE, type TestApp } from './utils/test-app.js';

// A Synchro and many requests per test: the suite runs on 2 cores, often beside others.
jest.setTimeout(60_000);

interface Entry {
  id: number;
  number: string;
  kind: string;
  date: string;
  pieceRef: string;
  label: string;
  statementLineId: number;
  reversalOfId: number | null;
  ruleId: number | null;
  lines: { account: string; accountLabel: string; debit: string; credit: string }[];
}
interface Line {
  id: number;
  amount: string;
  label: string;
  date: string;
  bridgeTransactionId: number;
  reviewRequired: boolean;
  postedAt: string | null;
  bankChange: unknown;
}

const cents = (value: string) => Math.round(Number(value.replace('.', '')) * (value.includes('.') ? 1 : 100));

describe(`Posting a statement to the accounts (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let sandbox: SandboxServer;
  let scene: SynchroScene;

  const allEntries = async (query = `statementId=${scene.statementId}`) =>
    (await t.api().get(`/api/v1/entries?${query}&limit=500`).expect(200)).body.items as Entry[];
  const allLines = async () =>
    (await t.api().get(`/api/v1/statements/${scene.statementId}/lines?limit=500`).expect(200)).body.items as Line[];

  beforeAll(async () => {
    t = await createTestApp({ BRIDGE_RETRY_BASE_MS: '5', BRIDGE_TIMEOUT_MS: '2000', PUBLIC_URL: 'http://127.0.0.1:9' });
    sandbox = await createBridgeSandbox({
      seed: 11,
      historyMonths: 2,
      startTime: TEST_NOW,
      rateLimits: false,
    }).listen();
    scene = await synchroScene(t, sandbox, {
      version: '2025-01-15',
      email: 'posting@cabinet.fr',
      bankAccount: { glAccount: '512100', glAccountLabel: 'Banque BNP' },
    });
    await scene.connectAtBridge();
    expect((await scene.sync()).status).toBe('synced');
  });

  afterEach(async () => {
    await expectTotalsKept(t.dataSource);
  });

  afterAll(async () => {
    await sandbox.close();
    await t.close();
  });

  it('should post a statement, keep its entries through rule changes, refuse to edit them, follow an accepted bank change, export the FEC and close', async () => {
    await step(
      'should post every line once, with gapless numbers, the rule or the suspense account as counterpart',
      async () => {
        const api = t.api();
        const rule = await api
          .post('/api/v1/counterpart-rules', {
            companyId: scene.companyId,
            name: 'Frais',
            labelContains: 'frais',
            sign: 'debit',
            account: '627000',
            accountLabel: 'Services bancaires et assimilés',
          })
          .expect(201);
        const lines = await allLines();
        expect(lines.length).toBeGreaterThan(5);

        const posted = await api.post(`/api/v1/statements/${scene.statementId}/post`, {}).expect(200);
        const nonZero = lines.filter((line) => cents(line.amount) !== 0);
        expect(posted.body.posted).toBe(nonZero.length);
        expect(posted.body.entryIds).toHaveLength(nonZero.length);

        const entries = await allEntries();
        expect(entries.map((entry) => entry.number)).toEqual(
          entries.map((_entry, index) => `BQ1-2026-${String(index + 1).padStart(6, '0')}`),
        );
        for (const entry of entries) {
          const line = lines.find((candidate) => candidate.id === entry.statementLineId)!;
          expect(entry).toMatchObject({ kind: 'posting', date: line.date, pieceRef: String(line.bridgeTransactionId) });
          const [first, second] = entry.lines;
          const bank = entry.lines.find((side) => side.account === '512100')!;
          expect(bank.accountLabel).toBe('Banque BNP');
          expect(cents(bank.debit) - cents(bank.credit)).toBe(cents(line.amount));
          expect(cents(first!.debit) + cents(second!.debit)).toBe(cents(first!.credit) + cents(second!.credit));
          const counterpart = entry.lines.find((side) => side.account !== '512100')!;
          const isFee = /frais/i.test(line.label) && cents(line.amount) < 0;
          expect(counterpart.account).toBe(isFee ? '627000' : '471000');
          expect(entry.ruleId).toBe(isFee ? rule.body.id : null);
        }
        expect((await allLines()).every((line) => line.postedAt !== null || cents(line.amount) === 0)).toBe(true);

        const again = await api.post(`/api/v1/statements/${scene.statementId}/post`, {}).expect(200);
        expect(again.body).toEqual({ posted: 0, entryIds: [] });
        expect(await allEntries()).toHaveLength(entries.length);
      },
    );

    await step('should leave the posted entries as they were when a rule changes or goes', async () => {
      const before = await allEntries();
      const rules = (await t.api().get(`/api/v1/counterpart-rules?companyId=${scene.companyId}`).expect(200)).body
        .items;
      for (const rule of rules as { id: number }[]) {
        await t
          .api()
          .patch(`/api/v1/counterpart-rules/${rule.id}`, { account: '628000', accountLabel: 'Divers' })
          .expect(200);
      }
      expect(await allEntries()).toEqual(before);
      for (const rule of rules as { id: number }[]) {
        await request(t.app.getHttpServer())
          .delete(`/api/v1/counterpart-rules/${rule.id}`)
          .set('Authorization', `Bearer ${EDITOR_KEY}`)
          .expect(204);
      }
      expect(await allEntries()).toEqual(before);
    });

    await step('should refuse to change or delete an entry', async () => {
      const [entry] = await allEntries();
      for (const method of ['patch', 'put', 'delete'] as const) {
        const response = await request(t.app.getHttpServer())
          [method](`/api/v1/entries/${entry!.id}`)
          .set('Authorization', `Bearer ${EDITOR_KEY}`)
          .send({ label: 'x' });
        expect(response.status).toBe(409);
        expect(response.body.code).toBe('entry.immutable');
      }
      expect((await t.api().get(`/api/v1/entries/${entry!.id}`).expect(200)).body).toEqual(entry);
    });

    await step('should reverse and repost an accepted bank change, leaving the original entry as it was', async () => {
      const control = sandboxControl(sandbox.url, sandbox.controlToken);
      const lines = await allLines();
      const target = lines.find((line) => cents(line.amount) < 0)!;
      const deleted = lines.find((line) => cents(line.amount) !== 0 && line.id !== target.id)!;
      const before = await allEntries();
      const original = before.find((entry) => entry.statementLineId === target.id)!;

      await control.patch(`/transactions/${target.bridgeTransactionId}`, {
        amount: '-1234.55',
        label: 'PRLV SEPA REGUL',
      });
      await control.delete(`/transactions/${deleted.bridgeTransactionId}`);
      const sync = await scene.sync();
      expect(sync).toMatchObject({ status: 'synced', reviewRequired: 2 });

      const flagged = (await allLines()).find((line) => line.id === target.id)!;
      expect(flagged).toMatchObject({
        reviewRequired: true,
        amount: target.amount,
        bankChange: { deleted: false, amount: '-1234.55' },
      });
      const refusal = await t
        .api()
        .patch(`/api/v1/statements/${scene.statementId}`, { state: 'closed', forceClose: true, closeComment: 'x' });
      expect({ status: refusal.status, code: refusal.body.code }).toEqual({
        status: 409,
        code: 'statement.review_pending',
      });

      const accepted = await t
        .api()
        .post(`/api/v1/statements/${scene.statementId}/lines/${target.id}/accept-bank-change`, {});
      expect({ status: accepted.status, body: accepted.body }).toEqual({
        status: 200,
        body: { reversalEntryId: expect.any(Number), entryId: expect.any(Number) },
      });
      expect(accepted.body).toEqual({ reversalEntryId: expect.any(Number), entryId: expect.any(Number) });
      const removal = await t
        .api()
        .post(`/api/v1/statements/${scene.statementId}/lines/${deleted.id}/accept-bank-change`, {})
        .expect(200);
      expect(removal.body).toEqual({ reversalEntryId: expect.any(Number), entryId: null });

      const after = await allEntries();
      expect(after.find((entry) => entry.id === original.id)).toEqual(original);
      const reversal = after.find((entry) => entry.id === accepted.body.reversalEntryId)!;
      expect(reversal).toMatchObject({ kind: 'reversal', reversalOfId: original.id, pieceRef: original.pieceRef });
      expect(reversal.label).toContain(original.number);
      expect(reversal.lines).toEqual(
        original.lines.map((line) => ({ ...line, debit: line.credit, credit: line.debit })),
      );
      const repost = after.find((entry) => entry.id === accepted.body.entryId)!;
      expect(repost.lines.find((line) => line.account === '512000' || line.account === '512100')).toMatchObject({
        credit: '1234.55',
      });
      expect(after.map((entry) => entry.number)).toEqual(
        after.map((_entry, index) => `BQ1-2026-${String(index + 1).padStart(6, '0')}`),
      );

      // The statement's balance and the bank account's net movement in the entries stay equal.
      const statement = (await t.api().get(`/api/v1/statements/${scene.statementId}`).expect(200)).body;
      const net = after.flatMap((entry) => entry.lines).filter((line) => line.account === '512100');
      const netCents = net.reduce((sum, line) => sum + cents(line.debit) - cents(line.credit), 0);
      expect(netCents).toBe(cents(statement.balanceEnd) - cents(statement.balanceStart));

      const noChange = await t
        .api()
        .post(`/api/v1/statements/${scene.statementId}/lines/${target.id}/accept-bank-change`, {});
      expect({ status: noChange.status, code: noChange.body.code }).toEqual({
        status: 409,
        code: 'line.no_bank_change',
      });
    });

    await step(
      'should export the FEC of the year in validation order, the same bytes whatever the page size',
      async () => {
        await t.api().patch(`/api/v1/companies/${scene.companyId}`, { siren: '732829320' }).expect(200);
        const download = async () => {
          const response = await t
            .api()
            .get(`/api/v1/companies/${scene.companyId}/fec?fiscalYear=2026`)
            .buffer(true)
            .parse((res, callback) => {
              const chunks: Buffer[] = [];
              res.on('data', (chunk: Buffer) => chunks.push(chunk));
              res.on('end', () => callback(null, Buffer.concat(chunks)));
            })
            .expect(200);
          expect(response.headers['content-disposition']).toMatch(
            /^attachment; filename="?732829320FEC20261231\.txt"?$/,
          );
          return response.body as Buffer;
        };
        const whole = await download();
        expect(await download()).toEqual(whole);
        // Pages of 3 entries: the keyset that streams a large year gives the very same file.
        const exports = t.app.get(AccountingExportsService);
        const paged = await exports.fec(scene.companyId, 2026, 'iso-8859-15', AccessScope.editor(), 3);
        const chunks: Buffer[] = [];
        for await (const chunk of paged.body as AsyncIterable<Buffer>) chunks.push(chunk);
        expect(chunks.length).toBeGreaterThan(3);
        expect(Buffer.concat(chunks)).toEqual(whole);
        const parsed = parseFec(whole, 'iso-8859-15');
        expect(checkFec(parsed)).toEqual([]);
        const entries = await allEntries();
        expect(new Set(parsed.records.map((record) => record.zones.EcritureNum)).size).toBe(entries.length);
      },
    );

    await step(
      'should close only when every line is posted, and the balance only with forceClose and a comment',
      async () => {
        const statement = (await t.api().get(`/api/v1/statements/${scene.statementId}`).expect(200)).body;
        const refused = await t.api().patch(`/api/v1/statements/${scene.statementId}`, { state: 'closed' });
        if (statement.balanceEnd !== statement.bankBalance) {
          expect({ status: refused.status, code: refused.body.code }).toEqual({
            status: 409,
            code: 'statement.unbalanced',
          });
          expect(refused.body.message).toContain(statement.balanceEnd);
          expect(refused.body.message).toContain(statement.bankBalance);
          const forced = await t
            .api()
            .patch(`/api/v1/statements/${scene.statementId}`, {
              state: 'closed',
              forceClose: true,
              closeComment: 'Écart connu',
            })
            .expect(200);
          expect(forced.body).toMatchObject({ state: 'closed', forcedClose: true, closeComment: 'Écart connu' });
        } else {
          expect(refused.status).toBe(200);
        }
      },
    );
  });
});
