import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createBridgeSandbox } from '@telecollecte/bridge-sandbox';

import { checkFec, fecEntries, parseFec } from '../support/fec-parser.js';
import type { SandboxServer } from '../support/sandbox-control.js';
import { TEST_NOW } from '../support/test-clock.js';
import { synchroScene, type SynchroScene } from './utils/synchro-scene.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

// A statement of more lines than one posting chunk (500), across two fiscal years of a company closing on 06-30: each
// chunk reads on from where the previous one ended, and each fiscal year is looked up once per chunk. Every line gets
// its entry, in the fiscal year of its date, numbered 1..N per year in the numbering order (date, then line id). Each
// year's FEC, more than one page of 1,000 entries read on from the last, holds each entry once, in validation order.

// Some 2,700 lines to import and post: more than the default 5 s on a loaded 2-core machine.
jest.setTimeout(60_000);

interface Row {
  fiscalYear: number;
  number: number;
  date: string;
  statementLineId: number;
}

describe(`posting a statement of several chunks across two fiscal years (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let sandbox: SandboxServer;
  let scene: SynchroScene;
  // The one post of the statement, whichever test runs first (they run in a random order).
  let posting: Promise<{ posted: number }> | undefined;
  const postOnce = () =>
    (posting ??= t
      .api()
      .post(`/api/v1/statements/${scene.statementId}/post`)
      .expect(200)
      .then((answer) => answer.body as { posted: number }));

  beforeAll(async () => {
    t = await createTestApp({ BRIDGE_RETRY_BASE_MS: '5' });
    sandbox = await createBridgeSandbox({
      seed: 17,
      historyMonths: 8,
      transactionsPerMonth: 300,
      startTime: TEST_NOW,
      rateLimits: false,
    }).listen();
    scene = await synchroScene(t, sandbox, {
      version: '2025-01-15',
      email: 'chunks@cabinet.fr',
      bankAccount: { includeOlderLines: true },
    });
    await t
      .api()
      .patch(`/api/v1/companies/${scene.companyId}`, { fiscalYearEnd: '06-30', siren: '552032534' })
      .expect(200);
    await scene.connectAtBridge();
    expect((await scene.sync()).status).toBe('synced');
  });

  afterAll(async () => {
    await sandbox?.close();
    await t?.close();
  });

  it('should give every line one entry of its fiscal year, numbered 1..N per year in date order', async () => {
    const [{ n: toPost }] = await t.dataSource.query<[{ n: number | string }]>(
      'SELECT COUNT(*) AS n FROM statement_line WHERE statementId = ? AND amount <> 0 AND reviewRequired = 0 AND bankDeleted = 0',
      [scene.statementId],
    );
    expect(Number(toPost)).toBeGreaterThan(1000);

    expect((await postOnce()).posted).toBe(Number(toPost));

    const rows = (
      await t.dataSource.query<Record<string, unknown>[]>(
        'SELECT fiscalYear, number, date, statementLineId FROM journal_entry WHERE statementId = ? ORDER BY fiscalYear, number',
        [scene.statementId],
      )
    ).map((row): Row => ({
      fiscalYear: Number(row.fiscalYear),
      number: Number(row.number),
      date: row.date instanceof Date ? row.date.toISOString().slice(0, 10) : String(row.date).slice(0, 10),
      statementLineId: Number(row.statementLineId),
    }));
    expect(rows).toHaveLength(Number(toPost));
    expect(new Set(rows.map((row) => row.statementLineId)).size).toBe(rows.length);
    // History from March to November 2026: fiscal years 2026 (to 2026-06-30) and 2027 (from 2026-07-01).
    for (const row of rows)
      expect([row.date, row.fiscalYear]).toEqual([row.date, row.date <= '2026-06-30' ? 2026 : 2027]);
    for (const year of [2026, 2027]) {
      const ofYear = rows.filter((row) => row.fiscalYear === year);
      expect(ofYear.length).toBeGreaterThan(500);
      expect(ofYear.map((row) => row.number)).toEqual(ofYear.map((_row, index) => index + 1));
      const numberingOrder = [...ofYear].sort(
        (a, b) => a.date.localeCompare(b.date) || a.statementLineId - b.statementLineId,
      );
      expect(numberingOrder).toEqual(ofYear);
    }
    expect((await t.api().post(`/api/v1/statements/${scene.statementId}/post`).expect(200)).body.posted).toBe(0);
  });

  it('should export each year in a FEC of several pages, each entry once, in validation order', async () => {
    await postOnce();
    for (const year of [2026, 2027]) {
      const entries = await t.dataSource.query<Record<string, unknown>[]>(
        'SELECT ecritureNum FROM journal_entry WHERE companyId = ? AND fiscalYear = ? ORDER BY validatedAt, journalCode, number',
        [scene.companyId, year],
      );
      expect(entries.length).toBeGreaterThan(1000);
      const answer = await t
        .api()
        .get(`/api/v1/companies/${scene.companyId}/fec?fiscalYear=${year}&encoding=utf-8`)
        .buffer(true)
        .parse((response, callback) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => callback(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const fec = parseFec(answer.body as Buffer, 'utf-8');
      expect(checkFec(fec)).toEqual([]);
      expect(fec.records).toHaveLength(2 * entries.length);
      expect([...fecEntries(fec).keys()]).toEqual(entries.map((entry) => String(entry.ecritureNum)));
    }
  });
});
