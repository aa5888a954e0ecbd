import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';

import { AdminAccountsService } from '../../src/admin-accounts/admin-accounts.service.js';
import { BalanceSnapshot } from '../../src/statements/balance-snapshot.entity.js';
import { freePort } from '../support/processes.js';
import { launchBrowser, screenshot, signIn } from './utils/browser.js';
import { newBankAccount, newCompany, newStatement } from './utils/factories.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

// A fresh MariaDB database, its migrations, the logins' scrypt and a real browser take more than Jest's 5 s.
jest.setTimeout(90_000);

const PASSWORD = 'correct-horse-battery';
const EMAIL = 'comptable@cabinet.fr';
const NBSP = '\u00a0';
// Intl fr-FR groups thousands with a narrow no-break space.
const NNBSP = '\u202f';

/**
 * docs/rules.md#closing-a-statement and #the-statement-page: a past period compares with the bank balance at its end
 * (the last snapshot within it), the page shows the balances and the gap, "Clôturer malgré l'écart" asks for a reason.
 * Each test makes its own bank account; the clock is TEST_NOW (26/11/2026), so October 2026 is a past period.
 */
describe(`the statement page and its close (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let origin: string;
  let admin: TestAgent;
  let companyId: number;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    t = await createTestApp({ ADMIN: 'on', PUBLIC_URL: origin });
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(port, '127.0.0.1', resolve));
    companyId = (await newCompany(t.api(), { name: 'Boulangerie Martin' })).id;
    await t.app
      .get(AdminAccountsService)
      .create({ email: EMAIL, name: 'Comptable', password: PASSWORD, userId: null, role: 'editor' });
    admin = request.agent(t.app.getHttpServer());
    await admin
      .post('/admin/login')
      .set('Origin', origin)
      .type('form')
      .send({ email: EMAIL, password: PASSWORD })
      .expect(302);
  });

  afterAll(async () => {
    await t?.close();
  });

  /** A journal and its October statement opening at `balanceStart` (no line: its computed end is the opening). */
  async function october(balanceStart: string): Promise<{ accountId: number; statementId: number }> {
    const accountId = (await newBankAccount(t.api(), companyId)).id;
    const statementId = (
      await newStatement(t.api(), accountId, { dateStart: '2026-10-01', dateEnd: '2026-10-31', balanceStart })
    ).id;
    return { accountId, statementId };
  }

  async function snapshot(bankAccountId: number, day: string, balance: string, main = true): Promise<void> {
    await t.dataSource.getRepository(BalanceSnapshot).insert({
      bankAccountId,
      bridgeAccountId: main ? 41000000000001 : 41000000000002,
      accountType: main ? 'checking' : 'card',
      main,
      balance,
      day,
      takenAt: new Date(`${day}T18:00:00.000Z`),
    });
  }

  const close = (statementId: number, body: Record<string, unknown> = {}) =>
    t.api().patch(`/api/v1/statements/${statementId}`, { state: 'closed', ...body });

  it('should close a past period against the last snapshot within it, not against today’s balance', async () => {
    const { accountId, statementId } = await october('1200.00');
    await snapshot(accountId, '2026-10-15', '900.00');
    await snapshot(accountId, '2026-10-31', '1200.00');
    await snapshot(accountId, '2026-10-31', '5.00', false); // the card account's, not the journal's
    await snapshot(accountId, '2026-11-20', '3000.00'); // after the period
    await t.dataSource.query('UPDATE bank_statement SET bankBalance = ? WHERE id = ?', ['3000.00', statementId]);
    const closed = await close(statementId).expect(200);
    expect(closed.body).toMatchObject({ state: 'closed', forcedClose: false });
  });

  it('should refuse a past period whose balance at its end differs, even when today’s balance agrees', async () => {
    const { accountId, statementId } = await october('3000.00');
    await snapshot(accountId, '2026-10-30', '1200.00');
    await t.dataSource.query('UPDATE bank_statement SET bankBalance = ? WHERE id = ?', ['3000.00', statementId]);
    const refused = await close(statementId).expect(409);
    expect(refused.body).toMatchObject({ code: 'statement.unbalanced' });
    expect(refused.body.message).toMatch(/ends at 3000.00 but the bank balance at the period's end was 1200.00/);
    const forced = await close(statementId, { forceClose: true, closeComment: 'Chèque remis le 31/10' }).expect(200);
    expect(forced.body).toMatchObject({ state: 'closed', forcedClose: true, closeComment: 'Chèque remis le 31/10' });
  });

  it('should need forceClose for a past period with no snapshot within it', async () => {
    const { accountId, statementId } = await october('1200.00');
    await snapshot(accountId, '2026-11-02', '1200.00');
    await t.dataSource.query('UPDATE bank_statement SET bankBalance = ? WHERE id = ?', ['1200.00', statementId]);
    const refused = await close(statementId).expect(409);
    expect(refused.body.message).toMatch(/no bank balance is known within its period/);
    await close(statementId, { forceClose: true, closeComment: 'Aucune synchro en octobre' }).expect(200);
  });

  it('should show the balances, the gap and the lines to review on the statement record', async () => {
    const { accountId, statementId } = await october('1250.40');
    await snapshot(accountId, '2026-10-31', '1200.00');
    const show = await admin.get(`/admin/api/resources/BankStatement/records/${statementId}/show`).expect(200);
    const figures = JSON.parse(show.body.record.params.statementFigures);
    expect(figures).toMatchObject({
      opening: `1${NNBSP}250,40${NBSP}€`,
      computedEnd: `1${NNBSP}250,40${NBSP}€`,
      bank: `1${NNBSP}200,00${NBSP}€`,
      bankLabel: 'Solde bancaire en fin de période (au 31/10/2026)',
      gapTone: 'gap',
      gapText: `Écart de 50,40${NBSP}€`,
      toReviewText: 'Aucune ligne à revoir',
    });
  });

  it('should close despite the gap from the back-office only with a reason, kept on the statement', async () => {
    const { accountId, statementId } = await october('1250.40');
    await snapshot(accountId, '2026-10-31', '1200.00');
    const path = `/admin/api/resources/BankStatement/records/${statementId}/closeAnyway`;
    const form = await admin.get(path).expect(200);
    expect(form.body.form).toMatchObject({
      button: 'Clôturer malgré l’écart',
      comment: { required: true },
    });
    expect(form.body.form.intro[0]).toContain(`Écart de 50,40${NBSP}€`);
    const empty = await admin.post(path).set('Origin', origin).send({ comment: '  ' }).expect(200);
    expect(empty.body.outcome.failure).toBe('Le motif est obligatoire pour clôturer malgré l’écart.');
    expect((await t.api().get(`/api/v1/statements/${statementId}`).expect(200)).body.state).toBe('open');
    const done = await admin.post(path).set('Origin', origin).send({ comment: 'Frais contestés' }).expect(200);
    expect(done.body.outcome.message).toBe('Relevé clôturé malgré l’écart ; le motif est enregistré.');
    expect((await t.api().get(`/api/v1/statements/${statementId}`).expect(200)).body).toMatchObject({
      state: 'closed',
      forcedClose: true,
      closeComment: 'Frais contestés',
    });
  });

  it('should lay the figures out in Chromium, the gap in red, and force the close with its reason', async () => {
    const { accountId, statementId } = await october('1250.40');
    await snapshot(accountId, '2026-10-31', '1200.00');
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      page.setDefaultTimeout(30_000);
      await signIn(page, origin, EMAIL, PASSWORD);
      await page.goto(`${origin}/admin/resources/BankStatement/records/${statementId}/show`);
      const gap = page.getByTestId('balance-gap');
      await gap.waitFor();
      // The page is titled with the statement's title, not "Afficher".
      const heading = page.locator('h2[data-record-title]');
      await heading.waitFor();
      expect(await heading.textContent()).toMatch(/^BQ\d+ – octobre 2026$/);
      expect(await gap.getAttribute('data-tone')).toBe('gap');
      expect(await gap.getAttribute('style')).toContain('color: rgb(165, 14, 14)');
      expect(await page.getByTestId('balance-computed').textContent()).toBe(`1${NNBSP}250,40${NBSP}€`);
      expect(await page.getByTestId('balance-bank').textContent()).toBe(`1${NNBSP}200,00${NBSP}€`);
      await screenshot(page, `${TEST_ENGINE}-statement-page-gap`);

      await page.goto(`${origin}/admin/resources/BankStatement/records/${statementId}/closeAnyway`);
      const run = page.locator('#run-command');
      await run.waitFor();
      expect(await run.isDisabled()).toBe(true);
      await page.fill('#command-comment', 'Frais contestés auprès de la banque');
      await run.click();
      await page.locator('#command-result').waitFor();
      await screenshot(page, `${TEST_ENGINE}-statement-closed-anyway`);
    } finally {
      await browser.close();
    }
    expect((await t.api().get(`/api/v1/statements/${statementId}`).expect(200)).body).toMatchObject({
      state: 'closed',
      forcedClose: true,
      closeComment: 'Frais contestés auprès de la banque',
    });
  });
});
