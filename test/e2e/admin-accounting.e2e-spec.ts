import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createBridgeSandbox } from '@telecollecte/bridge-sandbox';
import type { BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';

import { frenchAmount } from '../../admin/french-format.js';
import { AdminAccountsService } from '../../src/admin-accounts/admin-accounts.service.js';
import { ERROR_CODES } from '../../src/common/errors/error-codes.js';
import { checkFec, parseFec } from '../support/fec-parser.js';
import { freePort } from '../support/processes.js';
import { sandboxControl, type SandboxServer } from '../support/sandbox-control.js';
import { TEST_NOW } from '../support/test-clock.js';
import { binaryBody } from './utils/binary-body.js';
import { launchBrowser, screenshot, signIn } from './utils/browser.js';
import { step } from './utils/steps.js';
import { synchroScene, type SynchroScene } from './utils/synchro-scene.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

// Two Synchros, a real browser and a few pages per test.
jest.setTimeout(120_000);

const ACCOUNTANT = 'comptable@cabinet.fr';
const PASSWORD = 'correct-horse-battery';

interface Entry {
  id: number;
  number: string;
  statementLineId: number;
  kind: string;
  lines: { account: string; accountLabel: string; debit: string; credit: string }[];
}

/**
 * The accountant's path in the back-office: post a synced statement, read the entries, write a counterpart rule, decide
 * on a bank change. The accountant is an integrator of one company; another company's entries and rules stay unseen.
 */
describe(`back-office accounting in Chromium (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let origin: string;
  let sandbox: SandboxServer;
  let mine: SynchroScene;
  let other: SynchroScene;
  let otherEntryId: number;
  let otherRuleId: number;
  let browser: BrowserContext;
  let page: Page;
  let agent: TestAgent;

  const entriesOf = async (statementId: number) =>
    (await t.api().get(`/api/v1/entries?statementId=${statementId}&limit=500`).expect(200)).body.items as Entry[];

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    t = await createTestApp({ ADMIN: 'on', PUBLIC_URL: origin, BRIDGE_RETRY_BASE_MS: '5' });
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(port, '127.0.0.1', resolve));
    sandbox = await createBridgeSandbox({ seed: 7, historyMonths: 1, startTime: TEST_NOW, rateLimits: false }).listen();

    mine = await synchroScene(t, sandbox, {
      version: '2025-01-15',
      email: 'claire@boulangerie.fr',
      bankAccount: { glAccount: '512100', glAccountLabel: 'Banque BNP' },
    });
    other = await synchroScene(t, sandbox, {
      version: '2025-01-15',
      email: 'paul@autre-client.fr',
      bankAccount: { journalCode: 'BQ9' },
    });
    for (const scene of [mine, other]) {
      await scene.connectAtBridge();
      expect((await scene.sync()).status).toBe('synced');
    }
    // The other company has its own entries and rule, which the accountant must never see.
    const posted = await t.api().post(`/api/v1/statements/${other.statementId}/post`, {}).expect(200);
    otherEntryId = posted.body.entryIds[0];
    otherRuleId = (
      await t
        .api()
        .post('/api/v1/counterpart-rules', {
          companyId: other.companyId,
          name: 'Règle de l’autre client',
          account: '627000',
          accountLabel: 'Services bancaires',
        })
        .expect(201)
    ).body.id;

    await t.app.get(AdminAccountsService).create({
      email: ACCOUNTANT,
      name: 'Comptable',
      password: PASSWORD,
      userId: mine.userId,
      role: 'integrator',
      companyIds: [mine.companyId],
    });
    agent = request.agent(t.app.getHttpServer());
    await agent
      .post('/admin/login')
      .set('Origin', origin)
      .type('form')
      .send({ email: ACCOUNTANT, password: PASSWORD })
      .expect(302);

    browser = await launchBrowser();
    page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, origin, ACCOUNTANT, PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    await t?.close();
  });

  it("should let an accountant post, read, correct, close and export in the back-office, within the company's scope", async () => {
    await step('should post a synced statement and show its entries with French amounts', async () => {
      await page.goto(`${origin}/admin/resources/BankStatement/records/${mine.statementId}/show`, {
        waitUntil: 'commit',
      });
      await page.locator('[data-testid="action-postEntries"]').first().click();
      await page.locator('#run-command').click();
      const result = await page.locator('#command-result').textContent();
      const entries = await entriesOf(mine.statementId);
      expect(entries.length).toBeGreaterThan(1);
      expect(result).toBe(`${entries.length} écritures passées.`);
      await screenshot(page, `${TEST_ENGINE}-accounting-01-posted`);

      // The entries of the statement, the latest first, each with its amount written the French way.
      await page.locator('#see-entries').click();
      await page.getByText('Écritures', { exact: true }).filter({ visible: true }).first().waitFor();
      const latest = entries.at(-1)!;
      const bankSide = latest.lines.find((line) => line.account === '512100')!;
      const amount = frenchAmount(bankSide.debit === '0.00' ? bankSide.credit : bankSide.debit);
      expect(amount).toMatch(/^\d{1,3}(\u202f\d{3})*,\d{2}\u00a0€$/);
      await page.getByRole('cell', { name: latest.number, exact: true }).waitFor();
      await page.getByRole('cell', { name: amount, exact: true }).first().waitFor();
      await expect(page.getByText('BQ9-', { exact: false }).count()).resolves.toBe(0);
      await screenshot(page, `${TEST_ENGINE}-accounting-02-entries`);

      // One entry: its two lines, bank account and counterpart.
      await page.goto(`${origin}/admin/resources/JournalEntry/records/${latest.id}/show`, { waitUntil: 'commit' });
      await page.locator('#entry-lines').waitFor();
      const rows = page.locator('[data-testid="entry-line"]');
      await expect(rows.count()).resolves.toBe(2);
      const bankRow = rows.filter({ hasText: '512100' });
      await bankRow.getByText('Banque BNP').waitFor();
      await bankRow.getByText(amount, { exact: true }).waitFor();
      await rows.filter({ hasText: '471000' }).getByText(amount, { exact: true }).waitFor();
      await screenshot(page, `${TEST_ENGINE}-accounting-03-entry`);

      // Its statement line says it is posted, and links back to the entry.
      await page.goto(`${origin}/admin/resources/StatementLine/records/${latest.statementLineId}/show`, {
        waitUntil: 'commit',
      });
      const posted = page.locator('[data-testid="property-show-posted"]');
      await posted.getByText('Comptabilisée le ', { exact: false }).waitFor();
      await expect(posted.textContent()).resolves.toMatch(/Comptabilisée le \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
      await page.locator('[data-testid="entries-link"]', { hasText: latest.number }).click();
      await page.waitForURL(new RegExp(`/JournalEntry/records/${latest.id}/show`), { waitUntil: 'commit' });

      // Posting again posts nothing.
      await page.goto(`${origin}/admin/resources/BankStatement/records/${mine.statementId}/postEntries`, {
        waitUntil: 'commit',
      });
      await page.locator('#run-command').click();
      await expect(page.locator('#command-result').textContent()).resolves.toBe(
        'Rien à comptabiliser : toutes les lignes sont déjà passées.',
      );
      expect(await entriesOf(mine.statementId)).toHaveLength(entries.length);
    });

    await step('should refuse a bad regular expression on its field, in French', async () => {
      await page.goto(`${origin}/admin/resources/CounterpartRule/actions/new`, { waitUntil: 'commit' });
      const company = page.locator('[data-testid="property-edit-companyId"] input').first();
      await company.fill('Client');
      await page.getByText(`Client ${mine.email}`, { exact: true }).click();
      await page.locator('input[name="name"]').fill('Prélèvements URSSAF');
      await page.locator('input[name="labelRegex"]').fill('^PRLV (URSSAF');
      await page.locator('input[name="account"]').fill('431000');
      await page.locator('input[name="accountLabel"]').fill('Sécurité sociale');
      await page.locator('label[for="active"]').click();
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page
        .locator('[data-testid="property-edit-labelRegex"]')
        .getByText(ERROR_CODES['label_regex.invalid'].fr)
        .waitFor();
      await screenshot(page, `${TEST_ENGINE}-accounting-04-bad-regex`);
      const rules = await t.api().get(`/api/v1/counterpart-rules?companyId=${mine.companyId}`).expect(200);
      expect(rules.body.items).toEqual([]);

      await page.locator('input[name="labelRegex"]').fill('^PRLV .*URSSAF');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByRole('cell', { name: 'Prélèvements URSSAF', exact: true }).waitFor();
      const saved = await t.api().get(`/api/v1/counterpart-rules?companyId=${mine.companyId}`).expect(200);
      expect(saved.body.items).toEqual([
        expect.objectContaining({ labelRegex: '^PRLV .*URSSAF', account: '431000', sign: 'any', active: true }),
      ]);
    });

    await step(
      'should keep another company’s entries and rules out of the lists and of their direct URLs',
      async () => {
        await page.goto(`${origin}/admin/resources/CounterpartRule`, { waitUntil: 'commit' });
        await page.getByRole('cell', { name: 'Prélèvements URSSAF', exact: true }).waitFor();
        await expect(page.getByText('Règle de l’autre client').count()).resolves.toBe(0);
        const hidden = ['Règle de l’autre client', 'BQ9-'];
        for (const url of [
          `/admin/resources/CounterpartRule/records/${otherRuleId}/show`,
          `/admin/resources/JournalEntry/records/${otherEntryId}/show`,
        ]) {
          await page.goto(`${origin}${url}`, { waitUntil: 'commit' });
          await page.getByText('Page introuvable', { exact: true }).waitFor();
          for (const text of hidden) await expect(page.getByText(text, { exact: false }).count()).resolves.toBe(0);
        }
        // The JSON behind the pages answers nothing either.
        const list = await agent.get(`/admin/api/resources/JournalEntry/actions/list?perPage=500`).expect(200);
        const numbers: string[] = list.body.records.map(
          (record: { params: { ecritureNum: string } }) => record.params.ecritureNum,
        );
        expect(numbers.length).toBeGreaterThan(0);
        expect(numbers.every((number) => number.startsWith('BQ1-'))).toBe(true);
        const filtered = await agent
          .get(`/admin/api/resources/JournalEntry/actions/list?filters.companyId=${other.companyId}`)
          .expect(200);
        expect(filtered.body.records).toEqual([]);
        const rule = await agent.get(`/admin/api/resources/CounterpartRule/records/${otherRuleId}/show`);
        expect(rule.body.record?.params?.name).toBeUndefined();
      },
    );

    await step(
      'should take a decision on a bank change with the account’s e-mail, and explain a refused close',
      async () => {
        const control = sandboxControl(sandbox.url, sandbox.controlToken);
        const entries = await entriesOf(mine.statementId);
        const target = entries[0]!;
        const line = (
          await t.api().get(`/api/v1/statements/${mine.statementId}/lines?limit=500`).expect(200)
        ).body.items.find((candidate: { id: number }) => candidate.id === target.statementLineId);
        await control.patch(`/transactions/${line.bridgeTransactionId}`, {
          amount: '-1234.55',
          label: 'PRLV SEPA REGUL',
        });
        expect(await mine.sync()).toMatchObject({ status: 'synced', reviewRequired: 1 });

        const post = (path: string, form: Record<string, string>) =>
          agent.post(`/admin/api/resources/${path}`).set('Origin', origin).type('form').send(form).expect(200);
        // Closing waits for the decision: the refusal on the state field, in French.
        const close = await post(`BankStatement/records/${mine.statementId}/edit`, { state: 'closed' });
        expect(close.body.record.errors).toEqual({ state: { message: ERROR_CODES['statement.review_pending'].fr } });

        const show = await agent.get(`/admin/api/resources/StatementLine/records/${line.id}/show`).expect(200);
        expect(show.body.record.params.bankChange).toContain('Montant : ');
        expect(show.body.record.params.bankChange).toContain('-1\u202f234,55');
        const refused = await post(`StatementLine/records/${line.id}/rejectBankChange`, { comment: '  ' });
        expect(refused.body.outcome).toEqual({
          failure: 'Le commentaire est obligatoire pour rejeter la modification.',
        });

        await page.goto(`${origin}/admin/resources/StatementLine/records/${line.id}/acceptBankChange`, {
          waitUntil: 'commit',
        });
        await page.getByText('-1\u202f234,55', { exact: false }).first().waitFor();
        await page.locator('#command-comment').fill('Régularisation confirmée par la banque');
        await page.locator('#run-command').click();
        await expect(page.locator('#command-result').textContent()).resolves.toBe(
          'Modification acceptée : 2 écritures passées (extourne et nouvelle écriture).',
        );
        await screenshot(page, `${TEST_ENGINE}-accounting-05-bank-change`);
        const after = (await entriesOf(mine.statementId)).filter((entry) => entry.statementLineId === line.id);
        expect(after.map((entry) => entry.kind)).toEqual(['posting', 'reversal', 'posting']);
        const resolved = await agent.get(`/admin/api/resources/StatementLine/records/${line.id}/show`).expect(200);
        expect(resolved.body.record.params).toMatchObject({ reviewRequired: false });
        expect(resolved.body.record.params.reviewResolution).toContain(`par ${ACCOUNTANT} : Régularisation confirmée`);
        expect(resolved.body.record.params.entries).toHaveLength(3);

        // The reversal links to the entry it reverses.
        const reversal = after[1]!;
        await page.goto(`${origin}/admin/resources/JournalEntry/records/${reversal.id}/show`, { waitUntil: 'commit' });
        await page.locator('[data-testid="reversalOf-link"]', { hasText: after[0]!.number }).waitFor();

        // Every line posted, the balance still differs from the bank's: closing takes "Forcer la clôture" and a comment.
        await page.goto(`${origin}/admin/resources/BankStatement/records/${mine.statementId}/edit`, {
          waitUntil: 'commit',
        });
        await page.locator('[data-testid="property-edit-state"] input').first().fill('Clôt');
        await page.getByRole('option', { name: 'Clôturé', exact: true }).click();
        await page.getByRole('button', { name: 'Enregistrer' }).click();
        await page
          .locator('[data-testid="property-edit-state"]')
          .getByText(ERROR_CODES['statement.unbalanced'].fr)
          .waitFor();
        await page.locator('label[for="forceClose"]').click();
        await page.locator('textarea[name="closeComment"]').fill('Écart de 3 centimes expliqué par la banque');
        await page.getByRole('button', { name: 'Enregistrer' }).click();
        await page.waitForURL(/\/show/, { waitUntil: 'commit' });
        const statement = await t.api().get(`/api/v1/statements/${mine.statementId}`).expect(200);
        expect(statement.body).toMatchObject({
          state: 'closed',
          forcedClose: true,
          closeComment: 'Écart de 3 centimes expliqué par la banque',
        });
      },
    );

    await step('should offer the FEC of each fiscal year, and close a fiscal year for good', async () => {
      await page.goto(`${origin}/admin/resources/Company/records/${mine.companyId}/exportFec`, { waitUntil: 'commit' });
      const download = page.locator('#download-fec');
      await expect(download.getAttribute('href')).resolves.toBe(
        `/admin/api/fec?companyId=${mine.companyId}&fiscalYear=2026`,
      );
      // The download itself: the signed-in account's companies only, the same file as the API's.
      await t.api().patch(`/api/v1/companies/${mine.companyId}`, { siren: '552100554' }).expect(200);
      const file = await agent
        .get(`/admin/api/fec?companyId=${mine.companyId}&fiscalYear=2026`)
        .buffer(true)
        .parse(binaryBody)
        .expect(200);
      expect(file.headers['content-disposition']).toMatch(/filename="?552100554FEC20261231\.txt"?$/);
      expect(file.headers['content-type']).toBe('text/plain; charset=iso-8859-15');
      const api = await t
        .api()
        .get(`/api/v1/companies/${mine.companyId}/fec?fiscalYear=2026`)
        .buffer(true)
        .parse(binaryBody);
      expect(file.body).toEqual(api.body);
      expect(checkFec(parseFec(file.body as Buffer, 'iso-8859-15'))).toEqual([]);
      await agent.get(`/admin/api/fec?companyId=${other.companyId}&fiscalYear=2026`).expect(404);
      await agent.get(`/admin/api/fec?companyId=${mine.companyId}&fiscalYear=abc`).expect(400);
      await request(t.app.getHttpServer())
        .get(`/admin/api/fec?companyId=${mine.companyId}&fiscalYear=2026`)
        .expect(401);
      await page.locator('#fec-year').click();
      await page.getByRole('option', { name: '2026 (du 01/01/2026 au 31/12/2026, ouvert)', exact: true }).waitFor();
      await screenshot(page, `${TEST_ENGINE}-accounting-06-fec`);

      const years = (await t.api().get(`/api/v1/fiscal-years?companyId=${mine.companyId}`).expect(200)).body.items;
      expect(years).toEqual([expect.objectContaining({ year: 2026, state: 'open' })]);
      await page.goto(`${origin}/admin/resources/FiscalYear`, { waitUntil: 'commit' });
      await page.getByRole('cell', { name: 'Ouvert', exact: true }).waitFor();
      await expect(page.getByRole('row').count()).resolves.toBe(2);
      await page.goto(`${origin}/admin/resources/FiscalYear/records/${years[0].id}/closeYear`, { waitUntil: 'commit' });
      await page.getByText('La clôture est définitive', { exact: false }).waitFor();
      await page.locator('#run-command').click();
      await expect(page.locator('#command-result').textContent()).resolves.toMatch(
        /^Exercice 2026 \(du 01\/01\/2026 au 31\/12\/2026\) clôturé le \d{2}\/\d{2}\/2026 \d{2}:\d{2}\.$/,
      );
      const closed = await t.api().get(`/api/v1/fiscal-years/${years[0].id}`).expect(200);
      expect(closed.body.state).toBe('closed');
      // Closed for good: the action is gone from the year.
      const show = await agent.get(`/admin/api/resources/FiscalYear/records/${years[0].id}/show`).expect(200);
      expect(show.body.record.recordActions.map((action: { name: string }) => action.name)).not.toContain('closeYear');
    });
  });
});
