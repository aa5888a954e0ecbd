import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import Big from 'big.js';

import { BankTransaction } from '../../src/statements/bank-transaction.entity.js';
import { StatementLine } from '../../src/statements/statement-line.entity.js';
import { changeTotals } from '../../src/statements/statement-totals.js';
import { newBankAccount, newCompany, newStatement } from './utils/factories.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

describe(`statements and lines (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let accountId: number;

  beforeAll(async () => {
    t = await createTestApp();
  });

  // Each test has a bank account of its own: no statement of another test is in its lists or its periods.
  beforeEach(async () => {
    const companyId = (await newCompany(t.api())).id;
    accountId = (await newBankAccount(t.api(), companyId, { journalCode: 'BQ1' })).id;
  });

  afterAll(async () => {
    await t.close();
  });

  /** A line written as the Synchro's filing writes it: its mirror row marked filed, the statement's totals moved. */
  async function addLine(statementId: number, values: { id: number; date: string; amount: string; label: string }) {
    await t.dataSource.transaction(async (manager) => {
      const transaction = await manager.getRepository(BankTransaction).save({
        bankAccountId: accountId,
        bridgeAccountId: 41000000000001,
        bridgeTransactionId: values.id,
        accountType: 'checking',
        cleanLabel: values.label.toLowerCase(),
        originalLabel: values.label,
        amount: values.amount,
        currency: 'EUR',
        date: values.date,
        transactionDate: values.date,
        bookingDate: values.date,
        valueDate: null,
        operationType: 'card',
        categoryId: null,
        bridgeItemId: null,
        future: false,
        deleted: false,
        bridgeUpdatedAt: new Date('2026-11-20T10:00:00Z'),
        unfiled: false,
        latestDate: values.date,
      });
      await changeTotals(manager, statementId, { lines: 1, amount: new Big(values.amount) });
      await manager.getRepository(StatementLine).save({
        statementId,
        bankTransactionId: transaction.id,
        date: values.date,
        label: values.label,
        amount: values.amount,
        currency: 'EUR',
      });
    });
  }

  it('should page the lines by cursor (after) as by offset, refusing a cursor of another statement or a damaged one', async () => {
    const statement = await newStatement(t.api(), accountId, { dateStart: '2027-01-01', dateEnd: '2027-01-31' });
    const other = await newStatement(t.api(), accountId, { dateStart: '2027-02-01', dateEnd: '2027-02-28' });
    // Several lines share a day: the cursor orders by date, then id, like the offset listing.
    for (let index = 0; index < 7; index++) {
      await addLine(statement.id, {
        id: 92000000000000 + index,
        date: `2027-01-0${1 + (index % 3)}`,
        amount: `${index}.01`,
        label: `LIGNE ${index}`,
      });
    }
    await addLine(other.id, { id: 92000000000100, date: '2027-02-01', amount: '1.00', label: 'AUTRE' });
    const byOffset = (await t.api().get(`/api/v1/statements/${statement.id}/lines?limit=100`).expect(200)).body;
    expect(byOffset).toMatchObject({ total: 7, nextCursor: null });

    const byCursor: number[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const query: string = after === null ? '' : `&after=${after}`;
      const page = (await t.api().get(`/api/v1/statements/${statement.id}/lines?limit=3${query}`).expect(200)).body;
      expect(page.total).toBe(7);
      byCursor.push(...page.items.map((line: { id: number }) => line.id));
      after = page.nextCursor;
      pages++;
    } while (after !== null);
    expect(pages).toBe(3);
    expect(byCursor).toEqual(byOffset.items.map((line: { id: number }) => line.id));

    const first = (await t.api().get(`/api/v1/statements/${statement.id}/lines?limit=3`).expect(200)).body;
    const elsewhere = await t.api().get(`/api/v1/statements/${other.id}/lines?after=${first.nextCursor}`).expect(400);
    expect(elsewhere.body).toMatchObject({ code: 'page_cursor.invalid', field: 'after' });
    const damaged = `${first.nextCursor.slice(0, -2)}${first.nextCursor.endsWith('A') ? 'B' : 'A'}A`;
    const broken = await t.api().get(`/api/v1/statements/${statement.id}/lines?after=${damaged}`).expect(400);
    expect(broken.body).toMatchObject({ code: 'page_cursor.invalid', field: 'after' });
    const junk = await t.api().get(`/api/v1/statements/${statement.id}/lines?after=%27%20OR%201=1`).expect(400);
    expect(junk.body.message).toMatch(/after/);
  });

  it('should create a statement with a default name and computed balances', async () => {
    const response = await t
      .api()
      .post('/api/v1/statements', {
        bankAccountId: accountId,
        dateStart: '2026-10-01',
        dateEnd: '2026-10-31',
        balanceStart: '1000.10',
      })
      .expect(201);
    expect(response.body).toEqual({
      id: expect.any(Number),
      bankAccountId: accountId,
      name: 'Relevé BQ1 2026-10',
      dateStart: '2026-10-01',
      dateEnd: '2026-10-31',
      balanceStart: '1000.10',
      balanceEnd: '1000.10',
      bankBalance: null,
      state: 'open',
      closeComment: null,
      forcedClose: false,
      closedAt: null,
      lineCount: 0,
    });
  });

  it('should sum lines to the cent and list them in date order with both labels', async () => {
    await newStatement(t.api(), accountId, { dateStart: '2026-10-01', dateEnd: '2026-10-31', balanceStart: '1000.10' });
    const statement = await newStatement(t.api(), accountId, {
      dateStart: '2026-11-01',
      dateEnd: '2026-11-30',
      balanceStart: '0.10',
    });
    await addLine(statement.id, {
      id: 91000000000003,
      date: '2026-11-12',
      amount: '0.20',
      label: 'CB CARREFOUR 12/11',
    });
    await addLine(statement.id, {
      id: 91000000000001,
      date: '2026-11-02',
      amount: '-1234.56',
      label: 'PRLV SEPA URSSAF',
    });
    await addLine(statement.id, {
      id: 91000000000002,
      date: '2026-11-05',
      amount: '2500.01',
      label: 'VIR SEPA CLIENT DUPONT',
    });

    const fetched = await t.api().get(`/api/v1/statements/${statement.id}`).expect(200);
    expect(fetched.body).toMatchObject({ balanceStart: '0.10', balanceEnd: '1265.75', lineCount: 3 });

    const lines = await t.api().get(`/api/v1/statements/${statement.id}/lines?limit=2`).expect(200);
    expect(lines.body.total).toBe(3);
    expect(lines.body.items).toHaveLength(2);
    expect(lines.body.items[0]).toEqual({
      id: expect.any(Number),
      statementId: statement.id,
      date: '2026-11-02',
      label: 'PRLV SEPA URSSAF',
      cleanLabel: 'prlv sepa urssaf',
      originalLabel: 'PRLV SEPA URSSAF',
      amount: '-1234.56',
      currency: 'EUR',
      bridgeAccountId: 41000000000001,
      bridgeTransactionId: 91000000000001,
      accountType: 'checking',
      operationType: 'card',
      transactionDate: '2026-11-02',
      bookingDate: '2026-11-02',
      valueDate: null,
      reviewRequired: false,
      reviewNote: null,
      bankChange: null,
      reviewResolution: null,
      bankDeleted: false,
      postedAt: null,
    });
    const second = await t.api().get(`/api/v1/statements/${statement.id}/lines?limit=2&offset=2`).expect(200);
    expect(second.body.items.map((line: { amount: string }) => line.amount)).toEqual(['0.20']);

    const listed = await t.api().get(`/api/v1/statements?bankAccountId=${accountId}`).expect(200);
    expect(
      listed.body.items.map((item: { dateStart: string; balanceEnd: string }) => [item.dateStart, item.balanceEnd]),
    ).toEqual([
      ['2026-11-01', '1265.75'],
      ['2026-10-01', '1000.10'],
    ]);

    const shrink = await t.api().patch(`/api/v1/statements/${statement.id}`, { dateEnd: '2026-11-10' }).expect(409);
    expect(shrink.body.message).toMatch(/1 line\(s\) of statement .* would fall outside the new period/);
  });

  it('should refuse overlapping periods and bad dates or amounts by name', async () => {
    await newStatement(t.api(), accountId, { dateStart: '2026-10-01', dateEnd: '2026-10-31' });
    await newStatement(t.api(), accountId, { dateStart: '2026-11-01', dateEnd: '2026-11-30' });
    const overlap = await t
      .api()
      .post('/api/v1/statements', { bankAccountId: accountId, dateStart: '2026-10-15', dateEnd: '2026-11-15' })
      .expect(409);
    expect(overlap.body.message).toMatch(/^dateStart: the period overlaps statement/);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ bankAccountId: accountId, dateStart: '2026-02-30' }, /^dateStart: must be a date written YYYY-MM-DD/],
      [{ bankAccountId: accountId, dateStart: '01/12/2026' }, /^dateStart: /],
      [
        { bankAccountId: accountId, dateStart: '2026-12-01', balanceStart: 12.5 },
        /^balanceStart: must be a decimal amount written as a string/,
      ],
      [{ bankAccountId: accountId, dateStart: '2026-12-01', balanceStart: '12.345' }, /^balanceStart: /],
      [
        { bankAccountId: accountId, dateStart: '2026-12-10', dateEnd: '2026-12-01' },
        /^dateEnd: must be on or after dateStart/,
      ],
    ];
    for (const [body, message] of cases) {
      const response = await t.api().post('/api/v1/statements', body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(response.body.message).toMatch(message);
    }
    const all = await t.api().get(`/api/v1/statements?bankAccountId=${accountId}`).expect(200);
    expect(all.body.total).toBe(2);
  });

  it('should close only when the end balance matches the bank, or on purpose with a comment', async () => {
    const statement = await newStatement(t.api(), accountId, {
      dateStart: '2027-01-01',
      dateEnd: '2027-01-31',
      balanceStart: '50.00',
    });
    const refused = await t.api().patch(`/api/v1/statements/${statement.id}`, { state: 'closed' }).expect(409);
    expect(refused.body.message).toMatch(
      /ends at 50.00 but no bank balance is known yet; to close it anyway send forceClose: true with a closeComment/,
    );
    await t.dataSource.query('UPDATE bank_statement SET bankBalance = ? WHERE id = ?', ['50.00', statement.id]);
    const closed = await t.api().patch(`/api/v1/statements/${statement.id}`, { state: 'closed' }).expect(200);
    expect(closed.body.state).toBe('closed');
    const locked = await t.api().patch(`/api/v1/statements/${statement.id}`, { balanceStart: '60.00' }).expect(409);
    expect(locked.body.message).toMatch(/is closed: reopen it/);
    await t.api().patch(`/api/v1/statements/${statement.id}`, { state: 'open', balanceStart: '60.00' }).expect(200);
    const forced = await t
      .api()
      .patch(`/api/v1/statements/${statement.id}`, {
        state: 'closed',
        forceClose: true,
        closeComment: 'Écart de 10 € expliqué par un chèque',
      })
      .expect(200);
    expect(forced.body).toMatchObject({
      state: 'closed',
      balanceEnd: '60.00',
      bankBalance: '50.00',
      closeComment: 'Écart de 10 € expliqué par un chèque',
    });
  });
});
