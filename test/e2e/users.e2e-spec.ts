import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';

import { newCompany } from './utils/factories.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

describe(`users (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let companyId: number;

  beforeAll(async () => {
    t = await createTestApp();
  });

  // Each test has a company of its own: its lists hold its users only.
  beforeEach(async () => {
    companyId = (await newCompany(t.api())).id;
  });

  afterAll(async () => {
    await t.close();
  });

  it('should create a user with a normalised Bridge e-mail', async () => {
    const created = await t
      .api()
      .post('/api/v1/users', {
        companyId,
        name: 'Claire Dupont',
        login: 'cdupont',
        email: '  Claire.Dupont@Cabinet.FR ',
      })
      .expect(201);
    expect(created.body).toEqual({
      id: expect.any(Number),
      companyId,
      name: 'Claire Dupont',
      login: 'cdupont',
      email: 'claire.dupont@cabinet.fr',
      active: true,
    });
    const listed = await t.api().get(`/api/v1/users?companyId=${companyId}`).expect(200);
    expect(listed.body.items).toEqual([created.body]);
  });

  it('should allow a user without e-mail and clear an e-mail with null', async () => {
    const created = await t.api().post('/api/v1/users', { companyId, name: 'Paul', login: 'paul' }).expect(201);
    expect(created.body.email).toBeNull();
    const withEmail = await t.api().patch(`/api/v1/users/${created.body.id}`, { email: 'paul@cabinet.fr' }).expect(200);
    expect(withEmail.body.email).toBe('paul@cabinet.fr');
    const cleared = await t.api().patch(`/api/v1/users/${created.body.id}`, { email: null, active: false }).expect(200);
    expect(cleared.body).toMatchObject({ email: null, active: false });
  });

  it('should refuse bad input by name', async () => {
    await t.api().post('/api/v1/users', { companyId, name: 'Claire Dupont', login: 'cdupont' }).expect(201);
    await t.api().post('/api/v1/users', { companyId, name: 'Paul', login: 'paul' }).expect(201);
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ companyId, name: 'X', login: 'x', email: 'not-an-email' }, 400, /^email: must be a valid e-mail address/],
      [{ companyId, name: 'X', login: 'has space' }, 400, /^login: /],
      [{ companyId, name: '', login: 'x' }, 400, /^name: /],
      [{ name: 'X', login: 'x' }, 400, /^companyId: /],
      [{ companyId: 9999, name: 'X', login: 'x' }, 404, /^companyId: Company 9999 not found/],
      [{ companyId, name: 'Twin', login: 'cdupont' }, 409, /^login: "cdupont" is already used/],
    ];
    for (const [body, status, message] of cases) {
      const response = await t.api().post('/api/v1/users', body);
      expect({ body, status: response.status }).toEqual({ body, status });
      expect(response.body.message).toMatch(message);
    }
    const users = await t.api().get(`/api/v1/users?companyId=${companyId}`).expect(200);
    expect(users.body.items.map((user: { login: string }) => user.login).sort()).toEqual(['cdupont', 'paul']);
  });
});
