import { createServer, type Server } from 'node:http';

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';

import { AdminAccountsService } from '../../src/admin-accounts/admin-accounts.service.js';
import { ConnectionLogService } from '../../src/connection-log/connection-log.service.js';
import { launchBrowser } from '../e2e/utils/browser.js';
import { createTestApp, TEST_ENGINE, type TestApp } from '../e2e/utils/test-app.js';
import { freePort } from '../support/processes.js';
import { sandboxControl } from '../support/sandbox-control.js';
import { TEST_NOW } from '../support/test-clock.js';

// Chromium walks through several pages per test.
jest.setTimeout(120_000);

const PASSWORD = 'correct-horse-battery';
// Company A's configuration points at the mounted sandbox, so that its Synchro opens the funnel.
const CLIENT_SECRET_A = 'sandbox-client-secret';
const WEBHOOK_SECRET_A = 'webhook-secret-of-company-a';
const HIDDEN_COLUMNS = [
  'passwordHash',
  'failedAttempts',
  'lockedUntil',
  'clientSecretEncrypted',
  'webhookSecretEncrypted',
];

/** A back-office session over supertest: logs in like the login form and sends the back-office's Origin on writes. */
async function signIn(
  app: TestApp,
  origin: string,
  email: string,
  headers: Record<string, string> = {},
): Promise<TestAgent> {
  const agent = request.agent(app.app.getHttpServer());
  const login = await agent
    .post('/admin/login')
    .set({ Origin: origin, ...headers })
    .type('form')
    .send({ email, password: PASSWORD });
  expect(login.status).toBe(302);
  return agent;
}

async function listen(app: TestApp, port: number): Promise<void> {
  await new Promise<void>((resolve) => app.app.getHttpServer().listen(port, '127.0.0.1', resolve));
}

const accounts = { editor: 'editeur@telecollecte.fr', a: 'integrateur-a@cabinet.fr', b: 'integrateur-b@cabinet.fr' };

/** The back-office app of the tests below, listening on a port of its own: two companies with their data, an editor and
 * one integrator per company (their ids into `ids`). */
async function backOfficeScene(ids: Record<string, number>): Promise<{ t: TestApp; origin: string }> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const t = await createTestApp({ ADMIN: 'on', BRIDGE_SANDBOX: 'on', PUBLIC_URL: origin });
  await listen(t, port);
  const api = t.api();
  for (const key of ['a', 'b'] as const) {
    const name = key === 'a' ? 'Boulangerie Alpha' : 'Brasserie Beta';
    ids[key] = (await api.post('/api/v1/companies', { name, subscriptionActive: true }).expect(201)).body.id;
    ids[`config_${key}`] = (
      await api
        .post('/api/v1/bridge-configs', {
          companyIds: [ids[key]],
          name: `Bridge ${key}`,
          ...(key === 'a' && { url: `${origin}/bridge-sandbox` }),
          clientId: key === 'a' ? 'sandbox-client-id' : 'client-b',
          clientSecret: key === 'a' ? CLIENT_SECRET_A : 'client-secret-of-company-b',
          webhookSecret: key === 'a' ? WEBHOOK_SECRET_A : 'webhook-secret-of-company-b',
        })
        .expect(201)
    ).body.id;
    ids[`user_${key}`] = (
      await api
        .post('/api/v1/users', {
          companyId: ids[key],
          name: `Claire ${key}`,
          login: `claire${key}`,
          email: `claire@${key}.fr`,
        })
        .expect(201)
    ).body.id;
    const preview = await sandboxControl(`${origin}/bridge-sandbox`, t.config.sandboxControlToken!).post<{
      accounts: { type: string; iban: string }[];
    }>('/preview-accounts', { userKey: `claire@${key}.fr`, providerId: 574 });
    const iban = preview.accounts.find((account) => account.type === 'checking')!.iban;
    ids[`account_${key}`] = (
      await api
        .post('/api/v1/bank-accounts', {
          companyId: ids[key],
          journalCode: `BQ${key.toUpperCase()}`,
          journalName: `Banque ${key}`,
          iban,
        })
        .expect(201)
    ).body.id;
    ids[`statement_${key}`] = (
      await api
        .post('/api/v1/statements', {
          bankAccountId: ids[`account_${key}`],
          dateStart: `${TEST_NOW.toISOString().slice(0, 7)}-01`,
        })
        .expect(201)
    ).body.id;
    await t.app.get(ConnectionLogService).record({
      at: TEST_NOW,
      companyId: ids[key]!,
      bridgeConfigId: ids[`config_${key}`]!,
      userId: ids[`user_${key}`]!,
      email: `claire@${key}.fr`,
      bridgeUserUuid: null,
      action: 'callback_failure',
      itemId: null,
      bankId: null,
      result: 'failure',
      // What Bridge's callback parameters could carry into the log, and a spreadsheet would run.
      message: `=HYPERLINK("https://evil.example/${key}","ouvrir")`,
      ip: null,
    });
  }
  const service = t.app.get(AdminAccountsService);
  await service.create({ email: accounts.editor, name: 'Éditeur', password: PASSWORD, userId: null, role: 'editor' });
  await service.create({
    email: accounts.a,
    name: 'Intégrateur A',
    password: PASSWORD,
    userId: null,
    role: 'integrator',
    companyIds: [ids.a!],
  });
  await service.create({
    email: accounts.b,
    name: 'Intégrateur B',
    password: PASSWORD,
    userId: null,
    role: 'integrator',
    companyIds: [ids.b!],
  });
  return { t, origin };
}

/** Starts an app with the scene above before the tests of the calling describe, and closes it after them. */
function backOfficeWorld(): { t: TestApp; origin: string; ids: Record<string, number> } {
  const world = { ids: {} } as { t: TestApp; origin: string; ids: Record<string, number> };
  beforeAll(async () => {
    Object.assign(world, await backOfficeScene(world.ids));
  });
  afterAll(async () => {
    await world.t?.close();
  });
  return world;
}

/** Two companies with their data, an editor and one integrator per company. */
describe(`back-office attacked (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let origin: string;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    ({ t, origin } = await backOfficeScene(ids));
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('S3: cross-origin requests', () => {
    it('should refuse a state-changing request from another origin, and let the back-office through', async () => {
      const post = (headers: Record<string, string>) =>
        request(t.app.getHttpServer())
          .post('/admin/login')
          .set(headers)
          .type('form')
          .send({ email: accounts.editor, password: PASSWORD });
      expect((await post({ Origin: 'http://127.0.0.1:1' })).status).toBe(403);
      expect((await post({ Origin: 'null' })).status).toBe(403);
      expect((await post({ Referer: 'http://127.0.0.1:1/attack.html' })).status).toBe(403);
      expect((await post({ Origin: origin, 'Sec-Fetch-Site': 'same-site' })).status).toBe(403);
      // No Origin and no Referer: not the back-office's own form either.
      expect((await post({})).status).toBe(403);
      expect((await post({ Origin: origin, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(302);
      expect((await post({ Referer: `${origin}/admin/login` })).status).toBe(302);
    });

    it('should accept the back-office opened at another address of this server than PUBLIC_URL, its own origin', async () => {
      const post = (headers: Record<string, string>) =>
        request(t.app.getHttpServer())
          .post('/admin/login')
          .set(headers)
          .type('form')
          .send({ email: accounts.editor, password: PASSWORD });
      // The browser sent the request to localhost:<port> and says it comes from there: same origin, although PUBLIC_URL names 127.0.0.1.
      const local = origin.replace('127.0.0.1', 'localhost');
      expect((await post({ Host: new URL(local).host, Origin: local, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(
        302,
      );
      // A page on another port cannot make the browser send the back-office's Host with its own Origin.
      expect((await post({ Host: new URL(local).host, Origin: 'http://localhost:1' })).status).toBe(403);
    });

    it('should let a page on another port of this host change nothing, by form or by fetch, while the back-office keeps working', async () => {
      const attackerPort = await freePort();
      const attack = `<!DOCTYPE html><html><body>
        <form id="edit" method="post" action="${origin}/admin/api/resources/Company/records/${ids.a}/edit"><input name="name" value="Pwned by form"></form>
        <iframe name="sink"></iframe>
        <script>
          fetch('${origin}/admin/api/resources/AdminAccount/actions/new', { method: 'POST', credentials: 'include', mode: 'no-cors',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: 'email=intrus%40evil.example&name=Intrus&password=intrus-password-123&role=editor&active=true' })
            .finally(() => { document.getElementById('edit').target = 'sink'; document.getElementById('edit').submit(); setTimeout(() => { document.title = 'done'; }, 1500); });
        </script></body></html>`;
      const attacker: Server = createServer((_request, response) =>
        response.writeHead(200, { 'Content-Type': 'text/html' }).end(attack),
      );
      await new Promise<void>((resolve) => attacker.listen(attackerPort, '127.0.0.1', resolve));
      const browser = await launchBrowser();
      try {
        const page = await browser.newPage();
        await page.goto(`${origin}/admin/login`, { waitUntil: 'commit' });
        await page.fill('input[name="email"]', accounts.editor);
        await page.fill('input[name="password"]', PASSWORD);
        await page.getByRole('button', { name: 'Se connecter' }).click();
        await page.getByText('Back-office des intégrateurs').waitFor();

        await page.goto(`http://127.0.0.1:${attackerPort}/`, { waitUntil: 'commit' });
        await page.waitForFunction('document.title === "done"', undefined, { timeout: 20_000 });
        expect((await t.api().get(`/api/v1/companies/${ids.a}`).expect(200)).body.name).toBe('Boulangerie Alpha');
        const [{ count }] = await t.dataSource.query(
          "SELECT COUNT(*) AS count FROM admin_account WHERE email = 'intrus@evil.example'",
        );
        expect(Number(count)).toBe(0);

        // The back-office itself still edits.
        await page.goto(`${origin}/admin/resources/Company/records/${ids.a}/edit`, { waitUntil: 'commit' });
        await page.locator('input[name="name"]').fill('Boulangerie Alpha SARL');
        await page.getByRole('button', { name: 'Enregistrer' }).click();
        await page.waitForURL(/\/show/, { waitUntil: 'commit' });
        expect((await t.api().get(`/api/v1/companies/${ids.a}`).expect(200)).body.name).toBe('Boulangerie Alpha SARL');
        await t.api().patch(`/api/v1/companies/${ids.a}`, { name: 'Boulangerie Alpha' }).expect(200);
      } finally {
        await browser.close();
        await new Promise((resolve) => attacker.close(resolve));
      }
    });

    it('should give a new session id at login, so that a session planted by another port of this host is worthless', async () => {
      // Cookies ignore ports: a page on another port can plant its own valid session cookie in the victim's browser.
      const attacker = await request(t.app.getHttpServer())
        .post('/admin/login')
        .set('Origin', origin)
        .type('form')
        .send({ email: accounts.b, password: PASSWORD })
        .expect(302);
      const planted = /tcb_admin=[^;]+/.exec(String(attacker.headers['set-cookie']))![0];
      const victim = await request(t.app.getHttpServer())
        .post('/admin/login')
        .set({ Origin: origin, Cookie: planted })
        .type('form')
        .send({ email: accounts.editor, password: PASSWORD })
        .expect(302);
      expect(/tcb_admin=[^;]+/.exec(String(victim.headers['set-cookie']))?.[0]).not.toBe(planted);
      // The planted cookie does not open the editor's session.
      const reuse = await request(t.app.getHttpServer())
        .get('/admin/api/resources/AdminAccount/actions/list')
        .set('Cookie', planted);
      expect(reuse.body?.records ?? []).toEqual([]);
    });
  });

  describe('S5: hidden columns', () => {
    it('should send no password hash, failed-attempt count or Bridge secret in any back-office JSON', async () => {
      const editor = await signIn(t, origin, accounts.editor);
      const [{ id: accountId }] = await t.dataSource.query('SELECT id FROM admin_account WHERE email = ?', [
        accounts.a,
      ]);
      const [{ passwordHash }] = await t.dataSource.query('SELECT passwordHash FROM admin_account WHERE email = ?', [
        accounts.a,
      ]);
      const [{ clientSecretEncrypted }] = await t.dataSource.query(
        'SELECT clientSecretEncrypted FROM bridge_config WHERE id = ?',
        [ids.config_a],
      );
      const pages = [
        '/admin/api/resources/AdminAccount/actions/list',
        `/admin/api/resources/AdminAccount/records/${accountId}/show`,
        `/admin/api/resources/AdminAccount/records/${accountId}/edit`,
        '/admin/api/resources/AdminAccount/actions/search/Int',
        '/admin/api/resources/BridgeConfig/actions/list',
        `/admin/api/resources/BridgeConfig/records/${ids.config_a}/show`,
        `/admin/api/resources/BridgeConfig/records/${ids.config_a}/edit`,
        '/admin/api/resources/BridgeConfig/actions/search/Bridge',
      ];
      for (const path of pages) {
        const answer = await editor.get(path).expect(200);
        const json = JSON.stringify(answer.body);
        expect({ path, records: json.includes('"params"') }).toEqual({ path, records: true });
        for (const needle of [
          ...HIDDEN_COLUMNS,
          passwordHash,
          clientSecretEncrypted,
          CLIENT_SECRET_A,
          WEBHOOK_SECRET_A,
        ]) {
          expect({ path, leaks: json.includes(needle) ? needle : null }).toEqual({ path, leaks: null });
        }
      }
      // Nor can a filter or a sort on a hidden column tell anything about it.
      const all = (await editor.get('/admin/api/resources/AdminAccount/actions/list').expect(200)).body.meta.total;
      const filtered = await editor
        .get('/admin/api/resources/AdminAccount/actions/list?filters.passwordHash=scrypt%24zzzz')
        .expect(200);
      expect(filtered.body.meta.total).toBe(all);
      await editor.get('/admin/api/resources/BridgeConfig/actions/list?sortBy=clientSecretEncrypted').expect(200);
      // The HTML pages neither.
      const html = (await editor.get(`/admin/resources/AdminAccount/records/${accountId}/show`).expect(200)).text;
      expect(html).not.toContain(passwordHash);
    });
  });

  describe('S6: integrators see their companies only', () => {
    let a: TestAgent;
    let b: TestAgent;
    let editor: TestAgent;
    const names = (body: { records: { params: Record<string, unknown> }[] }, field: string) =>
      body.records.map((record) => record.params[field]).sort();

    beforeAll(async () => {
      a = await signIn(t, origin, accounts.a);
      b = await signIn(t, origin, accounts.b);
      editor = await signIn(t, origin, accounts.editor);
    });

    it('should list only their rows in every resource, and every row to the editor', async () => {
      const lists: [string, string, (key: 'a' | 'b') => unknown][] = [
        ['Company', 'id', (key) => ids[key]],
        ['BridgeConfig', 'id', (key) => ids[`config_${key}`]],
        ['User', 'companyId', (key) => ids[key]],
        ['BankAccount', 'companyId', (key) => ids[key]],
        ['BankStatement', 'bankAccountId', (key) => ids[`account_${key}`]],
        ['ConnectionLog', 'companyId', (key) => ids[key]],
      ];
      for (const [resource, field, expected] of lists) {
        const ofA = (await a.get(`/admin/api/resources/${resource}/actions/list`).expect(200)).body;
        expect({ resource, values: names(ofA, field), total: ofA.meta.total }).toEqual({
          resource,
          values: [expected('a')],
          total: 1,
        });
        const ofB = (await b.get(`/admin/api/resources/${resource}/actions/list`).expect(200)).body;
        expect({ resource, values: names(ofB, field) }).toEqual({ resource, values: [expected('b')] });
        const all = (await editor.get(`/admin/api/resources/${resource}/actions/list`).expect(200)).body;
        expect({ resource, total: all.meta.total }).toEqual({ resource, total: 2 });
      }
      for (const resource of ['ApiLog', 'StatementLine', 'BankTransaction']) {
        const answer = await a.get(`/admin/api/resources/${resource}/actions/list`).expect(200);
        expect(answer.body.records).toEqual([]);
      }
      // A filter naming the other company finds nothing.
      expect(
        (await a.get(`/admin/api/resources/User/actions/list?filters.companyId=${ids.b}`).expect(200)).body.records,
      ).toEqual([]);
    });

    it('should neither show, search, pick nor act on another company’s records', async () => {
      // AdminJS answers a record it cannot find with an error notice and no data.
      const refused = async (path: string) => {
        const answer = await a.get(path).expect(200);
        expect({
          path,
          notice: answer.body.notice?.type,
          params: answer.body.record?.params,
          users: answer.body.users,
        }).toEqual({ path, notice: 'error', params: {}, users: undefined });
      };
      await refused(`/admin/api/resources/Company/records/${ids.b}/show`);
      await refused(`/admin/api/resources/BridgeConfig/records/${ids.config_b}/show`);
      await refused(`/admin/api/resources/BankStatement/records/${ids.statement_b}/synchro`);
      await refused(`/admin/api/resources/BankStatement/records/${ids.statement_b}/lines`);
      await refused(`/admin/api/resources/BridgeConfig/records/${ids.config_b}/apiLogs`);
      expect((await a.get('/admin/api/resources/Company/actions/search/Brasserie').expect(200)).body.records).toEqual(
        [],
      );
      expect(names((await a.get('/admin/api/resources/Company/actions/search').expect(200)).body, 'id')).toEqual([
        ids.a,
      ]);
      // The Synchro of its own statement lists its own users only.
      const synchro = await a.get(`/admin/api/resources/BankStatement/records/${ids.statement_a}/synchro`).expect(200);
      expect(synchro.body.users.map((user: { value: number }) => user.value)).toEqual([ids.user_a]);
    });

    it('should refuse writes to another company and leave its data as it was', async () => {
      await a
        .post(`/admin/api/resources/Company/records/${ids.b}/edit`)
        .set('Origin', origin)
        .type('form')
        .send({ name: 'Pris par A' });
      expect((await t.api().get(`/api/v1/companies/${ids.b}`).expect(200)).body.name).toBe('Brasserie Beta');
      const created = await a
        .post('/admin/api/resources/BankAccount/actions/new')
        .set('Origin', origin)
        .type('form')
        .send({ companyId: String(ids.b), journalCode: 'BQX', journalName: 'Intrus' });
      expect(created.body.record?.errors?.companyId).toBeDefined();
      expect((await t.api().get(`/api/v1/bank-accounts?companyId=${ids.b}`).expect(200)).body.total).toBe(1);
      await a
        .post(`/admin/api/resources/BankStatement/records/${ids.statement_b}/synchro`)
        .set('Origin', origin)
        .type('form')
        .send({ userId: String(ids.user_b) });
      const log = await t.api().get(`/api/v1/connection-logs?companyId=${ids.b}`).expect(200);
      expect(log.body.total).toBe(1);
    });

    it('should keep billing and back-office accounts to the editor', async () => {
      for (const path of [
        '/admin/api/resources/BillingReport/actions/list',
        '/admin/api/resources/BillingReport/actions/chart',
        '/admin/api/resources/AdminAccount/actions/list',
      ]) {
        const answer = await a.get(path).expect(200);
        expect({
          path,
          notice: answer.body.notice?.type,
          records: answer.body.records,
          totals: answer.body.totals,
        }).toEqual({ path, notice: 'error', records: [], totals: undefined });
      }
      await a.post('/admin/api/resources/AdminAccount/actions/new').set('Origin', origin).type('form').send({
        email: 'ami@evil.example',
        name: 'Ami',
        password: 'ami-password-1234',
        role: 'editor',
        active: 'true',
      });
      const [{ count }] = await t.dataSource.query(
        "SELECT COUNT(*) AS count FROM admin_account WHERE email = 'ami@evil.example'",
      );
      expect(Number(count)).toBe(0);
      expect(
        (await editor.get('/admin/api/resources/BillingReport/actions/chart').expect(200)).body.totals,
      ).toHaveLength(12);
    });

    it('should show an integrator its own companies and no billing in Chromium', async () => {
      const browser = await launchBrowser();
      try {
        const page = await browser.newPage();
        await page.goto(`${origin}/admin/login`, { waitUntil: 'commit' });
        await page.fill('input[name="email"]', accounts.a);
        await page.fill('input[name="password"]', PASSWORD);
        await page.getByRole('button', { name: 'Se connecter' }).click();
        await page.getByText('Back-office des intégrateurs').waitFor();
        await page.getByText('Comptes bancaires').first().waitFor();
        expect(await page.getByText('Rapports de facturation').count()).toBe(0);
        await page.goto(`${origin}/admin/resources/Company`, { waitUntil: 'commit' });
        await page.getByRole('cell', { name: 'Boulangerie Alpha', exact: true }).waitFor();
        expect(await page.getByText('Brasserie Beta').count()).toBe(0);
        expect(await page.getByText('Rapports de facturation').count()).toBe(0);
        expect(await page.getByText('Comptes du back-office').count()).toBe(0);
        await page.goto(`${origin}/admin/resources/BankStatement/records/${ids.statement_b}/show`, {
          waitUntil: 'commit',
        });
        await page.waitForTimeout(1000);
        expect(await page.content()).not.toContain('BQB');
      } finally {
        await browser.close();
      }
    });
  });

  describe('S7: CSV export', () => {
    it('should export its own connection log, formulas made text', async () => {
      const a = await signIn(t, origin, accounts.a);
      const answer = await a
        .post('/admin/api/resources/ConnectionLog/actions/exportCsv')
        .set('Origin', origin)
        .type('form')
        .send({ query: '' })
        .expect(200);
      const rows = (answer.body.csv as string)
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/);
      expect(rows).toHaveLength(2);
      expect(rows[1]).toContain(`;"'=HYPERLINK(""https://evil.example/a"",""ouvrir"")";`);
      expect(rows[1]).not.toContain('evil.example/b');
    });
  });

  describe('S10: headers', () => {
    it('should send security headers on every answer, and no X-Powered-By', async () => {
      for (const path of ['/admin/login', '/health', '/api/v1/companies', '/bridge-sandbox/connect/session/none']) {
        const answer = await request(t.app.getHttpServer()).get(path);
        expect({ path, poweredBy: answer.headers['x-powered-by'] ?? null }).toEqual({ path, poweredBy: null });
        expect({ path, frame: answer.headers['x-frame-options'] }).toEqual({ path, frame: 'DENY' });
        expect({ path, nosniff: answer.headers['x-content-type-options'] }).toEqual({ path, nosniff: 'nosniff' });
        expect(answer.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
        expect(answer.headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
        // HSTS only when the public URL is https.
        expect(answer.headers['strict-transport-security']).toBeUndefined();
      }
      const login = await request(t.app.getHttpServer()).get('/admin/login').expect(200);
      const nonce = /'nonce-([^']+)'/.exec(login.headers['content-security-policy'] as string)![1];
      expect(login.text).toContain(`<script nonce="${nonce}">`);
      expect(login.text).not.toMatch(/<script>/);
    });
  });

  describe('S11: login throttling', () => {
    it('should take the same steps for an unknown e-mail as for a wrong password', async () => {
      const queries: string[] = [];
      const logger = t.dataSource.logger;
      const logQuery = logger.logQuery.bind(logger);
      logger.logQuery = (query, parameters, runner) => {
        queries.push(query);
        return logQuery(query, parameters, runner);
      };
      const attempt = async (email: string) => {
        queries.length = 0;
        const answer = await request(t.app.getHttpServer())
          .post('/admin/login')
          .set('Origin', origin)
          .type('form')
          .send({ email, password: 'not-the-password' });
        expect(answer.status).toBe(200);
        // Session writes aside, the same statements in the same order.
        return queries.filter((query) => !/admin_session/.test(query));
      };
      try {
        // The first failure of an instance also purges old counts (at most once an hour): out of the comparison.
        await attempt('premier@essai.fr');
        const known = await attempt(accounts.b);
        const unknown = await attempt('personne@nulle-part.fr');
        expect(unknown).toEqual(known);
        expect(known.some((query) => /admin_login_throttle/.test(query))).toBe(true);
      } finally {
        logger.logQuery = logQuery;
      }
    });
  });
});

// Its own app: it changes an integrator's companies and creates a company, which the lists of the tests above count.
describe(`integrator's companies changed by the editor (${TEST_ENGINE})`, () => {
  const world = backOfficeWorld();
  const names = (body: { records: { params: Record<string, unknown> }[] }, field: string) =>
    body.records.map((record) => record.params[field]).sort();

  it('should apply a change of companies from the next request, and let an integrator create a company it then sees', async () => {
    const [a, b, editor] = [
      await signIn(world.t, world.origin, accounts.a),
      await signIn(world.t, world.origin, accounts.b),
      await signIn(world.t, world.origin, accounts.editor),
    ];
    const [{ id }] = await world.t.dataSource.query('SELECT id FROM admin_account WHERE email = ?', [accounts.b]);
    await editor
      .post(`/admin/api/resources/AdminAccount/records/${id}/edit`)
      .set('Origin', world.origin)
      .type('form')
      .send({ companyIds: `${world.ids.a}, ${world.ids.b}` })
      .expect(200);
    expect(names((await b.get('/admin/api/resources/Company/actions/list').expect(200)).body, 'id')).toEqual(
      [world.ids.a, world.ids.b].sort(),
    );
    await editor
      .post(`/admin/api/resources/AdminAccount/records/${id}/edit`)
      .set('Origin', world.origin)
      .type('form')
      .send({ companyIds: String(world.ids.b) })
      .expect(200);
    expect(names((await b.get('/admin/api/resources/Company/actions/list').expect(200)).body, 'id')).toEqual([
      world.ids.b,
    ]);

    const created = await b
      .post('/admin/api/resources/Company/actions/new')
      .set('Origin', world.origin)
      .type('form')
      .send({ name: 'Créée par B', subscriptionActive: 'false' })
      .expect(200);
    const companyId = Number(created.body.record.id);
    expect(names((await b.get('/admin/api/resources/Company/actions/list').expect(200)).body, 'id')).toEqual(
      [world.ids.b, companyId].sort(),
    );
    expect(names((await a.get('/admin/api/resources/Company/actions/list').expect(200)).body, 'id')).toEqual([
      world.ids.a,
    ]);
  });
});

// Its own app: its Synchro of company A's statement writes to the connection and API logs that the tests above count.
describe(`back-office pages under the Content-Security-Policy (${TEST_ENGINE})`, () => {
  const world = backOfficeWorld();

  it('should run the back-office, the funnel and the callback page with no CSP violation in Chromium', async () => {
    const browser = await launchBrowser();
    try {
      // Runs in the page (the test itself has no DOM types).
      await browser.addInitScript({
        content: `window.violations = [];
          document.addEventListener('securitypolicyviolation', (event) =>
            window.violations.push(event.effectiveDirective + ' ' + event.blockedURI + ' from ' + new URL(event.sourceFile || location.href).pathname));`,
      });
      const page = await browser.newPage();
      const violations: string[] = [];
      // AdminJS's design-system bundle probes the global object with `new Function("return this")` inside a try
      // and falls back to `window` when the CSP refuses eval: the one refusal expected, which breaks nothing.
      const expected = (violation: string) =>
        violation === 'script-src eval from /admin/frontend/assets/design-system.bundle.js';
      const collect = async () =>
        violations.push(
          ...(await page.evaluate<string[]>('window.violations || []')).filter((violation) => !expected(violation)),
        );
      await page.goto(`${world.origin}/admin/login`, { waitUntil: 'commit' });
      await page.fill('input[name="email"]', accounts.editor);
      await page.fill('input[name="password"]', PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByText('Back-office des intégrateurs').waitFor();
      await collect();
      const pages: [string, string][] = [
        ['/admin/resources/Company', 'Boulangerie Alpha'],
        [`/admin/resources/Company/records/${world.ids.a}/show`, 'Boulangerie Alpha'],
        [`/admin/resources/BankAccount/records/${world.ids.account_a}/edit`, 'Télécollecte bancaire'],
        [`/admin/resources/BankStatement/records/${world.ids.statement_a}/synchro`, 'Lancer la Synchro'],
        ['/admin/resources/BillingReport/actions/chart', 'Facturation Bridge'],
        ['/admin/resources/ConnectionLog/actions/exportCsv', 'Télécharger le CSV'],
      ];
      for (const [path, text] of pages) {
        await page.goto(`${world.origin}${path}`, { waitUntil: 'commit' });
        await page.getByText(text).first().waitFor();
        await collect();
      }
      // The funnel of the mounted sandbox and the callback page it returns to.
      await page.goto(`${world.origin}/admin/resources/BankStatement/records/${world.ids.statement_a}/synchro`, {
        waitUntil: 'commit',
      });
      await page.locator('#run-synchro').click();
      await page.locator('#bridge-connect').waitFor();
      const connectUrl = await page.locator('#bridge-connect').getAttribute('href');
      expect(connectUrl).toContain('/bridge-sandbox/');
      await page.goto(connectUrl!, { waitUntil: 'commit' });
      await page.locator('#bank-574').waitFor();
      await collect();
      await page.goto(`${world.origin}/bridge/callback?success=false&step=credentials`, { waitUntil: 'commit' });
      await page.locator('body').waitFor();
      await collect();
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

// Apps of its own, never alongside the back-office app above: starting a second app in the same process binds the
// entities (TypeORM's BaseEntity, which AdminJS reads through) to its database, and closing it breaks the first one's
// back-office (every page a 500), whichever test comes next.
describe(`API documentation (${TEST_ENGINE})`, () => {
  it('should not serve the API documentation when API_DOCS is off', async () => {
    const open = await createTestApp();
    try {
      await request(open.app.getHttpServer()).get('/api/docs').expect(200);
    } finally {
      await open.close();
    }
    const closed = await createTestApp({ API_DOCS: 'off' });
    try {
      await request(closed.app.getHttpServer()).get('/api/docs').expect(404);
      await request(closed.app.getHttpServer()).get('/api/docs/openapi.json').expect(404);
    } finally {
      await closed.close();
    }
  });
});

describe(`back-office behind a reverse proxy (${TEST_ENGINE})`, () => {
  const PUBLIC = 'https://banque.example.fr';

  async function appWith(env: Record<string, string>): Promise<TestApp> {
    const app = await createTestApp({ ADMIN: 'on', PUBLIC_URL: PUBLIC, ...env });
    await app.app
      .get(AdminAccountsService)
      .create({ email: 'editeur@telecollecte.fr', name: 'Éditeur', password: PASSWORD, userId: null, role: 'editor' });
    return app;
  }

  const login = (app: TestApp, headers: Record<string, string>, password = PASSWORD) =>
    request(app.app.getHttpServer())
      .post('/admin/login')
      .set({ Origin: PUBLIC, 'X-Forwarded-Proto': 'https', ...headers })
      .type('form')
      .send({ email: 'editeur@telecollecte.fr', password });

  it('S9: should set the secure session cookie through a trusted proxy, and trust no forged header without one', async () => {
    const proxied = await appWith({ TRUST_PROXY: 'loopback' });
    try {
      const answer = await login(proxied, {});
      expect(answer.status).toBe(302);
      expect(String(answer.headers['set-cookie'])).toMatch(/tcb_admin=.*; Secure/);
      const hsts = await request(proxied.app.getHttpServer()).get('/health').set('X-Forwarded-Proto', 'https');
      expect(hsts.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    } finally {
      await proxied.close();
    }
    const direct = await appWith({});
    try {
      const answer = await login(direct, {});
      expect(answer.headers['set-cookie']).toBeUndefined();
    } finally {
      await direct.close();
    }
  });

  it('S11: should block the client that guesses, not the account, and not be fooled by a forged address', async () => {
    const proxied = await appWith({ TRUST_PROXY: 'loopback' });
    try {
      const attacker = { 'X-Forwarded-For': '203.0.113.5' };
      for (let index = 0; index < 5; index++)
        expect((await login(proxied, attacker, 'wrong-password-xx')).status).toBe(200);
      const blocked = await login(proxied, attacker);
      expect(blocked.status).toBe(400);
      expect(blocked.text).toContain('tooManyLoginAttempts');
      // The account's owner, elsewhere, still logs in.
      expect((await login(proxied, { 'X-Forwarded-For': '198.51.100.7' })).status).toBe(302);
      // One address trying many accounts is stopped too, whichever e-mail it tries next.
      const stuffer = { 'X-Forwarded-For': '203.0.113.9' };
      for (let index = 0; index < 20; index++) {
        await request(proxied.app.getHttpServer())
          .post('/admin/login')
          .set({ Origin: PUBLIC, ...stuffer })
          .type('form')
          .send({ email: `victime${index}@cabinet.fr`, password: 'guess-password-1' })
          .expect(200);
      }
      expect((await login(proxied, stuffer)).status).toBe(400);
      proxied.clock.advance(15 * 60_000 + 1000);
      expect((await login(proxied, stuffer)).status).toBe(302);
    } finally {
      await proxied.close();
    }
    const direct = await appWith({});
    try {
      // Without TRUST_PROXY a changing X-Forwarded-For is ignored: the guesses all come from the socket's address.
      for (let index = 0; index < 5; index++)
        expect((await login(direct, { 'X-Forwarded-For': `203.0.113.${index}` }, 'wrong-password-xx')).status).toBe(
          200,
        );
      expect((await login(direct, { 'X-Forwarded-For': '203.0.113.99' })).status).toBe(400);
    } finally {
      await direct.close();
    }
  });
});
