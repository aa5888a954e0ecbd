import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createBridgeSandbox, type BridgeSandboxOptions } from '@telecollecte/bridge-sandbox';

import { sandboxControl, type SandboxServer } from '../support/sandbox-control.js';
import { TEST_NOW } from '../support/test-clock.js';
import { synchroScene, type SynchroScene } from './utils/synchro-scene.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

// docs/rules.md#the-mirror-and-its-cursor: a Synchro reads what changed at Bridge, not the history again. The
// sandbox stamps a whole generated history at one instant, as Bridge does for a new connection: a cursor overlap
// bounded in time alone would re-read all of it on every Synchro.
const SANDBOX: BridgeSandboxOptions = {
  seed: 11,
  historyMonths: 12,
  transactionsPerMonth: 80,
  startTime: TEST_NOW,
  rateLimits: false,
};

interface Listing {
  path: string;
  rowCount: number | null;
}

describe.each(['2025-01-15', '2021-06-01'] as const)(
  `what a Synchro reads at Bridge, %s (${TEST_ENGINE})`,
  (version) => {
    let t: TestApp;
    let bank: SandboxServer;
    let scene: SynchroScene;

    beforeAll(async () => {
      t = await createTestApp({ BRIDGE_RETRY_BASE_MS: '5', PUBLIC_URL: 'http://127.0.0.1:9' });
      bank = await createBridgeSandbox(SANDBOX).listen();
      scene = await synchroScene(t, bank, {
        version,
        email: `cost-${version}@cabinet.fr`,
        bankAccount: {},
        statement: { dateStart: '2025-11-01', dateEnd: null },
      });
      await scene.connect();
    }, 60_000);

    afterAll(async () => {
      await bank?.close();
      await t?.close();
    });

    /** The transaction listings the product asked Bridge for since the API log's row `afterId`. */
    async function listingsAfter(afterId: number): Promise<Listing[]> {
      const rows: { path: string; rowCount: number | null }[] = await t.dataSource.query(
        'SELECT path, rowCount FROM api_log WHERE bridgeConfigId = ? AND id > ? AND status = 200 ORDER BY id',
        [scene.configId, afterId],
      );
      return rows
        .filter((row) => row.path.includes('/transactions'))
        .map((row) => ({ path: row.path, rowCount: row.rowCount === null ? null : Number(row.rowCount) }));
    }

    async function lastLogId(): Promise<number> {
      const [row] = await t.dataSource.query<{ id: number | null }[]>('SELECT MAX(id) AS id FROM api_log');
      return Number(row?.id ?? 0);
    }

    it('should list the whole history once, then read one listing and nothing else when nothing changed', async () => {
      const history = (await t.api().get(`/api/v1/statements/${scene.statementId}/lines?limit=1`).expect(200)).body
        .total as number;
      expect(history).toBeGreaterThan(600); // more than one page stamped at one instant

      const before = await lastLogId();
      expect(await scene.sync()).toMatchObject({ status: 'synced', imported: 0, updated: 0, removed: 0 });
      const listings = await listingsAfter(before);
      expect(listings).toHaveLength(1); // one Bridge account feeds the journal, one page
      expect(listings[0]!.rowCount).toBe(0);
    });

    it('should read only the change the bank made, and follow it', async () => {
      const control = sandboxControl(bank.url, bank.controlToken);
      const [line] = (await t.api().get(`/api/v1/statements/${scene.statementId}/lines?limit=1`).expect(200)).body
        .items as { bridgeTransactionId: number }[];
      await control.patch(`/transactions/${line!.bridgeTransactionId}`, { label: 'VIR SEPA LOYER CORRIGE' });
      await control.post(`/accounts/${scene.checking.id}/transactions`, {
        amount: -42.5,
        date: TEST_NOW.toISOString().slice(0, 10),
        label: 'CB BOULANGERIE',
      });

      const before = await lastLogId();
      expect(await scene.sync()).toMatchObject({ status: 'synced', imported: 1, updated: 1 });
      const listings = await listingsAfter(before);
      expect(listings).toHaveLength(1);
      expect(listings[0]!.rowCount).toBe(2);
    });

    /**
     * Mirrored rows whose "left out by filing" marker disagrees with the lines, or that filing has not examined (after
     * the journal's filing cursor): none once a Synchro has finished, whatever it did.
     */
    async function markerMismatches(): Promise<number> {
      const [row] = await t.dataSource.query<{ count: number | string }[]>(
        `SELECT COUNT(*) AS count FROM bank_transaction tx
         WHERE tx.bankAccountId = ?
           AND (tx.unfiled <> (NOT EXISTS (SELECT 1 FROM statement_line line WHERE line.bankTransactionId = tx.id))
             OR tx.id > COALESCE((SELECT examinedThroughId FROM mirror_filing_cursor c WHERE c.bankAccountId = tx.bankAccountId), 0))`,
        [scene.bankAccountId],
      );
      return Number(row!.count);
    }

    it('should keep the "not yet filed" marker with the lines when the bank takes a line back and gives it again', async () => {
      const control = sandboxControl(bank.url, bank.controlToken);
      const lines = () => t.api().get(`/api/v1/statements/${scene.statementId}/lines?limit=1`).expect(200);
      const [line] = (await lines()).body.items as { bridgeTransactionId: number }[];
      const total = (await lines()).body.total as number;
      const unfiledRows = async () => {
        const [row] = await t.dataSource.query<{ count: number | string }[]>(
          'SELECT COUNT(*) AS count FROM bank_transaction WHERE bankAccountId = ? AND unfiled = 1',
          [scene.bankAccountId],
        );
        return Number(row!.count);
      };
      const unfiled = await unfiledRows();
      expect(await markerMismatches()).toBe(0);

      await control.patch(`/transactions/${line!.bridgeTransactionId}`, { future: true });
      expect(await scene.sync()).toMatchObject({ status: 'synced', removed: 1 });
      expect((await lines()).body.total).toBe(total - 1);
      expect(await markerMismatches()).toBe(0);
      expect(await unfiledRows()).toBe(unfiled + 1);

      await control.patch(`/transactions/${line!.bridgeTransactionId}`, { future: false });
      expect(await scene.sync()).toMatchObject({ status: 'synced', imported: 1 });
      expect((await lines()).body.total).toBe(total);
      expect(await markerMismatches()).toBe(0);
    });
  },
);
