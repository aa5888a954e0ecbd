import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';

import { ERROR_CODES, type ErrorCode } from '../../src/common/errors/error-codes.js';
import { newBankAccount, newCompany, newStatement } from './utils/factories.js';
import { createTestApp, EDITOR_KEY, TEST_ENGINE, type TestApp } from './utils/test-app.js';

// A Synchro and many requests per test: the suite runs on 2 cores, often beside others.
jest.setTimeout(60_000);

/**
 * Every field of every POST/PATCH route and every list query, sent bad values: null, the wrong type, too long, out
 * of range, unknown fields. Each must answer a 400 whose message starts with the field at fault, and change nothing.
 */

// A JSON number that JSON.stringify cannot write exactly (2^53 + 1): spliced into the raw body.
const UNSAFE = '__UNSAFE_INTEGER__';
const LONG = 'x'.repeat(5000);

type Kind =
  | 'text'
  | 'format'
  | 'secret'
  | 'id'
  | 'bridgeId'
  | 'bool'
  | 'enum'
  | 'money'
  | 'date'
  | 'ids'
  | 'bridgeIds'
  | 'strings'
  | 'label';

interface Field {
  name: string;
  kind: Kind;
  nullable?: boolean;
  /** Longest accepted text. */
  max?: number;
}

function badValues(field: Field): unknown[] {
  const base: unknown[] = field.nullable ? [] : [null];
  switch (field.kind) {
    case 'text':
      return [...base, 42, true, [], {}, '', '   ', 'x'.repeat((field.max ?? 200) + 1), LONG];
    case 'format':
      return [...base, 42, true, [], {}, LONG, '∞'];
    case 'secret':
      return [...base, 42, true, [], {}, '', LONG];
    case 'id':
      return [...base, 'abc', '1', true, 1.5, 0, -1, 1e20, UNSAFE, [], {}];
    case 'bridgeId':
      return [...base, 'abc', true, [5], 1.5, 0, -1, 1e20, '100000000000000000000', UNSAFE, {}];
    case 'bool':
      return [...base, 'true', 1, 0, [], {}];
    case 'enum':
      return [...base, 'nope', 42, true, [], {}, LONG];
    case 'money':
      return [...base, 12.34, '1.005', '0.001', '1e3', 'abc', '9'.repeat(20), true, [], {}];
    case 'date':
      return [...base, '2026-02-30', '2026-13-01', '2026-11-01T10:00:00Z', 20261101, '01/11/2026', true, [], {}, LONG];
    case 'ids':
      return [...base, 5, 'x', [], [0], [1.5], ['a'], [1e20], [UNSAFE], [null], {}];
    case 'bridgeIds':
      return [
        ...base,
        5,
        'x',
        [0],
        [1.5],
        [true],
        [1e20],
        [UNSAFE],
        [null],
        {},
        Array.from({ length: 51 }, (_, index) => index + 1),
        Array.from({ length: 40 }, (_, index) => 9_007_199_254_740_000 + index),
      ];
    case 'label':
      // An optional label: empty means "the default label", so only wrong types and lengths are bad.
      return [42, true, [], {}, 'x'.repeat(201), LONG];
    case 'strings':
      return [
        ...base,
        'FR',
        42,
        [42],
        [null],
        [LONG],
        Array.from({ length: 200 }, (_, index) => `t${index}`),
        // Ten words of 30 letters: each one fits, but not all of them in one stored column.
        Array.from({ length: 10 }, (_, index) => 'a'.repeat(29) + String.fromCharCode(97 + index)),
        {},
      ];
  }
}

function rawJson(body: Record<string, unknown>): string {
  return JSON.stringify(body).replace(new RegExp(`"${UNSAFE}"`, 'g'), '9007199254740993');
}

describe(`bad input on every field and list (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let companyId: number;
  let bankAccountId: number;
  let statementId: number;
  let userId: number;
  let configId: number;
  let ruleId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const api = t.api();
    companyId = (await newCompany(api, { name: 'Cible', siren: '732829320' })).id;
    bankAccountId = (await newBankAccount(api, companyId, { journalCode: 'BQ1' })).id;
    statementId = (await newStatement(api, bankAccountId)).id;
    userId = (
      await api
        .post('/api/v1/users', { companyId, name: 'Claire', login: 'claire', email: 'claire@cabinet.fr' })
        .expect(201)
    ).body.id;
    configId = (
      await api
        .post('/api/v1/bridge-configs', {
          companyIds: [companyId],
          name: 'Bridge',
          clientId: 'id',
          clientSecret: 'secret',
        })
        .expect(201)
    ).body.id;
  });

  afterAll(async () => {
    await t.close();
  });

  beforeAll(async () => {
    ruleId = (
      await t
        .api()
        .post('/api/v1/counterpart-rules', { companyId, name: 'Frais', account: '627000', accountLabel: 'Frais' })
        .expect(201)
    ).body.id;
  });

  /** Snapshot of everything a bad request could have touched. */
  async function snapshot(): Promise<unknown> {
    const tables = [
      'company',
      'user',
      'bank_account',
      'bank_statement',
      'bridge_config',
      'billing_report',
      'api_log',
      'connection_log',
      'counterpart_rule',
      'journal_entry',
      'statement_line',
    ];
    const rows: Record<string, unknown> = {};
    for (const table of tables) rows[table] = await t.dataSource.query(`SELECT * FROM ${table} ORDER BY id`);
    return rows;
  }

  async function expectRefused(
    method: 'post' | 'patch',
    path: string,
    field: string,
    body: Record<string, unknown>,
  ): Promise<void> {
    const before = await snapshot();
    const response = await request(t.app.getHttpServer())
      [method](path)
      .set('Authorization', `Bearer ${EDITOR_KEY}`)
      .set('Content-Type', 'application/json')
      .send(rawJson(body));
    const shown = `${method.toUpperCase()} ${path} ${rawJson(body).slice(0, 200)}`;
    expect({ shown, status: response.status, message: response.body.message, field: response.body.field }).toEqual({
      shown,
      status: 400,
      message: expect.stringMatching(new RegExp(`^${field.replace(/[.[\]]/g, '\\$&')}: `)),
      field,
    });
    // A code of the table that answers 400: validation.failed, or the rule's own (iban.invalid, date_range.invalid…).
    const code = response.body.code as string;
    expect({ shown, code, status: code in ERROR_CODES ? ERROR_CODES[code as ErrorCode].status : null }).toEqual({
      shown,
      code,
      status: 400,
    });
    expect(await snapshot()).toEqual(before);
  }

  const routes: {
    name: string;
    method: 'post' | 'patch';
    path: () => string;
    valid: () => Record<string, unknown>;
    fields: Field[];
  }[] = [
    {
      name: 'POST companies',
      method: 'post',
      path: () => '/api/v1/companies',
      valid: () => ({ name: 'Nouvelle' }),
      fields: [
        { name: 'name', kind: 'text' },
        { name: 'siren', kind: 'format', nullable: true },
        { name: 'fiscalYearEnd', kind: 'format' },
        { name: 'subscriptionActive', kind: 'bool' },
      ],
    },
    {
      name: 'PATCH companies',
      method: 'patch',
      path: () => `/api/v1/companies/${companyId}`,
      valid: () => ({}),
      fields: [
        { name: 'name', kind: 'text' },
        { name: 'siren', kind: 'format', nullable: true },
        { name: 'fiscalYearEnd', kind: 'format' },
        { name: 'subscriptionActive', kind: 'bool' },
      ],
    },
    {
      name: 'POST users',
      method: 'post',
      path: () => '/api/v1/users',
      valid: () => ({ companyId, name: 'Paul', login: 'paul', email: 'paul@cabinet.fr' }),
      fields: [
        { name: 'companyId', kind: 'id' },
        { name: 'name', kind: 'text' },
        { name: 'login', kind: 'format' },
        { name: 'email', kind: 'format', nullable: true },
        { name: 'active', kind: 'bool' },
      ],
    },
    {
      name: 'PATCH users',
      method: 'patch',
      path: () => `/api/v1/users/${userId}`,
      valid: () => ({}),
      fields: [
        { name: 'name', kind: 'text' },
        { name: 'login', kind: 'format' },
        { name: 'email', kind: 'format', nullable: true },
        { name: 'active', kind: 'bool' },
      ],
    },
    ...(['post', 'patch'] as const).map((method) => ({
      name: `${method.toUpperCase()} bank-accounts`,
      method,
      path: () => (method === 'post' ? '/api/v1/bank-accounts' : `/api/v1/bank-accounts/${bankAccountId}`),
      valid: (): Record<string, unknown> =>
        method === 'post'
          ? { companyId, journalCode: 'BQ2', journalName: 'Banque 2', iban: 'DE89370400440532013000' }
          : {},
      fields: [
        ...(method === 'post' ? [{ name: 'companyId', kind: 'id' as const }] : []),
        { name: 'journalCode', kind: 'format' as const },
        { name: 'journalName', kind: 'text' as const },
        { name: 'iban', kind: 'format' as const, nullable: true },
        { name: 'bic', kind: 'format' as const, nullable: true },
        { name: 'currency', kind: 'format' as const },
        { name: 'glAccount', kind: 'format' as const },
        { name: 'glAccountLabel', kind: 'label' as const },
        { name: 'suspenseAccount', kind: 'format' as const },
        { name: 'suspenseAccountLabel', kind: 'label' as const },
        { name: 'cardClearingAccount', kind: 'format' as const, nullable: true },
        { name: 'cardClearingAccountLabel', kind: 'label' as const },
        { name: 'accountTypes', kind: 'strings' as const },
        { name: 'bridgeBankId', kind: 'bridgeId' as const, nullable: true },
        { name: 'bridgeAccountId', kind: 'bridgeId' as const, nullable: true },
        { name: 'includeOlderLines', kind: 'bool' as const },
        { name: 'useCleanLabel', kind: 'bool' as const },
        { name: 'cardDatingMode', kind: 'enum' as const },
        { name: 'cardKeepDeferredTotal', kind: 'bool' as const },
        { name: 'cardIncludeFuture', kind: 'bool' as const },
      ],
    })),
    {
      name: 'POST statements',
      method: 'post',
      path: () => '/api/v1/statements',
      valid: () => ({ bankAccountId, dateStart: '2026-12-01' }),
      fields: [
        { name: 'bankAccountId', kind: 'id' },
        { name: 'name', kind: 'text' },
        { name: 'dateStart', kind: 'date' },
        { name: 'dateEnd', kind: 'date', nullable: true },
        { name: 'balanceStart', kind: 'money' },
      ],
    },
    {
      name: 'PATCH statements',
      method: 'patch',
      path: () => `/api/v1/statements/${statementId}`,
      valid: () => ({}),
      fields: [
        { name: 'name', kind: 'text' },
        { name: 'dateStart', kind: 'date' },
        { name: 'dateEnd', kind: 'date', nullable: true },
        { name: 'balanceStart', kind: 'money' },
        { name: 'state', kind: 'enum' },
        { name: 'forceClose', kind: 'bool' },
        { name: 'closeComment', kind: 'text', max: 2000, nullable: true },
      ],
    },
    {
      name: 'POST statements/:id/sync',
      method: 'post',
      path: () => `/api/v1/statements/${statementId}/sync`,
      valid: () => ({ userId }),
      fields: [{ name: 'userId', kind: 'id' }],
    },
    ...(['post', 'patch'] as const).map((method) => ({
      name: `${method.toUpperCase()} bridge-configs`,
      method,
      path: () => (method === 'post' ? '/api/v1/bridge-configs' : `/api/v1/bridge-configs/${configId}`),
      valid: (): Record<string, unknown> =>
        method === 'post' ? { companyIds: [companyId], name: 'B', clientId: 'id', clientSecret: 'secret' } : {},
      fields: [
        { name: 'companyIds', kind: 'ids' as const },
        { name: 'name', kind: 'text' as const },
        { name: 'url', kind: 'format' as const },
        { name: 'version', kind: 'enum' as const },
        { name: 'clientId', kind: 'text' as const },
        { name: 'clientSecret', kind: 'secret' as const },
        { name: 'webhookSecret', kind: 'secret' as const },
        { name: 'countryCodes', kind: 'strings' as const },
        { name: 'preselectedBankIds', kind: 'bridgeIds' as const },
        { name: 'active', kind: 'bool' as const },
      ],
    })),
    {
      name: 'POST statements/:id/post',
      method: 'post',
      path: () => `/api/v1/statements/${statementId}/post`,
      // No valid lines: a valid body would post (nothing, on this empty statement, but the same rule applies).
      valid: () => ({}),
      fields: [{ name: 'lineIds', kind: 'ids' }],
    },
    ...(['accept', 'reject'] as const).map((decision) => ({
      name: `POST statements/:id/lines/:lineId/${decision}-bank-change`,
      method: 'post' as const,
      path: () => `/api/v1/statements/${statementId}/lines/1/${decision}-bank-change`,
      valid: () => ({ comment: 'Vu avec la banque' }),
      fields: [{ name: 'comment', kind: 'text' as const, max: 2000 }],
    })),
    ...(['post', 'patch'] as const).map((method) => ({
      name: `${method.toUpperCase()} counterpart-rules`,
      method,
      path: () => (method === 'post' ? '/api/v1/counterpart-rules' : `/api/v1/counterpart-rules/${ruleId}`),
      valid: (): Record<string, unknown> =>
        method === 'post'
          ? { companyId, name: 'Frais', labelContains: 'frais', account: '627000', accountLabel: 'Frais bancaires' }
          : {},
      fields: [
        ...(method === 'post' ? [{ name: 'companyId', kind: 'id' as const }] : []),
        { name: 'bankAccountId', kind: 'id' as const, nullable: true },
        { name: 'name', kind: 'text' as const },
        { name: 'priority', kind: 'id' as const },
        { name: 'labelContains', kind: 'text' as const, nullable: true },
        { name: 'labelRegex', kind: 'text' as const, max: 500, nullable: true },
        { name: 'sign', kind: 'enum' as const },
        { name: 'amountMin', kind: 'money' as const, nullable: true },
        { name: 'amountMax', kind: 'money' as const, nullable: true },
        { name: 'account', kind: 'format' as const },
        { name: 'accountLabel', kind: 'text' as const },
        { name: 'active', kind: 'bool' as const },
      ],
    })),
    {
      name: 'POST billing/runs',
      method: 'post',
      path: () => '/api/v1/billing/runs',
      // No valid period: a valid one would run the billing.
      valid: () => ({}),
      fields: [{ name: 'period', kind: 'format' }],
    },
  ];

  it.each(routes.map((route) => [route.name, route] as const))(
    'should refuse bad values on every field of %s, naming the field',
    async (_name, route) => {
      for (const field of route.fields) {
        for (const value of badValues(field)) {
          await expectRefused(route.method, route.path(), field.name, { ...route.valid(), [field.name]: value });
        }
      }
      await expectRefused(route.method, route.path(), 'unknownField', { ...route.valid(), unknownField: 1 });
    },
  );

  it('should refuse prototype keys in a body by name', async () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const before = await snapshot();
      const response = await request(t.app.getHttpServer())
        .post('/api/v1/companies')
        .set('Authorization', `Bearer ${EDITOR_KEY}`)
        .set('Content-Type', 'application/json')
        .send(`{"name":"Proto","${key}":{"name":"x"}}`);
      expect({ key, status: response.status, message: response.body.message }).toEqual({
        key,
        status: 400,
        message: expect.stringMatching(new RegExp(`^${key}: `)),
      });
      expect(await snapshot()).toEqual(before);
    }
  });

  it('should name the missing fields of a POST sent without a body', async () => {
    const response = await request(t.app.getHttpServer())
      .post(`/api/v1/statements/${statementId}/sync`)
      .set('Authorization', `Bearer ${EDITOR_KEY}`);
    expect({ status: response.status, message: response.body.message }).toEqual({
      status: 400,
      message: expect.stringMatching(/^userId: /),
    });
  });

  it('should refuse a body that is not a JSON object', async () => {
    for (const body of ['[]', '[{"name":"x"}]', '"x"', '42', 'null']) {
      const before = await snapshot();
      const response = await request(t.app.getHttpServer())
        .post('/api/v1/companies')
        .set('Authorization', `Bearer ${EDITOR_KEY}`)
        .set('Content-Type', 'application/json')
        .send(body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(await snapshot()).toEqual(before);
    }
  });

  const lists: { name: string; path: () => string; params: Record<string, string[]> }[] = [
    { name: '/api/v1/companies', path: () => '/api/v1/companies', params: {} },
    { name: '/api/v1/users', path: () => '/api/v1/users', params: { companyId: ['ids'] } },
    {
      name: '/api/v1/bank-accounts',
      path: () => '/api/v1/bank-accounts',
      params: { companyId: ['ids'], iban: ['FR00', LONG] },
    },
    {
      name: '/api/v1/statements',
      path: () => '/api/v1/statements',
      params: { companyId: ['ids'], bankAccountId: ['ids'], state: ['nope'] },
    },
    { name: '/api/v1/statements/:id/lines', path: () => `/api/v1/statements/${statementId}/lines`, params: {} },
    { name: '/api/v1/bridge-configs', path: () => '/api/v1/bridge-configs', params: { companyId: ['ids'] } },
    {
      name: '/api/v1/connection-logs',
      path: () => '/api/v1/connection-logs',
      params: {
        companyId: ['ids'],
        bridgeConfigId: ['ids'],
        userId: ['ids'],
        from: ['dates'],
        to: ['dates'],
        action: ['nope'],
        result: [LONG],
      },
    },
    {
      name: '/api/v1/api-logs',
      path: () => '/api/v1/api-logs',
      params: { companyId: ['ids'], bridgeConfigId: ['ids'], from: ['dates'], to: ['dates'] },
    },
    {
      name: '/api/v1/billing/reports',
      path: () => '/api/v1/billing/reports',
      params: { companyId: ['ids'], year: ['1e3', '1999', '3000', '2027.5'], month: ['0', '13', 'x'] },
    },
    {
      name: '/api/v1/entries',
      path: () => '/api/v1/entries',
      params: {
        companyId: ['ids'],
        bankAccountId: ['ids'],
        statementId: ['ids'],
        statementLineId: ['ids'],
        journalCode: ['BQ 1', LONG],
        fiscalYear: ['1e3', '1899', '3000', '2025.5'],
        from: ['2026-02-30', '2026-13-01', 'yesterday', '20261101'],
        to: ['2026-02-30', '2026-13-01', 'yesterday', '20261101'],
        kind: ['nope'],
      },
    },
    {
      name: '/api/v1/counterpart-rules',
      path: () => '/api/v1/counterpart-rules',
      params: { companyId: ['ids'], bankAccountId: ['ids'] },
    },
    { name: '/api/v1/fiscal-years', path: () => '/api/v1/fiscal-years', params: { companyId: ['ids'] } },
    {
      name: '/api/v1/billing/reports/export',
      path: () => '/api/v1/billing/reports/export',
      params: { format: ['xml', ''] },
    },
  ];
  const BAD_INTEGERS = [
    'abc',
    '',
    '1e20',
    '100000000000000000000',
    '9007199254740993',
    '-1',
    '1.5',
    '0x10',
    ' 5',
    '5 ',
  ];
  const BAD_DATES = [
    'yesterday',
    '2026-02-30',
    '2026-13-01',
    '2026-11-31',
    '2026-11-01T25:00',
    '2026-11-01T10:61:00Z',
    '2026-11-01T10:00:00+25:00',
    '20261101',
  ];

  it.each(lists.map((list) => [list.name, list] as const))(
    'should refuse bad query values on %s, naming the parameter',
    async (_name, list) => {
      const cases: [string, string][] = [
        ...['1e20', '100000000000000000000', '-1', 'abc', '0x10', '1.5', ''].map(
          (value) => ['offset', `offset=${encodeURIComponent(value)}`] as [string, string],
        ),
        ...['0', '501', 'abc', '1e2', '', '10.0'].map(
          (value) => ['limit', `limit=${encodeURIComponent(value)}`] as [string, string],
        ),
        ['limit', 'limit=1&limit=2'],
        ['offset', 'offset=1&offset=2'],
        ['unknownParam', 'unknownParam=1'],
      ];
      for (const [name, values] of Object.entries(list.params)) {
        const expanded = values.flatMap((value) =>
          value === 'ids' ? BAD_INTEGERS : value === 'dates' ? BAD_DATES : [value],
        );
        for (const value of expanded) cases.push([name, `${name}=${encodeURIComponent(value)}`]);
        cases.push([name, `${name}=1&${name}=2`]);
      }
      for (const [name, query] of cases) {
        const response = await t.api().get(`${list.path()}?${query}`);
        expect({ query, status: response.status, message: response.body.message }).toEqual({
          query,
          status: 400,
          message: expect.stringMatching(new RegExp(`^${name}: `)),
        });
      }
    },
  );

  it('should refuse bad export queries, naming the parameter', async () => {
    const cases: [string, string, string][] = [
      [`/api/v1/companies/${companyId}/fec`, '', 'fiscalYear'],
      [`/api/v1/companies/${companyId}/fec`, 'fiscalYear=abc', 'fiscalYear'],
      [`/api/v1/companies/${companyId}/fec`, 'fiscalYear=1899', 'fiscalYear'],
      [`/api/v1/companies/${companyId}/fec`, 'fiscalYear=2026&encoding=latin1', 'encoding'],
      [`/api/v1/companies/${companyId}/fec/description`, 'fiscalYear=2026&encoding=', 'encoding'],
      [`/api/v1/statements/${statementId}/export`, '', 'format'],
      [`/api/v1/statements/${statementId}/export`, 'format=pdf', 'format'],
      [`/api/v1/statements/${statementId}/export`, 'format=csv&format=ofx', 'format'],
    ];
    for (const [path, query, name] of cases) {
      const response = await t.api().get(`${path}?${query}`);
      expect({ query, status: response.status, message: response.body.message, field: response.body.field }).toEqual({
        query,
        status: 400,
        message: expect.stringMatching(new RegExp(`^${name}: `)),
        field: name,
      });
    }
  });

  it('should say what is expected, not the first rule that happened to fail', async () => {
    const cases: [string, Promise<{ body: { message: string } }>, string][] = [
      [
        'null name',
        t.api().post('/api/v1/companies', { name: null }),
        'name: must be a non-empty string of at most 200 characters',
      ],
      [
        'number name',
        t.api().post('/api/v1/companies', { name: 42 }),
        'name: must be a non-empty string of at most 200 characters',
      ],
      ['limit=abc', t.api().get('/api/v1/companies?limit=abc'), 'limit: must be an integer between 1 and 500'],
      [
        'offset=1e20',
        t.api().get('/api/v1/companies?offset=1e20'),
        'offset: must be an integer between 0 and 2147483647',
      ],
      [
        'string userId',
        t.api().post(`/api/v1/statements/${statementId}/sync`, { userId: '1' }),
        'userId: must be an integer between 1 and 2147483647',
      ],
      [
        'huge bridgeBankId',
        t.api().patch(`/api/v1/bank-accounts/${bankAccountId}`, { bridgeBankId: 1e20 }),
        'bridgeBankId: must be an integer between 1 and 9007199254740991, or null',
      ],
      [
        'to before from',
        t.api().get('/api/v1/connection-logs?from=2026-11-05&to=2026-11-01'),
        'to: must come after from (2026-11-05)',
      ],
      [
        'from=2026-02-30',
        t.api().get('/api/v1/api-logs?from=2026-02-30'),
        'from: must be a date YYYY-MM-DD or an ISO 8601 date-time that exists, e.g. 2026-11-01 or 2026-11-01T08:00:00Z',
      ],
    ];
    for (const [label, request, message] of cases) {
      expect([label, (await request).body.message]).toEqual([label, message]);
    }
  });

  it('should still accept the good values next to the bad ones', async () => {
    await t
      .api()
      .patch(`/api/v1/bank-accounts/${bankAccountId}`, {
        bridgeBankId: 9_007_199_254_740_991,
        bridgeAccountId: '36000051006608',
      })
      .expect(200);
    const account = await t.api().get(`/api/v1/bank-accounts/${bankAccountId}`).expect(200);
    expect(account.body).toMatchObject({ bridgeBankId: 9_007_199_254_740_991, bridgeAccountId: 36_000_051_006_608 });
    await t
      .api()
      .patch(`/api/v1/bank-accounts/${bankAccountId}`, { bridgeBankId: null, bridgeAccountId: null })
      .expect(200);
    await t.api().get('/api/v1/companies?limit=500&offset=2147483647').expect(200);
    await t.api().get('/api/v1/api-logs?from=2024-02-29&to=2026-11-01T08:00:00.123%2B01:00').expect(200);
    await t.api().patch(`/api/v1/statements/${statementId}`, { balanceStart: '-1234.50' }).expect(200);
  });
});
