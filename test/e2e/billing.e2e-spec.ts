import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { SchedulerRegistry } from '@nestjs/schedule';

import { ApiKeysService } from '../../src/auth/api-keys.service.js';
import { BillingScheduler } from '../../src/billing/billing.scheduler.js';
import { BillingService } from '../../src/billing/billing.service.js';
import { ConnectionLogService } from '../../src/connection-log/connection-log.service.js';
import { User } from '../../src/users/user.entity.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

/**
 * A pinned year of one Bridge configuration serving two companies (Paris time):
 * - X: a@ (since June 2026), c@ (since January 2026, removed 15 June 2027), d@ (created 31 Dec 2026 at 23:30 Paris),
 *   b@ (added 10 March 2027, active in March and April), e@ (created 1 January 2027 at 09:00 Paris, active that night).
 * - Y: y@ (since May 2026).
 */
describe(`billing reports (${TEST_ENGINE})`, () => {
  let t: TestApp;
  const ids: Record<string, number> = {};

  async function user(companyId: number, email: string, createdAt: string, deactivatedAt?: string): Promise<void> {
    const created = await t
      .api()
      .post('/api/v1/users', { companyId, name: email, login: email.split('@')[0], email })
      .expect(201);
    await t.dataSource.getRepository(User).update(created.body.id, {
      createdAt: new Date(createdAt),
      active: !deactivatedAt,
      deactivatedAt: deactivatedAt ? new Date(deactivatedAt) : null,
    });
  }

  async function activity(companyId: number, email: string, at: string): Promise<void> {
    await t.app.get(ConnectionLogService).record({
      at: new Date(at),
      companyId,
      bridgeConfigId: ids.config!,
      userId: null,
      email,
      bridgeUserUuid: null,
      action: 'synced',
      itemId: null,
      bankId: null,
      result: 'success',
      message: null,
      ip: null,
    });
  }

  beforeAll(async () => {
    t = await createTestApp({ BILLING_SCHEDULER: 'off' });
    ids.x = (await t.api().post('/api/v1/companies', { name: 'X', subscriptionActive: true }).expect(201)).body.id;
    ids.y = (await t.api().post('/api/v1/companies', { name: 'Y', subscriptionActive: true }).expect(201)).body.id;
    ids.config = (
      await t
        .api()
        .post('/api/v1/bridge-configs', {
          companyIds: [ids.x, ids.y],
          name: 'Shared',
          clientId: 'c',
          clientSecret: 's',
        })
        .expect(201)
    ).body.id;
    await user(ids.x!, 'a@x.fr', '2026-06-01T08:00:00Z');
    await user(ids.x!, 'c@x.fr', '2026-01-01T08:00:00Z', '2027-06-15T08:00:00Z');
    await user(ids.x!, 'd@x.fr', '2026-12-31T22:30:00Z');
    await user(ids.x!, 'b@x.fr', '2027-03-10T08:00:00Z');
    await user(ids.x!, 'e@x.fr', '2027-01-01T08:00:00Z');
    await user(ids.y!, 'y@y.fr', '2026-05-01T08:00:00Z');
    await activity(ids.x!, 'a@x.fr', '2026-12-31T22:30:00Z'); // 31 December, 23:30 in Paris
    await activity(ids.x!, 'e@x.fr', '2026-12-31T23:30:00Z'); // 1 January, 00:30 in Paris
    await activity(ids.x!, 'b@x.fr', '2027-03-12T10:00:00Z');
    await activity(ids.x!, 'b@x.fr', '2027-03-20T10:00:00Z');
    await activity(ids.x!, 'a@x.fr', '2027-03-21T10:00:00Z');
    await activity(ids.x!, 'b@x.fr', '2027-04-02T10:00:00Z');
    await activity(ids.x!, 'c@x.fr', '2027-07-01T10:00:00Z');
    // The scene's periods are over: the product's day is mid-December 2027.
    t.clock.set(new Date('2027-12-15T09:00:00Z'));
  });

  afterAll(async () => {
    await t.close();
  });

  // Every test starts with no report and runs the periods it needs: the users and their activity are the scene above.
  beforeEach(async () => {
    await t.dataSource.query('DELETE FROM billing_report');
  });

  /** Runs these periods in this order, as the editor's "run" button does. */
  async function run(...periods: string[]): Promise<void> {
    for (const period of periods) await t.api().post('/api/v1/billing/runs', { period }).expect(200);
  }

  const reports = async (query: string) =>
    (await t.api().get(`/api/v1/billing/reports?${query}`).expect(200)).body.items as Record<string, unknown>[];

  it('should bill on 1 January, Paris time, the users enabled then, per company of the shared configuration', async () => {
    const scheduler = t.app.get(BillingScheduler);
    await scheduler.runDue('annual', new Date('2026-12-31T23:05:00Z'));
    await scheduler.runDue('monthly', new Date('2026-12-31T23:15:00Z'));
    expect(await reports('year=2027')).toEqual([
      {
        id: expect.any(Number),
        period: '2027',
        kind: 'annual',
        companyId: ids.x,
        bridgeConfigId: ids.config,
        users: ['a@x.fr', 'c@x.fr', 'd@x.fr'],
        userCount: 3,
        unitPrice: '600.00',
        amount: '1800.00',
      },
      {
        id: expect.any(Number),
        period: '2027',
        kind: 'annual',
        companyId: ids.y,
        bridgeConfigId: ids.config,
        users: ['y@y.fr'],
        userCount: 1,
        unitPrice: '600.00',
        amount: '600.00',
      },
    ]);
    // 31 December at 23:30 in Paris is still December: a@ was not in the 2026 annual count.
    expect(await reports('year=2026&month=12')).toEqual([
      expect.objectContaining({
        kind: 'monthly',
        companyId: ids.x,
        users: ['a@x.fr'],
        unitPrice: '50.00',
        amount: '50.00',
      }),
    ]);
  });

  it('should bill additional users once per month of activity, never those of the annual count', async () => {
    await run('2027', '2027-01', '2027-02', '2027-03', '2027-04', '2027-07');
    const monthly = (await reports('year=2027&limit=100')).filter((report) => report.kind === 'monthly');
    expect(monthly.map((report) => [report.period, report.companyId, report.users, report.amount])).toEqual([
      ['2027-01', ids.x, ['e@x.fr'], '50.00'],
      ['2027-03', ids.x, ['b@x.fr'], '50.00'],
      ['2027-04', ids.x, ['b@x.fr'], '50.00'],
    ]);
  });

  it('should change nothing when a period runs again, even from two instances at the same minute', async () => {
    await run('2027', '2027-03', '2027-04');
    const [{ count: before }] = await t.dataSource.query('SELECT COUNT(*) AS count FROM billing_report');
    const again = await t.api().post('/api/v1/billing/runs', { period: '2027-03' }).expect(200);
    expect(again.body).toMatchObject({
      period: '2027-03',
      kind: 'monthly',
      created: [],
      existing: [expect.objectContaining({ users: ['b@x.fr'] })],
    });

    await t.dataSource.query("DELETE FROM billing_report WHERE period = '2027-04'");
    const service = t.app.get(BillingService);
    const [first, second] = await Promise.all([service.run('2027-04'), service.run('2027-04')]);
    expect(first.created.length + second.created.length).toBe(1);
    const [{ count: after }] = await t.dataSource.query('SELECT COUNT(*) AS count FROM billing_report');
    expect(Number(after)).toBe(Number(before));
  });

  it('should refuse to bill a month or a year that has not begun or is not over, and store nothing', async () => {
    // 15 December 2027 in Paris: December is not over, 2028 has not begun; November and 2027 can be billed.
    for (const period of ['2027-12', '2028', '2028-01', '2031-05']) {
      const refused = await t.api().post('/api/v1/billing/runs', { period });
      expect({ period, status: refused.status, code: refused.body.code, field: refused.body.field }).toEqual({
        period,
        status: 400,
        code: 'billing_period.not_over',
        field: 'period',
      });
      expect(refused.body.message).toMatch(/^period: /);
    }
    expect(await reports('year=2028')).toEqual([]);
    expect(await reports('year=2027&month=12')).toEqual([]);
    await run('2027', '2027-11');
    // The last minute of a Paris month is still in it.
    t.clock.set(new Date('2027-12-31T22:59:00Z'));
    try {
      expect((await t.api().post('/api/v1/billing/runs', { period: '2027-12' })).status).toBe(400);
      t.clock.set(new Date('2027-12-31T23:00:30Z'));
      await run('2027-12', '2028');
    } finally {
      t.clock.set(new Date('2027-12-15T09:00:00Z'));
    }
  });

  it('should keep runs and downloads for the editor, and refuse a bad period by name', async () => {
    await run('2027', '2027-01', '2027-02', '2027-03', '2027-04');
    const scoped = (await t.app.get(ApiKeysService).create({ name: 'X', editor: false, companyIds: [ids.x!] })).key;
    await t.api(scoped).post('/api/v1/billing/runs', { period: '2027-05' }).expect(403);
    await t.api(scoped).get('/api/v1/billing/reports/export').expect(403);
    const own = await t.api(scoped).get('/api/v1/billing/reports?year=2027').expect(200);
    expect(own.body.items.every((report: { companyId: number }) => report.companyId === ids.x)).toBe(true);
    expect((await t.api().post('/api/v1/billing/runs', { period: '2027-13' }).expect(400)).body.message).toMatch(
      /^period: /,
    );
    expect((await t.api().get('/api/v1/billing/reports?month=3').expect(400)).body.message).toMatch(
      /^month: needs a year/,
    );

    const csv = await t.api().get('/api/v1/billing/reports/export?year=2027&month=3').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain('rapports-facturation-bridge-2027-03.csv');
    expect(
      csv.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/),
    ).toEqual([
      'period;kind;companyId;companyName;bridgeConfigId;bridgeConfigName;userCount;unitPrice;amount;users',
      `2027-03;monthly;${ids.x};X;${ids.config};Shared;1;50.00;50.00;b@x.fr`,
    ]);
    const json = await t.api().get('/api/v1/billing/reports/export?format=json&year=2027').expect(200);
    expect(json.headers['content-disposition']).toContain('rapports-facturation-bridge-2027.json');
    expect(
      JSON.parse(json.text).map((report: { period: string; amount: string; companyName: string }) => [
        report.period,
        report.amount,
        report.companyName,
      ]),
    ).toEqual([
      ['2027', '1800.00', 'X'],
      ['2027', '600.00', 'Y'],
      ['2027-01', '50.00', 'X'],
      ['2027-03', '50.00', 'X'],
      ['2027-04', '50.00', 'X'],
    ]);
  });

  it('should add up users and amounts per month for the chart', async () => {
    await run('2027', '2027-01', '2027-02', '2027-03', '2027-04');
    const totals = await t.app.get(BillingService).monthlyTotals(2027);
    expect(totals.slice(0, 4)).toEqual([
      { month: '2027-01', users: 5, annualUsers: 4, additionalUsers: 1, amount: '2450.00' },
      { month: '2027-02', users: 0, annualUsers: 0, additionalUsers: 0, amount: '0.00' },
      { month: '2027-03', users: 1, annualUsers: 0, additionalUsers: 1, amount: '50.00' },
      { month: '2027-04', users: 1, annualUsers: 0, additionalUsers: 1, amount: '50.00' },
    ]);
  });
});

// An app of its own: its company would otherwise take part in the runs of the scene above.
describe(`billing export of e-mails that look like formulas (${TEST_ENGINE})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ BILLING_SCHEDULER: 'off' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('should export e-mails and names that look like formulas as text a spreadsheet never runs', async () => {
    // A valid e-mail address (RFC 5322 allows = + - in the local part) that a spreadsheet would run as a formula.
    const z = (await t.api().post('/api/v1/companies', { name: '+Z SARL', subscriptionActive: true }).expect(201)).body
      .id;
    const config = (
      await t
        .api()
        .post('/api/v1/bridge-configs', { companyIds: [z], name: 'Z', clientId: 'z', clientSecret: 's' })
        .expect(201)
    ).body.id;
    const created = await t
      .api()
      .post('/api/v1/users', { companyId: z, name: 'Z', login: 'z', email: '=cmd|calc!a0@z.fr' })
      .expect(201);
    await t.dataSource.getRepository(User).update(created.body.id, { createdAt: new Date('2027-05-01T08:00:00Z') });
    await t.app.get(ConnectionLogService).record({
      at: new Date('2027-06-03T10:00:00Z'),
      companyId: z,
      bridgeConfigId: config,
      userId: null,
      email: '=cmd|calc!a0@z.fr',
      bridgeUserUuid: null,
      action: 'synced',
      itemId: null,
      bankId: null,
      result: 'success',
      message: null,
      ip: null,
    });
    t.clock.set(new Date('2027-07-01T09:00:00Z')); // June 2027 is over
    await t.api().post('/api/v1/billing/runs', { period: '2027-06' }).expect(200);
    const csv = await t.api().get('/api/v1/billing/reports/export?year=2027&month=6').expect(200);
    const rows = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(rows).toContain(`2027-06;monthly;${z};'+Z SARL;${config};Z;1;50.00;50.00;'=cmd|calc!a0@z.fr`);
  });
});

describe(`billing scheduler (${TEST_ENGINE})`, () => {
  it('should schedule both jobs in the billing time zone, and none with the kill switch', async () => {
    const on = await createTestApp({ BILLING_SCHEDULER: 'on' });
    try {
      const jobs = on.app.get(SchedulerRegistry).getCronJobs();
      const annual = jobs.get('billing-annual')!.nextDate().setZone('Europe/Paris');
      expect([annual.month, annual.day, annual.hour, annual.minute]).toEqual([1, 1, 0, 5]);
      const monthly = jobs.get('billing-monthly')!.nextDate().setZone('Europe/Paris');
      expect([monthly.day, monthly.hour, monthly.minute]).toEqual([1, 0, 15]);
    } finally {
      await on.close();
    }
    const off = await createTestApp({ BILLING_SCHEDULER: 'off' });
    try {
      expect(
        [...off.app.get(SchedulerRegistry).getCronJobs().keys()].filter((name) => name.startsWith('billing-')),
      ).toEqual([]);
    } finally {
      await off.close();
    }
  });
});

// An app of its own: a company that two active Bridge configurations serve (the second one a leftover).
describe(`billing of a company with two active Bridge configurations (${TEST_ENGINE})`, () => {
  let t: TestApp;
  const ids: Record<string, number> = {};

  async function activity(configId: number, email: string, at: string): Promise<void> {
    await t.app.get(ConnectionLogService).record({
      at: new Date(at),
      companyId: ids.w!,
      bridgeConfigId: configId,
      userId: null,
      email,
      bridgeUserUuid: null,
      action: 'synced',
      itemId: null,
      bankId: null,
      result: 'success',
      message: null,
      ip: null,
    });
  }

  beforeAll(async () => {
    t = await createTestApp({ BILLING_SCHEDULER: 'off' });
    ids.w = (await t.api().post('/api/v1/companies', { name: 'W', subscriptionActive: true }).expect(201)).body.id;
    for (const name of ['first', 'second']) {
      ids[name] = (
        await t
          .api()
          .post('/api/v1/bridge-configs', {
            companyIds: [ids.w],
            name,
            clientId: `${name}-client-id-42`,
            clientSecret: `${name}-client-secret-42`,
          })
          .expect(201)
      ).body.id;
    }
    for (const email of ['a@w.fr', 'b@w.fr', 'm@w.fr']) {
      const created = await t
        .api()
        .post('/api/v1/users', { companyId: ids.w, name: email, login: email.split('@')[0], email })
        .expect(201);
      const createdAt = email === 'm@w.fr' ? '2027-03-02T08:00:00Z' : '2026-06-01T08:00:00Z';
      await t.dataSource.getRepository(User).update(created.body.id, { createdAt: new Date(createdAt) });
    }
    // m@ works in March through both configurations.
    await activity(ids.first!, 'm@w.fr', '2027-03-05T10:00:00Z');
    await activity(ids.second!, 'm@w.fr', '2027-03-06T10:00:00Z');
    await activity(ids.second!, 'a@w.fr', '2027-03-06T10:00:00Z');
    t.clock.set(new Date('2027-12-15T09:00:00Z'));
  });

  afterAll(async () => {
    await t.close();
  });

  beforeEach(async () => {
    await t.dataSource.query('DELETE FROM billing_report');
  });

  it('should bill each Bridge user once a year, in one report for the company, and warn of the two configurations', async () => {
    const run = await t.api().post('/api/v1/billing/runs', { period: '2027' }).expect(200);
    expect(run.body.created).toEqual([
      expect.objectContaining({
        companyId: ids.w,
        bridgeConfigId: ids.first,
        users: ['a@w.fr', 'b@w.fr'],
        userCount: 2,
        amount: '1200.00',
      }),
    ]);
    expect(run.body.warnings).toEqual([
      { code: 'bridge_config.several_active', message: expect.stringContaining(`${ids.first}, ${ids.second}`) },
    ]);
    const again = await t.api().post('/api/v1/billing/runs', { period: '2027' }).expect(200);
    expect([again.body.created, again.body.existing.length]).toEqual([[], 1]);
  });

  it('should bill an additional user once a month whatever the configuration it went through', async () => {
    await t.api().post('/api/v1/billing/runs', { period: '2027' }).expect(200);
    const run = await t.api().post('/api/v1/billing/runs', { period: '2027-03' }).expect(200);
    expect(run.body.created).toEqual([
      expect.objectContaining({ companyId: ids.w, kind: 'monthly', users: ['m@w.fr'], amount: '50.00' }),
    ]);
    const [{ count }] = await t.dataSource.query(
      "SELECT COUNT(*) AS count FROM billing_report WHERE period = '2027-03'",
    );
    expect(Number(count)).toBe(1);
  });
});
