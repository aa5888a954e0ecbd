import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';

import { BankTransaction } from '../../src/statements/bank-transaction.entity.js';
import { MirrorUpsert, type MirrorValues } from '../../src/statements/mirror-upsert.js';
import { StatementImportService } from '../../src/statements/statement-import.service.js';
import { newBankAccount, newCompany } from './utils/factories.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

/**
 * docs/rules.md#the-mirror-and-its-cursor: the page upsert tells new, changed, unchanged and older copies apart in
 * the database, the same way on both engines.
 */
describe(`the mirror's page upsert (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let upsert: MirrorUpsert;
  let companyId: number;
  // Each test has a journal of its own: the suite runs its tests in a random order.
  let bankAccountId: number;

  beforeAll(async () => {
    t = await createTestApp({});
    upsert = new MirrorUpsert(t.dataSource);
    companyId = (await newCompany(t.api())).id;
  });

  beforeEach(async () => {
    bankAccountId = (await newBankAccount(t.api(), companyId)).id;
  });

  afterAll(async () => {
    await t?.close();
  });

  const row = (id: number, overrides: Partial<MirrorValues> = {}): MirrorValues => ({
    bankAccountId,
    bridgeAccountId: 41_000_000_000_001,
    bridgeTransactionId: 36_000_000_000_000 + id,
    bridgeItemId: 14_030_061,
    accountType: 'checking',
    cleanLabel: `Clean ${id}`,
    originalLabel: `CB ${id}`,
    amount: '-12.30',
    currency: 'EUR',
    date: '2026-11-02',
    transactionDate: null,
    bookingDate: '2026-11-03',
    valueDate: null,
    operationType: 'card',
    categoryId: null,
    future: false,
    deleted: false,
    bridgeUpdatedAt: new Date('2026-11-03T08:00:00.000Z'),
    latestDate: '2026-11-03',
    ...overrides,
  });

  const stored = async (id: number) =>
    t.dataSource
      .getRepository(BankTransaction)
      .findOneByOrFail({ bankAccountId, bridgeTransactionId: 36_000_000_000_000 + id });

  const write = (rows: MirrorValues[], now: string) => upsert.write(t.dataSource.manager, rows, new Date(now));

  it('should insert new rows with their exact values, and mark only the changed ones of a newer copy', async () => {
    await write([row(1), row(2), row(3, { amount: '-9999999999999.99' })], '2026-11-03T09:00:00.000Z');
    const first = await stored(1);
    expect(first).toMatchObject({
      amount: '-12.30',
      bookingDate: '2026-11-03',
      transactionDate: null,
      future: false,
      lineStale: false,
      bridgeTransactionId: 36_000_000_000_001,
    });
    expect(first.createdAt.toISOString()).toBe('2026-11-03T09:00:00.000Z');
    expect((await stored(3)).amount).toBe('-9999999999999.99');

    const later = new Date('2026-11-04T08:00:00.000Z');
    await write(
      [
        row(1, { bridgeUpdatedAt: later }), // same values, newer stamp
        row(2, { bridgeUpdatedAt: later, amount: '-12.31', bookingDate: null }), // the bank changed it
        row(4), // new
      ],
      '2026-11-04T09:00:00.000Z',
    );
    const unchanged = await stored(1);
    expect(unchanged.lineStale).toBe(false);
    expect(unchanged.updatedAt.toISOString()).toBe('2026-11-03T09:00:00.000Z');
    expect(unchanged.bridgeUpdatedAt.toISOString()).toBe(later.toISOString());
    const changed = await stored(2);
    expect(changed).toMatchObject({ amount: '-12.31', bookingDate: null, lineStale: true });
    expect(changed.updatedAt.toISOString()).toBe('2026-11-04T09:00:00.000Z');
    expect((await stored(4)).lineStale).toBe(false);
    expect(await t.dataSource.getRepository(BankTransaction).countBy({ bankAccountId })).toBe(4);
  });

  it('should never let an older copy overwrite a newer one', async () => {
    await write([row(2, { amount: '-12.31' })], '2026-11-03T09:00:00.000Z');
    await write(
      [row(2, { bridgeUpdatedAt: new Date('2026-11-01T08:00:00.000Z'), amount: '-1.00', deleted: true })],
      '2026-11-05T09:00:00.000Z',
    );
    expect(await stored(2)).toMatchObject({ amount: '-12.31', deleted: false });
  });

  it('should keep the last copy of a row a page names twice', async () => {
    const later = new Date('2026-11-06T08:00:00.000Z');
    await t.app
      .get(StatementImportService)
      .mirrorPage([row(5), row(5, { bridgeUpdatedAt: later, originalLabel: 'CB 5 corrigé' })]);
    expect(await stored(5)).toMatchObject({ originalLabel: 'CB 5 corrigé' });
  });
});
