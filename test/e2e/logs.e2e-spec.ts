import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { ApiLogsScheduler } from '../../src/api-logs/api-logs.scheduler.js';
import { ApiLogsService } from '../../src/api-logs/api-logs.service.js';
import { ApiKeysService } from '../../src/auth/api-keys.service.js';
import { ConnectionLogService } from '../../src/connection-log/connection-log.service.js';
import { newCompany } from './utils/factories.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

describe(`connection logs and API logs (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let companyA: number;
  let companyB: number;
  let configA: number;
  let keyA: string;

  beforeAll(async () => {
    t = await createTestApp();
    companyA = (await newCompany(t.api(), { name: 'A' })).id;
    companyB = (await newCompany(t.api(), { name: 'B' })).id;
    configA = (
      await t
        .api()
        .post('/api/v1/bridge-configs', { companyIds: [companyA], name: 'A', clientId: 'c', clientSecret: 's' })
    ).body.id;
    const configB = (
      await t
        .api()
        .post('/api/v1/bridge-configs', { companyIds: [companyB], name: 'B', clientId: 'c', clientSecret: 's' })
    ).body.id;
    keyA = (await t.app.get(ApiKeysService).create({ name: 'A', editor: false, companyIds: [companyA] })).key;

    const connections = t.app.get(ConnectionLogService);
    const base = {
      bridgeConfigId: configA,
      userId: null,
      bridgeUserUuid: 'c2a26c9e-dc23-4f67-b887-bbae0f26c415',
      itemId: 10154848,
      bankId: 574,
      message: null,
      ip: '192.0.2.10',
    };
    await connections.record({
      ...base,
      at: new Date('2026-11-01T08:00:00Z'),
      companyId: companyA,
      email: 'a@x.fr',
      action: 'user_created',
      result: 'success',
    });
    await connections.record({
      ...base,
      at: new Date('2026-11-02T23:59:59Z'),
      companyId: companyA,
      email: 'a@x.fr',
      action: 'funnel_opened',
      result: 'success',
    });
    await connections.record({
      ...base,
      at: new Date('2026-11-03T00:00:00Z'),
      companyId: companyA,
      email: 'a@x.fr',
      action: 'callback_failure',
      result: 'failure',
    });
    await connections.record({
      ...base,
      at: new Date('2026-11-02T10:00:00Z'),
      companyId: companyB,
      bridgeConfigId: configB,
      email: 'b@x.fr',
      action: 'authenticated',
      result: 'success',
    });

    const apiLogs = t.app.get(ApiLogsService);
    const exchange = {
      method: 'GET',
      path: '/v3/aggregation/items',
      status: 200,
      durationMs: 42,
      requestBody: null,
      responseBody: '{"resources":[]}',
      error: null,
    };
    await apiLogs.record({
      ...exchange,
      at: new Date('2026-11-02T10:00:00Z'),
      bridgeConfigId: configA,
      companyId: companyA,
    });
    await apiLogs.record({
      ...exchange,
      at: new Date('2026-11-05T10:00:00Z'),
      bridgeConfigId: configA,
      companyId: companyA,
      status: 503,
    });
    await apiLogs.record({
      ...exchange,
      at: new Date('2026-11-02T10:00:00Z'),
      bridgeConfigId: configB,
      companyId: companyB,
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('should list connection logs newest first with the contract fields', async () => {
    const response = await t.api().get(`/api/v1/connection-logs?companyId=${companyA}`).expect(200);
    expect(response.body.total).toBe(3);
    expect(response.body.items[0]).toEqual({
      id: expect.any(Number),
      at: '2026-11-03T00:00:00.000Z',
      companyId: companyA,
      bridgeConfigId: configA,
      userId: null,
      email: 'a@x.fr',
      bridgeUserUuid: 'c2a26c9e-dc23-4f67-b887-bbae0f26c415',
      action: 'callback_failure',
      itemId: 10154848,
      bankId: 574,
      result: 'failure',
      message: null,
      ip: '192.0.2.10',
    });
  });

  it('should filter connection logs by dates (a bare "to" date includes its whole day), action and configuration', async () => {
    const window = await t.api().get('/api/v1/connection-logs?from=2026-11-02&to=2026-11-02').expect(200);
    expect(window.body.items.map((log: { action: string }) => log.action).sort()).toEqual([
      'authenticated',
      'funnel_opened',
    ]);
    const action = await t.api().get('/api/v1/connection-logs?action=user_created').expect(200);
    expect(action.body.total).toBe(1);
    const config = await t.api().get(`/api/v1/connection-logs?bridgeConfigId=${configA}&limit=1`).expect(200);
    expect(config.body).toMatchObject({ total: 3, limit: 1, offset: 0 });
    const bad = await t.api().get('/api/v1/connection-logs?from=yesterday').expect(400);
    expect(bad.body.message).toMatch(/^from: must be a date/);
    const badAction = await t.api().get('/api/v1/connection-logs?action=hacked').expect(400);
    expect(badAction.body.message).toMatch(/^action: must be one of/);
  });

  it('should page both logs by cursor (after), newest first, as by offset', async () => {
    for (const path of ['/api/v1/connection-logs', '/api/v1/api-logs']) {
      const all = (await t.api().get(`${path}?limit=100`).expect(200)).body;
      expect(all.nextCursor).toBeNull();
      const ids: number[] = [];
      let after: string | null = null;
      do {
        const query: string = after === null ? '' : `&after=${after}`;
        const page = (await t.api().get(`${path}?limit=1${query}`).expect(200)).body;
        expect(page.total).toBe(all.total);
        ids.push(...page.items.map((item: { id: number }) => item.id));
        after = page.nextCursor;
      } while (after !== null);
      expect(ids).toEqual(all.items.map((item: { id: number }) => item.id));
      expect(ids.length).toBeGreaterThan(2);
    }
    const apiCursor = (await t.api().get('/api/v1/api-logs?limit=1').expect(200)).body.nextCursor;
    const crossed = await t.api().get(`/api/v1/connection-logs?after=${apiCursor}`).expect(400);
    expect(crossed.body).toMatchObject({ code: 'page_cursor.invalid', field: 'after' });
  });

  it('should keep logs read-only', async () => {
    await t.api().post('/api/v1/connection-logs', { action: 'synced' }).expect(404);
    await t.api().post('/api/v1/api-logs', {}).expect(404);
  });

  it('should scope both logs to the companies of the key', async () => {
    const connections = await t.api(keyA).get('/api/v1/connection-logs').expect(200);
    expect(new Set(connections.body.items.map((log: { companyId: number }) => log.companyId))).toEqual(
      new Set([companyA]),
    );
    const foreign = await t.api(keyA).get(`/api/v1/connection-logs?companyId=${companyB}`).expect(200);
    expect(foreign.body.total).toBe(0);
    // A row written before exchanges carried their company is for editor keys only.
    const legacy = await t.app.get(ApiLogsService).record({
      bridgeConfigId: configA,
      companyId: null,
      method: 'GET',
      path: '/legacy',
      status: 200,
      durationMs: 1,
      requestBody: null,
      responseBody: null,
      error: null,
    });
    expect(
      (await t.api().get('/api/v1/api-logs?limit=500').expect(200)).body.items.map((log: { id: number }) => log.id),
    ).toContain(legacy.id);
    const apiLogs = await t.api(keyA).get('/api/v1/api-logs').expect(200);
    await t.dataSource.query('DELETE FROM api_log WHERE id = ?', [legacy.id]);
    expect(apiLogs.body.total).toBe(2);
    expect(new Set(apiLogs.body.items.map((log: { bridgeConfigId: number }) => log.bridgeConfigId))).toEqual(
      new Set([configA]),
    );
  });

  it('should purge API logs past the retention, under the scheduler', async () => {
    const scheduler = t.app.get(ApiLogsScheduler);
    const service = t.app.get(ApiLogsService);
    const old = await service.record({
      bridgeConfigId: configA,
      companyId: companyA,
      method: 'GET',
      path: '/old',
      status: 200,
      durationMs: 1,
      requestBody: null,
      responseBody: null,
      error: null,
      at: new Date(t.clock.nowMs() - 31 * 86_400_000),
    });
    const recent = await service.record({
      bridgeConfigId: configA,
      companyId: companyA,
      method: 'GET',
      path: '/recent',
      status: 200,
      durationMs: 1,
      requestBody: null,
      responseBody: null,
      error: null,
    });
    await scheduler.purge();
    const remaining: { id: number }[] = await t.dataSource.query('SELECT id FROM api_log WHERE id IN (?, ?)', [
      old.id,
      recent.id,
    ]);
    expect(remaining.map((row) => Number(row.id))).toEqual([recent.id]);
    await t.dataSource.query('DELETE FROM api_log WHERE id = ?', [recent.id]);
  });

  it('should filter API logs by configuration and time', async () => {
    const response = await t
      .api()
      .get(`/api/v1/api-logs?bridgeConfigId=${configA}&from=2026-11-04T00:00:00Z`)
      .expect(200);
    expect(response.body.items).toEqual([
      {
        id: expect.any(Number),
        at: '2026-11-05T10:00:00.000Z',
        bridgeConfigId: configA,
        companyId: companyA,
        method: 'GET',
        path: '/v3/aggregation/items',
        status: 503,
        durationMs: 42,
        rowCount: null,
        requestBody: null,
        responseBody: '{"resources":[]}',
        error: null,
      },
    ]);
  });
});
