import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';

import { AdminAccountsService } from '../../src/admin-accounts/admin-accounts.service.js';
import { freePort } from '../support/processes.js';
import { launchBrowser, screenshot, signIn } from './utils/browser.js';
import { newBankAccount, newCompany, newStatement } from './utils/factories.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

// A fresh MariaDB database, its migrations, the scrypt of the logins and a real browser take more than Jest's 5 s.
jest.setTimeout(90_000);

const PASSWORD = 'correct-horse-battery';

interface Found {
  id: string;
  title: string;
}

/** docs/rules.md#names-in-the-back-office: records named by their titles, pickers searched by words, never a 500. */
describe(`back-office names and searchable pickers (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let ORIGIN: string;
  let editor: TestAgent;
  let integrator: TestAgent;
  const ids = { company: 0, other: 0, bq1: 0, bq2: 0, foreign: 0, statement: 0, newcomer: 0 };

  const login = async (email: string): Promise<TestAgent> => {
    const agent = request.agent(t.app.getHttpServer());
    await agent.post('/admin/login').set('Origin', ORIGIN).type('form').send({ email, password: PASSWORD }).expect(302);
    return agent;
  };

  beforeAll(async () => {
    const port = await freePort();
    ORIGIN = `http://127.0.0.1:${port}`;
    t = await createTestApp({ ADMIN: 'on', PUBLIC_URL: ORIGIN });
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(port, '127.0.0.1', resolve));
    ids.company = (await newCompany(t.api(), { name: 'Boulangerie Martin' })).id;
    ids.other = (await newCompany(t.api(), { name: 'Garage Lefèvre' })).id;
    ids.bq1 = (
      await newBankAccount(t.api(), ids.company, {
        journalCode: 'BQ1',
        journalName: 'BNP Paribas – compte courant',
        accountTypes: ['checking', 'card'],
      })
    ).id;
    ids.bq2 = (
      await newBankAccount(t.api(), ids.company, {
        journalCode: 'BQ2',
        journalName: 'Crédit Agricole',
        iban: null,
        accountTypes: ['savings'],
      })
    ).id;
    ids.foreign = (
      await newBankAccount(t.api(), ids.other, {
        journalCode: 'BQ2',
        journalName: 'Société Générale',
        iban: null,
      })
    ).id;
    ids.statement = (await newStatement(t.api(), ids.bq1, { dateStart: '2026-11-01', dateEnd: '2026-11-30' })).id;
    const accounts = t.app.get(AdminAccountsService);
    await accounts.create({
      email: 'editeur@cabinet.fr',
      name: 'Éditeur',
      password: PASSWORD,
      userId: null,
      role: 'editor',
    });
    await accounts.create({
      email: 'integrateur@cabinet.fr',
      name: 'Intégrateur',
      password: PASSWORD,
      userId: null,
      role: 'integrator',
      companyIds: [ids.company],
    });
    ids.newcomer = (
      await accounts.create({
        email: 'nouvel-integrateur@cabinet.fr',
        name: 'Nouvel intégrateur',
        password: PASSWORD,
        userId: null,
        role: 'integrator',
        companyIds: [],
      })
    ).id;
    editor = await login('editeur@cabinet.fr');
    integrator = await login('integrateur@cabinet.fr');
  });

  afterAll(async () => {
    await t?.close();
  });

  const search = async (agent: TestAgent, resource: string, query: string): Promise<Found[]> => {
    const response = await agent.get(`/admin/api/resources/${resource}/search/${encodeURIComponent(query)}`);
    expect({ query, status: response.status }).toEqual({ query, status: 200 });
    return (response.body.records as Found[]).map(({ id, title }) => ({ id: String(id), title }));
  };

  it('should name bank accounts, statements and companies by their titles, on their pages and in references', async () => {
    const account = await editor.get(`/admin/api/resources/BankAccount/records/${ids.bq1}/show`).expect(200);
    expect(account.body.record.title).toBe('BQ1 – BNP Paribas – compte courant');
    const savings = await editor.get(`/admin/api/resources/BankAccount/records/${ids.bq2}/show`).expect(200);
    expect(savings.body.record.title).toBe('BQ2 – Crédit Agricole – compte d’épargne');
    // The company reference of the journal is populated with the company's name.
    expect(account.body.record.populated.companyId.title).toBe('Boulangerie Martin');

    const statement = await editor.get(`/admin/api/resources/BankStatement/records/${ids.statement}/show`).expect(200);
    expect(statement.body.record.title).toBe('BQ1 – novembre 2026');
    expect(statement.body.record.populated.bankAccountId.title).toBe('BQ1 – BNP Paribas – compte courant');

    const list = await editor.get(`/admin/api/resources/BankStatement/actions/list?filters.bankAccountId=${ids.bq1}`);
    expect(list.status).toBe(200);
    expect(list.body.records.map((record: { title: string }) => record.title)).toEqual(['BQ1 – novembre 2026']);
  });

  it('should find a journal by its code or by words of its title, within the account’s companies', async () => {
    const everyBq2 = await search(editor, 'BankAccount', 'BQ2');
    expect(everyBq2.map((found) => found.id).sort()).toEqual([String(ids.bq2), String(ids.foreign)].sort());
    expect(await search(editor, 'BankAccount', 'agricole bq2')).toEqual([
      { id: String(ids.bq2), title: 'BQ2 – Crédit Agricole – compte d’épargne' },
    ]);
    // Accents and case aside.
    expect((await search(editor, 'BankAccount', 'CREDIT épargne')).map((found) => found.id)).toEqual([String(ids.bq2)]);
    // An integrator finds only the journals of its companies.
    expect((await search(integrator, 'BankAccount', 'BQ2')).map((found) => found.id)).toEqual([String(ids.bq2)]);
    expect((await search(editor, 'Company', 'lefevre')).map((found) => found.title)).toEqual(['Garage Lefèvre']);
    expect((await search(editor, 'BankStatement', 'novembre BQ1')).map((found) => found.id)).toEqual([
      String(ids.statement),
    ]);
  });

  it('should answer every picker search, with digits, quotes, %, _ and emoji, without an error', async () => {
    const queries = [
      '2',
      '12345678901234567890',
      "l'agricole",
      '"BQ2"',
      '%',
      '_',
      '100%',
      'BQ_',
      '😀',
      "'; DROP",
      '\\',
    ];
    for (const resource of ['BankAccount', 'BankStatement', 'Company', 'User', 'BridgeConfig', 'StatementLine']) {
      for (const query of queries) {
        const found = await search(editor, resource, query);
        // % and _ are no wildcards: nothing in these titles holds them.
        if (['%', '_', '100%', 'BQ_', '😀', "'; DROP", '\\'].includes(query))
          expect({ resource, query, found }).toEqual({ resource, query, found: [] });
      }
    }
    expect((await search(editor, 'BankAccount', '2')).map((found) => found.id).sort()).toEqual(
      [String(ids.bq2), String(ids.foreign)].sort(),
    );
  });

  it('should answer a numeric filter given text with an empty list, not a 500', async () => {
    for (const query of ['filters.bankAccountId=abc', 'filters.id=%25', 'filters.bankAccountId=BQ2']) {
      const response = await editor.get(`/admin/api/resources/BankStatement/actions/list?${query}`);
      expect({ query, status: response.status, records: response.body.records }).toEqual({
        query,
        status: 200,
        records: [],
      });
    }
  });

  it('should choose companies by name in Chromium, show them by name and title the record pages', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      page.setDefaultTimeout(30_000);
      await signIn(page, ORIGIN, 'editeur@cabinet.fr', PASSWORD);

      await page.goto(`${ORIGIN}/admin/resources/AdminAccount/records/${ids.newcomer}/edit`);
      const picker = page.locator('#companyIds');
      await picker.waitFor();
      expect(await page.getByText('séparés par des virgules').count()).toBe(0);
      for (const [query, name] of [
        ['boulangerie', 'Boulangerie Martin'],
        ['lefevre', 'Garage Lefèvre'],
      ] as const) {
        await picker.fill(query);
        await page.getByText(name, { exact: true }).last().click();
      }
      await screenshot(page, `names-${TEST_ENGINE}-company-select`);
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      // Saved, AdminJS goes to the record's page, where the companies are shown by name.
      await page
        .getByTestId('company-names')
        .waitFor()
        .catch(async (error: unknown) => {
          await screenshot(page, `names-${TEST_ENGINE}-save-failed`);
          throw error;
        });

      const accounts = t.app.get(AdminAccountsService);
      expect((await accounts.companyIdsOf([ids.newcomer])).get(ids.newcomer)?.slice().sort()).toEqual(
        [ids.company, ids.other].sort(),
      );
      await page.goto(`${ORIGIN}/admin/resources/AdminAccount/records/${ids.newcomer}/show`);
      const names = page.getByTestId('company-names');
      await names.waitFor();
      expect(await names.textContent()).toBe('Boulangerie Martin, Garage Lefèvre');
      const heading = page.locator('h2[data-record-title]');
      await heading.waitFor();
      expect(await heading.textContent()).toBe('Nouvel intégrateur <nouvel-integrateur@cabinet.fr>');
      await screenshot(page, `names-${TEST_ENGINE}-account-show`);

      await page.goto(`${ORIGIN}/admin/resources/BankAccount/records/${ids.bq1}/show`);
      await heading.waitFor();
      expect(await heading.textContent()).toBe('BQ1 – BNP Paribas – compte courant');
      expect(await page.getByRole('heading', { name: 'Afficher', exact: true }).count()).toBe(0);
      await screenshot(page, `names-${TEST_ENGINE}-bank-account-show`);
    } finally {
      await browser.close();
    }
  });
});
