import { describe, expect, it } from '@jest/globals';
import { parse } from 'lossless-json';

import { mapTransaction, mapTransactionPage, V2_FIELDS, V3_FIELDS } from './bridge-mappers.js';
import { BridgeFieldError } from './bridge.errors.js';
import type { Json } from './json-fields.js';

// Rows as the client reads them: JSON parsed losslessly, every number kept as its decimal text.
const GOOD = `{"id":36000051006608,"clean_description":"CB Idfs G","provider_description":"PAIEMENT PAR CARTE 25/11/2024 IDFS T2 G",
  "amount":-194,"date":"2024-11-25","booking_date":"2024-11-25","transaction_date":"2024-11-25","value_date":"2024-11-25",
  "updated_at":"2024-11-25T16:10:10.144Z","currency_code":"EUR","deleted":false,"category_id":247,"operation_type":"card",
  "account_id":48178050,"future":false}`;

const lossless = (text: string): unknown => parse(text, null, (value: string) => value);

/** The good row with some fields replaced by these JSON literals, as Bridge would send them. */
function row(overrides: Record<string, string> = {}): Json {
  return {
    ...(lossless(GOOD) as Json),
    ...Object.fromEntries(Object.entries(overrides).map(([field, literal]) => [field, lossless(literal)])),
  };
}

function refusal(overrides: Record<string, string>): { field: string; message: string } {
  try {
    mapTransaction(row(overrides), V3_FIELDS);
  } catch (error) {
    expect(error).toBeInstanceOf(BridgeFieldError);
    return { field: (error as BridgeFieldError).field, message: (error as Error).message };
  }
  throw new Error(`mapTransaction accepted ${JSON.stringify(overrides)}`);
}

describe('mapTransaction', () => {
  it('should map a well-formed v3 row exactly (BRIDGE-API.md §3.7 example)', () => {
    expect(mapTransaction(row(), V3_FIELDS)).toEqual({
      id: 36000051006608,
      accountId: 48178050,
      cleanLabel: 'CB Idfs G',
      originalLabel: 'PAIEMENT PAR CARTE 25/11/2024 IDFS T2 G',
      amount: '-194.00',
      currency: 'EUR',
      date: '2024-11-25',
      bookingDate: '2024-11-25',
      transactionDate: '2024-11-25',
      valueDate: '2024-11-25',
      updatedAt: '2024-11-25T16:10:10.144Z',
      deleted: false,
      future: false,
      categoryId: 247,
      operationType: 'card',
      showClientSide: null,
    });
  });

  it('should keep the largest amount a DECIMAL(18,2) holds, and amounts written with an exponent that are exact', () => {
    expect(mapTransaction(row({ amount: '-9999999999999999.99' }), V3_FIELDS).amount).toBe('-9999999999999999.99');
    expect(mapTransaction(row({ amount: '1.5e2' }), V3_FIELDS).amount).toBe('150.00');
    expect(mapTransaction(row({ amount: '-0.10' }), V3_FIELDS).amount).toBe('-0.10');
  });

  it('should refuse amounts that do not fit DECIMAL(18,2) or carry more than 2 decimals, never rounding them', () => {
    expect(refusal({ amount: '99999999999999999999.99' })).toEqual({
      field: 'amount',
      message:
        'Bridge sent an unexpected answer: "amount" is 99999999999999999999.99, beyond the 16 integer digits of an amount',
    });
    expect(refusal({ amount: '1e309' }).message).toBe(
      'Bridge sent an unexpected answer: "amount" is 1e309, beyond the 16 integer digits of an amount',
    );
    expect(refusal({ amount: '12.345' }).message).toBe(
      'Bridge sent an unexpected answer: "amount" is 12.345, with more than 2 decimals',
    );
    expect(refusal({ amount: '1e-7' }).message).toBe(
      'Bridge sent an unexpected answer: "amount" is 1e-7, with more than 2 decimals',
    );
    expect(refusal({ amount: '"12,34"' }).field).toBe('amount');
    expect(refusal({ amount: 'null' }).field).toBe('amount');
  });

  it('should refuse dates that are not real calendar days', () => {
    expect(refusal({ date: '"hier"' })).toEqual({
      field: 'date',
      message: 'Bridge sent an unexpected answer: "date" is "hier", not a calendar date YYYY-MM-DD',
    });
    expect(refusal({ date: '"2025-02-30"' }).message).toBe(
      'Bridge sent an unexpected answer: "date" is "2025-02-30", not a calendar date YYYY-MM-DD',
    );
    expect(refusal({ date: '"0001-01-01"' }).message).toBe(
      'Bridge sent an unexpected answer: "date" is "0001-01-01", outside the years 1900 to 2999',
    );
    expect(refusal({ booking_date: '"2025-13-01"' }).field).toBe('booking_date');
    expect(refusal({ transaction_date: '20250101' }).field).toBe('transaction_date');
    expect(refusal({ value_date: '"2025-02-29"' }).field).toBe('value_date');
    expect(mapTransaction(row({ value_date: '"2024-02-29"' }), V3_FIELDS).valueDate).toBe('2024-02-29');
    expect(mapTransaction(row({ booking_date: 'null' }), V3_FIELDS).bookingDate).toBeNull();
  });

  it('should refuse an updated_at that is not an ISO 8601 instant', () => {
    expect(refusal({ updated_at: '"n/a"' })).toEqual({
      field: 'updated_at',
      message: 'Bridge sent an unexpected answer: "updated_at" is "n/a", not an ISO 8601 date-time with a time zone',
    });
    expect(refusal({ updated_at: '"2024-11-25T25:10:10Z"' }).field).toBe('updated_at');
    expect(refusal({ updated_at: '"2024-11-25 16:10:10"' }).field).toBe('updated_at');
    expect(refusal({ updated_at: '1732551010144' }).field).toBe('updated_at');
    expect(mapTransaction(row({ updated_at: '"2024-11-25T17:10:10.144+01:00"' }), V3_FIELDS).updatedAt).toBe(
      '2024-11-25T17:10:10.144+01:00',
    );
  });

  it('should refuse a currency that is not an ISO 4217 code', () => {
    expect(refusal({ currency_code: '"EURO"' })).toEqual({
      field: 'currency_code',
      message: 'Bridge sent an unexpected answer: "currency_code" is "EURO", not an ISO 4217 currency code',
    });
    expect(refusal({ currency_code: '"XYZ"' }).field).toBe('currency_code');
    expect(refusal({ currency_code: '"eur"' }).field).toBe('currency_code');
    expect(mapTransaction(row({ currency_code: '"GBP"' }), V3_FIELDS).currency).toBe('GBP');
  });

  it('should refuse values longer or larger than the mirror stores', () => {
    expect(refusal({ operation_type: `"${'x'.repeat(41)}"` })).toEqual({
      field: 'operation_type',
      message: `Bridge sent an unexpected answer: "operation_type" is longer than 40 characters ("${'x'.repeat(30)}…")`,
    });
    expect(mapTransaction(row({ operation_type: `"${'x'.repeat(40)}"` }), V3_FIELDS).operationType).toBe(
      'x'.repeat(40),
    );
    expect(refusal({ category_id: '2147483648' }).field).toBe('category_id');
    expect(refusal({ clean_description: '"\\ud800 lone surrogate"' }).field).toBe('clean_description');
  });

  it('should read the 2021-06-01 names', () => {
    const v2 = lossless(
      '{"id":1,"clean_description":"A","bank_description":"B","amount":-1.5,"date":"2026-01-02","updated_at":"2026-01-02T00:00:00.000Z","currency_code":"EUR","is_deleted":true,"account_id":2,"is_future":false,"booking_date":null}',
    ) as Json;
    expect(mapTransaction(v2, V2_FIELDS)).toMatchObject({
      originalLabel: 'B',
      amount: '-1.50',
      deleted: true,
      bookingDate: null,
    });
  });
});

describe('mapTransactionPage', () => {
  it('should keep the good rows and report each bad one with its id, field and value', () => {
    const page = mapTransactionPage(
      [row(), row({ id: '36000051006609', amount: '1e309' }), row({ id: '36000051006610', date: '"hier"' })],
      V3_FIELDS,
    );
    expect(page.transactions.map((transaction) => transaction.id)).toEqual([36000051006608]);
    expect(page.rejected).toEqual([
      {
        bridgeId: '36000051006609',
        field: 'amount',
        value: '1e309',
        reason: 'is 1e309, beyond the 16 integer digits of an amount',
      },
      {
        bridgeId: '36000051006610',
        field: 'date',
        value: '"hier"',
        reason: 'is "hier", not a calendar date YYYY-MM-DD',
      },
    ]);
  });

  it('should report a row without a usable id with a null id', () => {
    const page = mapTransactionPage([row({ id: '"abc"' })], V3_FIELDS);
    expect(page).toEqual({
      transactions: [],
      rejected: [{ bridgeId: null, field: 'id', value: '"abc"', reason: 'is missing or not an integer' }],
    });
  });
});
