import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';

import { AdminAccountsService } from '../../src/admin-accounts/admin-accounts.service.js';
import { freePort } from '../support/processes.js';
import { launchBrowser, screenshot, signIn } from './utils/browser.js';
import { newBankAccount, newCompany } from './utils/factories.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

// A fresh MariaDB database, the login's scrypt, the components' bundle and a real browser take more than Jest's 5 s.
jest.setTimeout(180_000);

const PASSWORD = 'correct-horse-battery';
const EMAIL = 'saisie@cabinet.fr';
// Intl fr-FR groups thousands with a narrow no-break space.
const NNBSP = '\u202f';

/** The statement form's field of `path` (AdminJS wraps each one in a box with this test id). */
const field = (page: Page, path: string) => page.locator(`[data-testid="property-edit-${path}"]`);

/**
 * docs/rules.md#back-office-in-french: an accountant in Paris types amounts and days the French way ("1 520,35",
 * "01/11/2026") and the service stores exactly them; an empty required field says "Champ obligatoire". The browser runs
 * in Europe/Paris, where the picker's local midnight is the day before in UTC.
 */
describe(`French input in the back-office forms (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let origin: string;
  let bankAccountId: number;
  let journalCode: string;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    t = await createTestApp({ ADMIN: 'on', PORT: String(port), PUBLIC_URL: origin });
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(port, '127.0.0.1', resolve));
    const companyId = (await newCompany(t.api(), { name: 'Boulangerie Martin' })).id;
    journalCode = 'BQ7';
    bankAccountId = (await newBankAccount(t.api(), companyId, { journalCode, journalName: 'Crédit Agricole' })).id;
    await t.app
      .get(AdminAccountsService)
      .create({ email: EMAIL, name: 'Comptable', password: PASSWORD, userId: null, role: 'editor' });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('should store a statement typed the French way, show it back in French, and name the empty required fields', async () => {
    const browser = await launchBrowser({ timezoneId: 'Europe/Paris' });
    try {
      const page = await browser.newPage();
      page.setDefaultTimeout(30_000);
      await signIn(page, origin, EMAIL, PASSWORD);

      // Saved empty: each required field says so, in French, and nothing is created.
      await page.goto(`${origin}/admin/resources/BankStatement/actions/new`);
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await field(page, 'bankAccountId').getByText('Champ obligatoire.').waitFor();
      await field(page, 'dateStart').getByText('Champ obligatoire.').waitFor();
      // A statement not created yet has no state to choose and nothing to close.
      for (const closeField of ['État', 'Forcer la clôture', 'Commentaire de clôture']) {
        expect(await page.getByText(closeField, { exact: true }).count()).toBe(0);
      }
      await screenshot(page, `${TEST_ENGINE}-french-input-required`);
      expect((await t.api().get(`/api/v1/statements?bankAccountId=${bankAccountId}`).expect(200)).body.total).toBe(0);

      // The journal chosen by a word of its name, the day typed JJ/MM/AAAA, the opening typed with a space and a comma.
      const picker = field(page, 'bankAccountId').locator('input').first();
      await picker.fill('agricole');
      await page.getByText(`${journalCode} – Crédit Agricole`, { exact: false }).last().click();
      await field(page, 'name').locator('input').fill('Relevé de novembre');
      const day = field(page, 'dateStart').locator('input').first();
      await day.click();
      await day.pressSequentially('01112026');
      await page.keyboard.press('Escape');
      await field(page, 'balanceStart').locator('input').fill('1 520,35');
      await screenshot(page, `${TEST_ENGINE}-french-input-filled`);
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByText('L’enregistrement a été créé').waitFor();

      const listed = await t.api().get(`/api/v1/statements?bankAccountId=${bankAccountId}`).expect(200);
      expect(listed.body.items).toHaveLength(1);
      const statement = listed.body.items[0] as { id: number };
      const stored = (await t.api().get(`/api/v1/statements/${statement.id}`).expect(200)).body;
      expect(stored).toMatchObject({ name: 'Relevé de novembre', dateStart: '2026-11-01', balanceStart: '1520.35' });

      // The edit form shows them French, and an edit typed French changes exactly what was typed.
      await page.goto(`${origin}/admin/resources/BankStatement/records/${statement.id}/edit`);
      const opening = field(page, 'balanceStart').locator('input');
      await opening.waitFor();
      expect(await opening.inputValue()).toBe(`1${NNBSP}520,35`);
      expect(await field(page, 'dateStart').locator('input').first().inputValue()).toBe('01/11/2026');
      await page.getByText('Forcer la clôture', { exact: true }).waitFor();
      await opening.fill('-12 345,6');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.locator('h2[data-record-title]').waitFor();
      await screenshot(page, `${TEST_ENGINE}-french-input-saved`);
      expect((await t.api().get(`/api/v1/statements/${statement.id}`).expect(200)).body).toMatchObject({
        dateStart: '2026-11-01',
        balanceStart: '-12345.60',
      });
    } finally {
      await browser.close();
    }
  });
});
