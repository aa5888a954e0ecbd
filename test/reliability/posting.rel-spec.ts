import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createBridgeSandbox, driveConnectFunnel, type BridgeSandboxOptions } from '@telecollecte/bridge-sandbox';

import type { ServiceProcess } from '../support/processes.js';
import { sandboxControl, type SandboxServer } from '../support/sandbox-control.js';
import { TEST_NOW } from '../support/test-clock.js';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-database.js';
import { apiOf, queryDatabase, startInstance, waitUntil, type Answer, type Api } from './utils/service-scene.js';

// Posting under failure (docs/rules.md#posting): many posts of one statement at once, two instances posting one
// company's journals at once, and an instance killed in the middle of a large statement. Whatever happens, each line
// has one entry, each entry its two lines, and each journal's numbers run 1..N without a gap, in posting order.

jest.setTimeout(600_000);

const describeOnMariaDb = TEST_ENGINE === 'mysql' ? describe : describe.skip;
// Posting chunks: the service posts 500 lines per transaction (src/accounting/posting.service.ts).
const CHUNK = 500;

interface Journal {
  companyId: number;
  bankAccountId: number;
  journalCode: string;
  userId: number;
}

function expectStatus(answer: Answer, status: number, what: string): Answer {
  if (answer.status !== status) throw new Error(`${what} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer;
}

/** A company with its Bridge configuration, created through the REST API. */
async function company(api: Api, sandbox: SandboxServer, name: string): Promise<number> {
  const created = expectStatus(await api.post('/api/v1/companies', { name, subscriptionActive: true }), 201, 'company');
  const companyId = created.body.id as number;
  expectStatus(
    await api.post('/api/v1/bridge-configs', {
      companyIds: [companyId],
      name: 'Sandbox',
      url: sandbox.url,
      version: '2025-01-15',
      clientId: 'sandbox-client-id',
      clientSecret: 'sandbox-client-secret',
    }),
    201,
    'Bridge configuration',
  );
  return companyId;
}

/** A journal of the company on the checking account of its own Bridge user, connected through the funnel. */
async function journal(
  api: Api,
  sandbox: SandboxServer,
  companyId: number,
  journalCode: string,
  email: string,
): Promise<Journal> {
  const user = expectStatus(
    await api.post('/api/v1/users', {
      companyId,
      name: 'Claire Dupont',
      login: `u${companyId}-${journalCode}`,
      email,
    }),
    201,
    'user',
  );
  const preview = await sandboxControl(sandbox.url, sandbox.controlToken).post<{
    accounts: { type: string; iban: string | null }[];
  }>('/preview-accounts', { userKey: email, providerId: 574 });
  const bankAccount = expectStatus(
    await api.post('/api/v1/bank-accounts', {
      companyId,
      journalCode,
      journalName: `Banque ${journalCode}`,
      iban: preview.accounts.find((account) => account.type === 'checking')!.iban,
      includeOlderLines: true,
    }),
    201,
    'bank account',
  );
  return { companyId, bankAccountId: bankAccount.body.id as number, journalCode, userId: user.body.id as number };
}

async function statement(api: Api, of: Journal, dateStart: string, dateEnd?: string): Promise<number> {
  const created = expectStatus(
    await api.post('/api/v1/statements', { bankAccountId: of.bankAccountId, dateStart, dateEnd }),
    201,
    'statement',
  );
  return created.body.id as number;
}

/** The Synchro of a statement, through the funnel the first time the journal's user asks for it. */
async function sync(api: Api, of: Journal, statementId: number): Promise<number> {
  let answer = expectStatus(
    await api.post(`/api/v1/statements/${statementId}/sync`, { userId: of.userId }),
    200,
    'Synchro',
  );
  if (answer.body.status === 'connect_required') {
    // Connected at Bridge without coming back through the callback (which would run the Synchro itself): the next
    // Synchro imports the whole statement and says how many lines it brought.
    const funnel = await driveConnectFunnel(answer.body.connectUrl as string, { providerId: 574 });
    expect(funnel.location).toMatch(/\/bridge\/callback\?/);
    answer = expectStatus(
      await api.post(`/api/v1/statements/${statementId}/sync`, { userId: of.userId }),
      200,
      'Synchro',
    );
  }
  expect(answer.body.status).toBe('synced');
  return answer.body.imported as number;
}

/** A post is done (200), or met the lock held too long by another one (409 sync.busy). */
function expectPostedOrBusy(answer: Answer): void {
  expect([200, 409]).toContain(answer.status);
  if (answer.status === 409) expect(answer.body.code).toBe('sync.busy');
}

const posted = (answer: Answer) => (answer.status === 200 ? (answer.body.posted as number) : 0);

/** Posts again until nothing is left (a 409 sync.busy only means another post held the lock too long). */
async function postUntilDone(api: Api, statementId: number): Promise<number> {
  let total = 0;
  for (let attempt = 0; attempt < 20; attempt++) {
    const answer = await api.post(`/api/v1/statements/${statementId}/post`);
    expectPostedOrBusy(answer);
    if (answer.status === 200 && answer.body.posted === 0) return total;
    total += posted(answer);
  }
  throw new Error(`statement ${statementId} still had lines to post after 20 posts`);
}

/**
 * What the database holds for the statements, checked the same way after every scene: every line to post has exactly
 * one entry of its current revision, every entry has its two lines and balances, no line is marked posted without an
 * entry (zero lines take none), and each journal's numbers of each fiscal year run 1..N in posting order.
 */
async function expectLedgerSound(database: TestDatabase, statementIds: number[], companyId: number): Promise<void> {
  const ids = statementIds.join(',');
  const lines = await queryDatabase(
    database,
    `SELECT l.id, l.amount, l.postedAt, l.revision, (SELECT COUNT(*) FROM journal_entry e WHERE e.statementLineId = l.id) AS entries
       FROM statement_line l WHERE l.statementId IN (${ids}) AND l.bankDeleted = 0 AND l.reviewRequired = 0`,
  );
  expect(lines.length).toBeGreaterThan(0);
  // A zero line takes no entry (and is never posted); any other has its one entry and its mark.
  const wrong = lines.filter((line) =>
    Number(line.amount) === 0 ? Number(line.entries) !== 0 : line.postedAt === null || Number(line.entries) !== 1,
  );
  expect(wrong).toEqual([]);

  const duplicates = await queryDatabase(
    database,
    `SELECT postingKey, COUNT(*) AS n FROM journal_entry WHERE statementId IN (${ids}) GROUP BY postingKey HAVING COUNT(*) > 1`,
  );
  expect(duplicates).toEqual([]);
  const keys = await queryDatabase(
    database,
    `SELECT e.postingKey, l.id, l.revision FROM journal_entry e JOIN statement_line l ON l.id = e.statementLineId
      WHERE e.statementId IN (${ids})`,
  );
  expect(keys.filter((row) => row.postingKey !== `line:${String(row.id)}:${String(row.revision)}`)).toEqual([]);

  const unbalanced = await queryDatabase(
    database,
    `SELECT e.id, COUNT(x.id) AS n, SUM(x.debit) AS debit, SUM(x.credit) AS credit
       FROM journal_entry e LEFT JOIN journal_entry_line x ON x.entryId = e.id
      WHERE e.statementId IN (${ids}) GROUP BY e.id HAVING COUNT(x.id) <> 2 OR SUM(x.debit) <> SUM(x.credit)`,
  );
  expect(unbalanced).toEqual([]);

  // Gapless and in posting order, per journal and fiscal year of the company.
  const entries = await queryDatabase(
    database,
    'SELECT id, journalCode, fiscalYear, number, ecritureNum FROM journal_entry WHERE companyId = ? ORDER BY journalCode, fiscalYear, number',
    [companyId],
  );
  const series = new Map<string, { id: number; number: number }[]>();
  for (const entry of entries) {
    const key = `${String(entry.journalCode)}-${Number(entry.fiscalYear)}`;
    series.set(key, [...(series.get(key) ?? []), { id: Number(entry.id), number: Number(entry.number) }]);
  }
  for (const [key, numbers] of series) {
    expect({ key, numbers: numbers.map((entry) => entry.number) }).toEqual({
      key,
      numbers: numbers.map((_entry, index) => index + 1),
    });
    // Numbers are taken in posting order, and ids grow with the inserts: both orders agree.
    const byId = [...numbers].sort((x, y) => x.id - y.id).map((entry) => entry.number);
    expect({ key, byId }).toEqual({ key, byId: numbers.map((entry) => entry.number) });
  }
}

async function entryCount(database: TestDatabase, statementId: number): Promise<number> {
  const rows = await queryDatabase(database, 'SELECT COUNT(*) AS n FROM journal_entry WHERE statementId = ?', [
    statementId,
  ]);
  return Number(rows[0]!.n);
}

async function linesToPost(database: TestDatabase, statementId: number): Promise<number> {
  const rows = await queryDatabase(
    database,
    'SELECT COUNT(*) AS n FROM statement_line WHERE statementId = ? AND bankDeleted = 0 AND reviewRequired = 0 AND amount <> 0',
    [statementId],
  );
  return Number(rows[0]!.n);
}

describe(`posting under failure (${TEST_ENGINE})`, () => {
  const SANDBOX: BridgeSandboxOptions = {
    seed: 61,
    historyMonths: 8,
    transactionsPerMonth: 40,
    startTime: TEST_NOW,
    rateLimits: false,
  };
  let database: TestDatabase;
  let service: ServiceProcess;
  let api: Api;
  let sandbox: SandboxServer;

  beforeAll(async () => {
    database = await createTestDatabase();
    service = await startInstance(database, { BRIDGE_RETRY_BASE_MS: '5' });
    api = apiOf(service.url);
    sandbox = await createBridgeSandbox(SANDBOX).listen();
  });

  afterAll(async () => {
    await service?.stop();
    await sandbox?.close();
    await database?.drop();
  });

  it('should post each line of a statement once under 10 posts at once, numbered 1..N', async () => {
    const companyId = await company(api, sandbox, 'Dix à la fois');
    const bq1 = await journal(api, sandbox, companyId, 'BQ1', 'ten-posts@cabinet.fr');
    const statementId = await statement(api, bq1, '2026-11-01');
    expect(await sync(api, bq1, statementId)).toBeGreaterThan(300);
    const toPost = await linesToPost(database, statementId);

    const answers = await Promise.all(
      Array.from({ length: 10 }, () => api.post(`/api/v1/statements/${statementId}/post`)),
    );
    answers.forEach(expectPostedOrBusy);
    // One post did the work (the others waited for the lock, then found nothing left), or posts met the lock held
    // too long: the next post finishes.
    const later = answers.some((answer) => answer.status === 409) ? await postUntilDone(api, statementId) : 0;
    expect(answers.reduce((sum, answer) => sum + posted(answer), 0) + later).toBe(toPost);
    const ids = answers.flatMap((answer) => (answer.status === 200 ? (answer.body.entryIds as number[]) : []));
    expect(new Set(ids).size).toBe(ids.length);
    expect(await entryCount(database, statementId)).toBe(toPost);
    await expectLedgerSound(database, [statementId], companyId);
    expect(posted(await api.post(`/api/v1/statements/${statementId}/post`))).toBe(0);
  });

  it('should post a large statement once and gapless across a kill -9 in the middle, then a restart', async () => {
    // A year of a busy account: thousands of lines, so the post runs through many transactions of 500.
    const big = await createBridgeSandbox({
      ...SANDBOX,
      seed: 62,
      historyMonths: 11,
      transactionsPerMonth: 700,
    }).listen();
    try {
      const companyId = await company(api, big, 'Coupure en cours');
      const bq1 = await journal(api, big, companyId, 'BQ1', 'kill-posting@cabinet.fr');
      const statementId = await statement(api, bq1, '2026-11-01');
      expect(await sync(api, bq1, statementId)).toBeGreaterThan(6000);
      const toPost = await linesToPost(database, statementId);

      const interrupted = api.post(`/api/v1/statements/${statementId}/post`).catch((error: Error) => error);
      // Killed once the first transactions have committed, well before the last one.
      await waitUntil(async () => (await entryCount(database, statementId)) >= CHUNK, 120_000);
      await service.kill9();
      // The client lost its connection: no answer.
      expect('status' in (await interrupted)).toBe(false);
      const before = await entryCount(database, statementId);
      expect(before).toBeGreaterThanOrEqual(CHUNK);
      expect(before).toBeLessThan(toPost);
      // Whole transactions only: the entries committed so far have their lines and their statement lines' marks.
      const marked = await queryDatabase(
        database,
        'SELECT COUNT(*) AS n FROM statement_line l WHERE l.statementId = ? AND l.postedAt IS NOT NULL AND l.amount <> 0',
        [statementId],
      );
      expect(Number(marked[0]!.n)).toBe(before);
      const orphans = await queryDatabase(
        database,
        `SELECT e.id FROM journal_entry e WHERE e.statementId = ?
            AND (SELECT COUNT(*) FROM journal_entry_line x WHERE x.entryId = e.id) <> 2`,
        [statementId],
      );
      expect(orphans).toEqual([]);

      service = await startInstance(database, { BRIDGE_RETRY_BASE_MS: '5' });
      api = apiOf(service.url);
      const resumed = expectStatus(await api.post(`/api/v1/statements/${statementId}/post`), 200, 'post');
      expect(resumed.body.posted).toBe(toPost - before);
      expect(await entryCount(database, statementId)).toBe(toPost);
      await expectLedgerSound(database, [statementId], companyId);
    } finally {
      await big.close();
    }
  });

  describeOnMariaDb('two instances on one MariaDB database', () => {
    let other: ServiceProcess;
    let b: Api;

    beforeAll(async () => {
      other = await startInstance(database, { BRIDGE_RETRY_BASE_MS: '5' });
      b = apiOf(other.url);
    });

    afterAll(async () => {
      await other?.stop();
    });

    it('should post one statement from both, another of the same journal and a third journal at once, gapless', async () => {
      const busy = await createBridgeSandbox({
        ...SANDBOX,
        seed: 63,
        historyMonths: 8,
        transactionsPerMonth: 300,
      }).listen();
      try {
        const companyId = await company(api, busy, 'Deux instances');
        const bq1 = await journal(api, busy, companyId, 'BQ1', 'two-bq1@cabinet.fr');
        const bq2 = await journal(api, busy, companyId, 'BQ2', 'two-bq2@cabinet.fr');
        // Two statements of BQ1 (up to October, then November on), one of BQ2.
        const october = await statement(api, bq1, '2026-10-01', '2026-10-31');
        const november = await statement(api, bq1, '2026-11-01');
        const third = await statement(api, bq2, '2026-11-01');
        expect(await sync(api, bq1, october)).toBeGreaterThan(1000);
        expect(await sync(b, bq1, november)).toBeGreaterThan(100);
        expect(await sync(b, bq2, third)).toBeGreaterThan(1000);
        const toPost = {
          october: await linesToPost(database, october),
          november: await linesToPost(database, november),
          third: await linesToPost(database, third),
        };

        const answers = await Promise.all([
          api.post(`/api/v1/statements/${october}/post`),
          b.post(`/api/v1/statements/${october}/post`),
          b.post(`/api/v1/statements/${november}/post`),
          api.post(`/api/v1/statements/${november}/post`),
          api.post(`/api/v1/statements/${third}/post`),
          b.post(`/api/v1/statements/${third}/post`),
        ]);
        answers.forEach(expectPostedOrBusy);
        const done = {
          october: posted(answers[0]) + posted(answers[1]) + (await postUntilDone(b, october)),
          november: posted(answers[2]) + posted(answers[3]) + (await postUntilDone(api, november)),
          third: posted(answers[4]) + posted(answers[5]) + (await postUntilDone(b, third)),
        };
        expect(done).toEqual(toPost);
        await expectLedgerSound(database, [october, november, third], companyId);
        // BQ1's two statements share one series: October's and November's entries together run 1..N.
        const bq1Entries = await queryDatabase(
          database,
          'SELECT COUNT(*) AS n, MAX(number) AS last FROM journal_entry WHERE companyId = ? AND journalCode = ?',
          [companyId, 'BQ1'],
        );
        expect(Number(bq1Entries[0]!.n)).toBe(toPost.october + toPost.november);
        expect(Number(bq1Entries[0]!.last)).toBe(toPost.october + toPost.november);
      } finally {
        await busy.close();
      }
    });
  });
});
