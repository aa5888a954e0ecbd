import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createBridgeSandbox, type BridgeSandboxOptions } from '@telecollecte/bridge-sandbox';

import { addMoney } from '../../src/common/money/money.js';
import type { StatementLineResponse } from '../../src/statements/dto/statement.dto.js';
import { takeLineSeq } from '../../src/statements/line-changes.js';
import { StatementLine } from '../../src/statements/statement-line.entity.js';
import { sandboxControl, type SandboxServer } from '../support/sandbox-control.js';
import { TEST_NOW } from '../support/test-clock.js';
import { expectTotalsKept } from './utils/statement-totals.js';
import { synchroScene, type SynchroScene } from './utils/synchro-scene.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

// docs/rules.md#changes-feed: GET /api/v1/statements/:id/lines?changedSince=<cursor>, end to end against
// the local Bridge sandbox. Every test has a sandbox of its own (the bank changes lines a minute later).

const SANDBOX: BridgeSandboxOptions = { seed: 3, historyMonths: 2, startTime: TEST_NOW, rateLimits: false };

interface Change {
  change: 'created' | 'updated' | 'removed';
  id: number;
  line: StatementLineResponse | null;
}

describe(`The changes feed of the lines (${TEST_ENGINE})`, () => {
  let t: TestApp;
  const sandboxes: SandboxServer[] = [];

  beforeAll(async () => {
    t = await createTestApp({ BRIDGE_RETRY_BASE_MS: '5', PUBLIC_URL: 'http://127.0.0.1:9' });
  });

  afterEach(async () => {
    for (const server of sandboxes.splice(0)) await server.close();
  });

  afterEach(async () => {
    await expectTotalsKept(t.dataSource);
  });

  afterAll(async () => {
    await t?.close();
  });

  async function importedScene(email: string): Promise<{ scene: SynchroScene; bank: SandboxServer }> {
    const bank = await createBridgeSandbox(SANDBOX).listen();
    sandboxes.push(bank);
    const scene = await synchroScene(t, bank, {
      version: '2025-01-15',
      email,
      bankAccount: {},
      statement: { dateStart: '2026-11-01', dateEnd: null },
    });
    await scene.connect();
    expect(await scene.sync()).toMatchObject({ status: 'synced' });
    return { scene, bank };
  }

  async function linesOf(statementId: number): Promise<StatementLineResponse[]> {
    const page = await t.api().get(`/api/v1/statements/${statementId}/lines?limit=500`).expect(200);
    expect(page.body.total).toBeLessThanOrEqual(500);
    return page.body.items as StatementLineResponse[];
  }

  /** Every change after `cursor`, page after page; answers them and the last cursor. */
  async function feed(statementId: number, cursor: string, limit = 500) {
    const items: Change[] = [];
    for (let pages = 0; pages < 100; pages++) {
      const page = await t
        .api()
        .get(`/api/v1/statements/${statementId}/lines?changedSince=${cursor}&limit=${limit}`)
        .expect(200);
      expect(Object.keys(page.body).sort()).toEqual(['hasMore', 'items', 'nextCursor']);
      expect(page.body.items.length).toBeLessThanOrEqual(limit);
      items.push(...(page.body.items as Change[]));
      cursor = page.body.nextCursor as string;
      if (!page.body.hasMore) return { items, cursor };
      expect(page.body.items).toHaveLength(limit);
    }
    throw new Error('the feed never ended');
  }

  const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;

  it('should give created, then updated and removed by the bank, then the review flag, after the cursor', async () => {
    const { scene, bank } = await importedScene('feed-changes@cabinet.fr');
    const lines = await linesOf(scene.statementId);
    expect(lines.length).toBeGreaterThan(3);

    const start = await feed(scene.statementId, '0');
    expect(start.items.map((item) => item.change)).toEqual(lines.map(() => 'created'));
    expect([...start.items].sort(byId)).toEqual(
      [...lines].sort(byId).map((line) => ({ change: 'created', id: line.id, line })),
    );
    // Nothing changed since: an empty page and the same cursor.
    const idle = await t.api().get(`/api/v1/statements/${scene.statementId}/lines?changedSince=${start.cursor}`);
    expect(idle.status).toBe(200);
    expect(idle.body).toEqual({ items: [], nextCursor: start.cursor, hasMore: false });

    // The bank changes the URSSAF amount and deletes the account fee, before posting.
    const urssaf = lines.find((line) => line.label === 'PRLV SEPA URSSAF')!;
    const fee = lines.find((line) => line.label === 'FRAIS TENUE DE COMPTE')!;
    expect([urssaf, fee].every(Boolean)).toBe(true);
    const control = sandboxControl(bank.url, bank.controlToken);
    await control.post('/clock/advance', { seconds: 60 });
    const amount = addMoney(urssaf.amount, '-10.00');
    await control.patch(`/transactions/${urssaf.bridgeTransactionId}`, { amount });
    await control.delete(`/transactions/${fee.bridgeTransactionId}`);
    expect(await scene.sync()).toMatchObject({ status: 'synced', updated: 1, removed: 1 });
    const afterBank = await linesOf(scene.statementId);
    const changed = await feed(scene.statementId, start.cursor);
    expect([...changed.items].sort(byId)).toEqual(
      [
        { change: 'updated', id: urssaf.id, line: afterBank.find((line) => line.id === urssaf.id)! },
        { change: 'removed', id: fee.id, line: null },
      ].sort(byId),
    );
    expect(changed.items.find((item) => item.id === urssaf.id)!.line!.amount).toBe(amount);
    expect(afterBank.some((line) => line.id === fee.id)).toBe(false);

    // Posting marks the lines posted: each is updated once, with its postedAt.
    await t.api().post(`/api/v1/statements/${scene.statementId}/post`, {}).expect(200);
    const posted = await linesOf(scene.statementId);
    const postings = await feed(scene.statementId, changed.cursor);
    const postedNow = posted.filter((line) => line.postedAt !== null);
    expect(postedNow.length).toBeGreaterThan(0);
    expect([...postings.items].sort(byId)).toEqual(
      postedNow.sort(byId).map((line) => ({ change: 'updated', id: line.id, line })),
    );

    // The bank changes a posted line: it stays as posted and is flagged for review, which the feed gives.
    await control.post('/clock/advance', { seconds: 60 });
    await control.patch(`/transactions/${urssaf.bridgeTransactionId}`, { amount: addMoney(amount, '-1.00') });
    expect(await scene.sync()).toMatchObject({ status: 'synced', reviewRequired: 1 });
    const flagged = await feed(scene.statementId, postings.cursor);
    expect(flagged.items).toEqual([
      {
        change: 'updated',
        id: urssaf.id,
        line: expect.objectContaining({ id: urssaf.id, amount, reviewRequired: true }),
      },
    ]);
    expect(flagged.items[0]?.line).toEqual((await linesOf(scene.statementId)).find((line) => line.id === urssaf.id));

    // From the beginning, a removed line is removed and the others created (in their latest state).
    const all = await feed(scene.statementId, '0');
    const now = await linesOf(scene.statementId);
    expect([...all.items].sort(byId)).toEqual(
      [
        ...now.map((line) => ({ change: 'created' as const, id: line.id, line })),
        { change: 'removed' as const, id: fee.id, line: null },
      ].sort(byId),
    );
  });

  it('should page the feed by nextCursor, in order, without a gap or a repeat', async () => {
    const { scene } = await importedScene('feed-pages@cabinet.fr');
    const whole = await feed(scene.statementId, '0');
    expect(whole.items.length).toBeGreaterThan(4);
    const paged = await feed(scene.statementId, '0', 2);
    expect(paged.items).toEqual(whole.items);
    expect(paged.cursor).toBe(whole.cursor);
    const first = await t.api().get(`/api/v1/statements/${scene.statementId}/lines?changedSince=0&limit=2`).expect(200);
    expect(first.body).toMatchObject({ items: whole.items.slice(0, 2), hasMore: true });
    // Without changedSince, the list answers as it always did.
    const list = await t.api().get(`/api/v1/statements/${scene.statementId}/lines?limit=2`).expect(200);
    expect(list.body).toMatchObject({ total: whole.items.length, limit: 2, offset: 0 });
    expect(list.body.items).toHaveLength(2);
  });

  it('should miss no change while writers take their numbers and commit in another order', async () => {
    const { scene } = await importedScene('feed-writers@cabinet.fr');
    const lines = (await linesOf(scene.statementId)).slice(0, 12);
    expect(lines.length).toBe(12);
    let { cursor } = await feed(scene.statementId, '0');
    const seen = new Map<number, string>();
    // Writers as the product's: a number of the sequence, then the line written, then a commit after a pause of
    // their own, so that a later number could commit first if the sequence did not hold them in order. SQLite has
    // one connection and one writer at a time: its writers pause before their transaction instead.
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const write = async (line: StatementLineResponse, round: number, pauseMs: number) => {
      if (TEST_ENGINE === 'sqlite') await pause(pauseMs);
      await t.dataSource.transaction(async (manager) => {
        const changeSeq = await takeLineSeq(manager);
        if (TEST_ENGINE !== 'sqlite') await pause(pauseMs);
        await manager.getRepository(StatementLine).update(line.id, { label: `${line.label} (${round})`, changeSeq });
      });
    };
    let writing = true;
    const reader = (async () => {
      while (writing) {
        const page = await feed(scene.statementId, cursor);
        for (const change of page.items) if (change.line) seen.set(change.id, change.line.label);
        cursor = page.cursor;
      }
    })();
    for (let round = 1; round <= 3; round++) {
      await Promise.all(lines.map((line, index) => write(line, round, ((index * 7 + round * 5) % 12) * 4)));
    }
    writing = false;
    await reader;
    for (const change of (await feed(scene.statementId, cursor)).items) {
      if (change.line) seen.set(change.id, change.line.label);
    }
    const stored = await linesOf(scene.statementId);
    for (const line of lines) {
      expect({ id: line.id, label: seen.get(line.id) }).toEqual({
        id: line.id,
        label: stored.find((candidate) => candidate.id === line.id)!.label,
      });
      expect(seen.get(line.id)).toBe(`${line.label} (3)`);
    }
  });

  it('should refuse a cursor it did not give with 400 cursor.invalid naming changedSince', async () => {
    const { scene } = await importedScene('feed-bad-cursor@cabinet.fr');
    const { cursor } = await feed(scene.statementId, '0');
    const forged = Buffer.from('seq:00012:1', 'utf8').toString('base64url');
    for (const bad of ['abc', '-1', '1', 'seq:1:1', forged, `${cursor}x`, '', 'x'.repeat(200)]) {
      const response = await t
        .api()
        .get(`/api/v1/statements/${scene.statementId}/lines?changedSince=${encodeURIComponent(bad)}`);
      expect({ bad, status: response.status, code: response.body.code }).toEqual({
        bad,
        status: 400,
        code: bad === '' || bad.length > 100 ? 'validation.failed' : 'cursor.invalid',
      });
      expect(response.body.message).toEqual(expect.stringMatching(/^changedSince/));
    }
  });

  it("should refuse the cursor of another statement's feed", async () => {
    const first = await importedScene('feed-cursor-a@cabinet.fr');
    const second = await importedScene('feed-cursor-b@cabinet.fr');
    const { cursor } = await feed(first.scene.statementId, '0');
    expect(cursor).not.toBe('0');
    const response = await t
      .api()
      .get(`/api/v1/statements/${second.scene.statementId}/lines?changedSince=${encodeURIComponent(cursor)}`);
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 400, code: 'cursor.invalid' });
  });

  it('should answer 404 to a key of another company', async () => {
    const { scene } = await importedScene('feed-scope@cabinet.fr');
    const other = await t.api().post('/api/v1/companies', { name: 'Autre cabinet', subscriptionActive: true });
    expect(other.status).toBe(201);
    const ownKey = await t
      .api()
      .post('/api/v1/api-keys', { name: 'ERP', companyIds: [scene.companyId] })
      .expect(201);
    const otherKey = await t
      .api()
      .post('/api/v1/api-keys', { name: 'ERP', companyIds: [other.body.id] })
      .expect(201);
    const path = `/api/v1/statements/${scene.statementId}/lines?changedSince=0`;
    await t.api(ownKey.body.key).get(path).expect(200);
    const refused = await t.api(otherKey.body.key).get(path).expect(404);
    expect(refused.body.code).toBe('statement.not_found');
    // The scope is checked before the cursor: a bad cursor of another company's statement is a 404 too.
    await t.api(otherKey.body.key).get(`/api/v1/statements/${scene.statementId}/lines?changedSince=abc`).expect(404);
  });
});
