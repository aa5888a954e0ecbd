import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { driveConnectFunnel } from '@telecollecte/bridge-sandbox';
import type { Page } from 'playwright-core';

import { ACCOUNT_TYPE_LABELS, OPERATION_TYPE_LABELS } from '../../admin/bridge-labels.js';
import { RESOURCE_TRANSLATIONS } from '../../admin/locale/resources.fr.js';
import { AdminAccountsService } from '../../src/admin-accounts/admin-accounts.service.js';
import { ALL_ERROR_CODES } from '../../src/common/errors/error-codes.js';
import { ConnectionLog } from '../../src/connection-log/connection-log.entity.js';
import { DemoSeedService } from '../../src/demo/demo-seed.service.js';
import { freePort } from '../support/processes.js';
import { launchBrowser, screenshot } from './utils/browser.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

// A demo Synchro, a posting, a billing run, then every page of the back-office in a real Chromium.
jest.setTimeout(600_000);

const PASSWORD = 'correct-horse-battery';
const EDITOR_EMAIL = 'editeur@cabinet.fr';

/** Every English string of AdminJS 7 (its `en` locale) that differs from our French one. */
function adminJsEnglish(): string[] {
  // adminjs' package.json "exports" hides lib/, so locate the package root through its main entry.
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('adminjs'));
  const english = JSON.parse(readFileSync(join(root, 'lib/locale/en/translation.json'), 'utf8'));
  const strings: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') {
      // Only the text around placeholders can show ("{{count}} records were…"); keep the longest literal part.
      const literal = value
        .replace(/<\/?\d>/g, '')
        .split(/\{\{[^}]+\}\}/)
        .map((part) => part.trim())
        .sort((a, b) => b.length - a.length)[0];
      if (literal && literal.length >= 4) strings.push(literal);
    } else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(english);
  return [...new Set(strings)];
}

/** Words that read the same in French and English, or that are names (AdminJS, product names). */
const SAME_IN_FRENCH = new Set(['Actions', 'Navigation', 'Pages', 'Dashboard', 'Filters']);

/** What the UI libraries say in English when nobody translated them (react-select, react-datepicker, AdminJS). */
const LIBRARY_ENGLISH = [
  'Select...',
  'No options',
  'Loading...',
  'Search...',
  'Choose',
  'January',
  'February',
  'March',
  'April',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Next Month',
  'Previous Month',
  'Show',
  'Edit',
  'Delete',
  'Filter',
  'Create new',
  'Save',
  'Cancel',
  'Yes',
  'No',
  'true',
  'false',
  'null',
  'undefined',
  'Required',
  'required',
  'NaN',
  'Invalid Date',
];

/** Values of the product's enums that must be shown by their French label, never as they are stored. */
const RAW_CODES = [
  'checking',
  'savings',
  'card',
  'loan',
  'direct_debit',
  'transfer',
  'credit_card',
  'sync_failed',
  'synced',
  'connect_required',
  'account_choice_required',
  'open',
  'closed',
  'editor',
  'integrator',
  'debit',
  'credit',
  'any',
  'authenticated',
  'callback',
  'refresh',
  'success',
  'failure',
  'pending',
  'annual',
  'monthly',
];

/**
 * Labels with accents as a lodash startCase would spoil them ("Synchro en échec" → "Synchro En Echec"): what AdminJS's
 * own value badge did to every label it showed.
 */
const SPOILED_LABELS = [
  ...Object.values(RESOURCE_TRANSLATIONS.connectionActions),
  ...Object.values(ACCOUNT_TYPE_LABELS),
  ...Object.values(OPERATION_TYPE_LABELS),
  'Succès',
  'Échec',
  'Clôturé',
]
  .map((label) => ({
    label,
    spoiled: label
      .normalize('NFD')
      .replace(/\p{Mn}/gu, '')
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((word) => word[0]!.toUpperCase() + word.slice(1))
      .join(' '),
  }))
  .filter(({ label, spoiled }) => spoiled !== label)
  .map(({ spoiled }) => spoiled);

/** Columns holding the id of a record that has a name: shown by that name, never by the number. */
const REFERENCE_PATHS = [
  'companyId',
  'bridgeConfigId',
  'userId',
  'bankAccountId',
  'statementId',
  'statementLineId',
  'ruleId',
  'fiscalYearId',
  'entryId',
  'adminAccountId',
];

/** Each shown reference column of the page (list cells, record fields): its path and the value it shows. */
const SHOWN_REFERENCES = `Array.from(document.querySelectorAll('[data-testid^="property-list-"], [data-testid^="property-show-"]'))
  .map((element) => {
    const path = element.getAttribute('data-testid').replace(/^property-(list|show)-/, '');
    const lines = element.innerText.split('\\n').map((line) => line.trim()).filter(Boolean);
    return { path, value: lines[lines.length - 1] ?? '' };
  })`;

interface Finding {
  page: string;
  problem: string;
}

/**
 * What a user reads on the page: its text, the inputs' values and placeholders, and the native tooltips. Run in the
 * page as a script (the test is compiled without the DOM's types).
 */
const READABLE_TEXT = `(() => {
  // The API log's bodies are the exchange with Bridge as it was, JSON and English: shown verbatim on purpose.
  const verbatim = Array.from(
    document.querySelectorAll('[data-testid="property-show-requestBody"], [data-testid="property-show-responseBody"]'),
  );
  for (const element of verbatim) element.style.display = 'none';
  const parts = [document.title, document.body.innerText];
  for (const element of verbatim) element.style.display = '';
  for (const input of Array.from(document.querySelectorAll('input, textarea'))) {
    if (input.type === 'hidden' || input.type === 'password') continue;
    parts.push(input.value ?? '', input.placeholder ?? '');
  }
  for (const element of Array.from(document.querySelectorAll('[title], [aria-label]'))) {
    parts.push(element.getAttribute('title') ?? '', element.getAttribute('aria-label') ?? '');
  }
  return parts.join('\\n');
})()`;

async function readablePage(page: Page): Promise<string> {
  return page.evaluate<string>(READABLE_TEXT);
}

/** The tokens of a text, without e-mails, URLs and file names (which carry dots and dashes of their own). */
function wordsOf(text: string): string[] {
  return text.split(/[\s«»"“”(),;:!?]+/).filter((word) => word && !/@|:\/\/|^\/|\.(txt|csv|json|xml|png)$/i.test(word));
}

function findEnglishAndRawCodes(pageName: string, text: string, englishStrings: string[]): Finding[] {
  const findings: Finding[] = [];
  const found = (problem: string) => findings.push({ page: pageName, problem });
  const lines = text.split('\n').map((line) => line.trim());
  for (const english of [...englishStrings, ...LIBRARY_ENGLISH]) {
    if (SAME_IN_FRENCH.has(english)) continue;
    const pattern = new RegExp(`(^|[^\\p{L}])${english.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u');
    const line = lines.find((candidate) => pattern.test(candidate));
    if (line !== undefined) found(`English « ${english} » in « ${line.slice(0, 120)} »`);
  }
  for (const spoiled of SPOILED_LABELS) {
    const line = lines.find((candidate) => candidate.split(/\s*[–:,]\s*|\s{2,}/).includes(spoiled));
    if (line !== undefined) found(`label without its accents « ${spoiled} » in « ${line.slice(0, 120)} »`);
  }
  const words = wordsOf(text);
  for (const code of RAW_CODES) {
    if (words.includes(code)) found(`raw code « ${code} »`);
  }
  for (const code of ALL_ERROR_CODES) {
    if (text.includes(code)) found(`error code « ${code} »`);
  }
  for (const word of words) {
    if (/^-?\d+\.\d{2}$/.test(word)) found(`amount not in French « ${word} »`);
    if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(word)) found(`ISO date « ${word} »`);
    if (/^[a-z]+(_[a-z]+)+$/.test(word)) found(`snake_case code « ${word} »`);
  }
  return findings;
}

describe(`back-office in French, every page (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let origin: string;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    t = await createTestApp({ BRIDGE_SANDBOX: 'on', ADMIN: 'on', PORT: String(port), PUBLIC_URL: origin });
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(port, '127.0.0.1', resolve));
    expect(await t.app.get(DemoSeedService).seedOnce(t.sandbox!, '/bridge-sandbox')).toBe(true);
    const api = t.api();
    const first = await api.post('/api/v1/statements/1/sync', { userId: 1 }).expect(200);
    const funnel = await driveConnectFunnel(first.body.connectUrl, { providerId: 574 });
    expect((await fetch(funnel.location!)).status).toBe(200);
    await api.post('/api/v1/statements/1/post', {}).expect(200);
    // A billing report to show: the demo's connections moved to a year that is over, then that year billed.
    await t.dataSource
      .getRepository(ConnectionLog)
      .createQueryBuilder()
      .update()
      .set({ at: new Date('2025-06-16T09:30:00.000Z') })
      .execute();
    const billed = await api.post('/api/v1/billing/runs', { period: '2025' }).expect(200);
    expect(billed.body.created.length).toBeGreaterThan(0);
    await t.app.get(AdminAccountsService).create({
      email: EDITOR_EMAIL,
      name: 'Éditeur',
      password: PASSWORD,
      userId: null,
      role: 'editor',
    });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('should show no English string and no raw code on any page', async () => {
    const english = adminJsEnglish();
    const browser = await launchBrowser();
    const findings: Finding[] = [];
    const visited: string[] = [];
    try {
      const page = await browser.newPage();
      page.setDefaultTimeout(30_000);
      const check = async (name: string) => {
        // Let AdminJS load the records the page asks for, and the custom components their previews.
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(300);
        visited.push(name);
        findings.push(...findEnglishAndRawCodes(name, await readablePage(page), english));
        for (const shown of await page.evaluate<{ path: string; value: string }[]>(SHOWN_REFERENCES)) {
          if (REFERENCE_PATHS.includes(shown.path) && /^\d+$/.test(shown.value)) {
            findings.push({ page: name, problem: `${shown.path} shown as the number « ${shown.value} »` });
          }
        }
        await screenshot(page, `walk-${name.replace(/[^\w-]+/g, '_')}`);
      };

      await page.goto(`${origin}/admin/login`);
      await check('login');
      await page.fill('input[name="email"]', EDITOR_EMAIL);
      await page.fill('input[name="password"]', PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByText('Back-office des intégrateurs').waitFor();
      await check('dashboard');

      // The resources and their actions as the page knows them (a script: the test has no DOM types).
      const resources = await page.evaluate<{ id: string; actions: string[] }[]>(
        `REDUX_STATE.resources.map((resource) => ({
          id: resource.id,
          actions: resource.resourceActions.map((action) => action.name),
        }))`,
      );
      expect(resources.length).toBeGreaterThan(10);

      for (const resource of resources) {
        const base = `${origin}/admin/resources/${resource.id}`;
        await page.goto(base);
        await check(`${resource.id}-list`);
        // AdminJS's filter button (a button-group item, not a role=button) and the drawer it opens.
        const filter = page.locator(`[data-css="${resource.id}-filter-button"]`);
        if (await filter.count()) {
          await filter.first().click();
          await check(`${resource.id}-filters`);
          // An open picker says what it offers (or that it has nothing) in French.
          const picker = page.locator('.adminjs_Select input, [class*="-control"] input').first();
          if (await picker.count()) {
            await picker.click({ force: true });
            await check(`${resource.id}-filter-picker`);
            await page.keyboard.press('Escape');
          }
        }
        for (const action of resource.actions.filter((name) => !['list', 'search', 'bulkDelete'].includes(name))) {
          await page.goto(`${base}/actions/${action}`);
          await check(`${resource.id}-${action}`);
          const dateInput = page.locator('.react-datepicker__input-container input').first();
          if (action === 'new' && (await dateInput.count())) {
            await dateInput.click();
            await check(`${resource.id}-${action}-datepicker`);
            await page.keyboard.press('Escape');
          }
        }

        const listing = await page.request.get(`${origin}/admin/api/resources/${resource.id}/actions/list?perPage=1`);
        const records = ((await listing.json()) as { records?: { id: string; recordActions: { name: string }[] }[] })
          .records;
        const record = records?.[0];
        if (!record) continue;
        for (const action of record.recordActions.map((candidate) => candidate.name)) {
          if (action === 'delete') continue;
          await page.goto(`${base}/records/${record.id}/${action}`);
          await check(`${resource.id}-${action}`);
          if (action === 'show') {
            // A record page is titled with a name, never with its number or the action's name.
            const heading = page.locator('[data-record-title]').first();
            const title = (await heading.count()) ? await heading.getAttribute('data-record-title') : null;
            if (!title || /^\s*(n°\s*)?\d+\s*$/i.test(title)) {
              findings.push({ page: `${resource.id}-show`, problem: `record titled « ${title ?? '(none)'} »` });
            }
          }
        }
      }
    } finally {
      await browser.close();
    }
    expect(visited.length).toBeGreaterThan(40);
    // The walk reached the filter drawers and their pickers, and the record pages.
    expect(visited.filter((name) => name.endsWith('-filters')).length).toBeGreaterThan(8);
    expect(visited.filter((name) => name.endsWith('-filter-picker')).length).toBeGreaterThan(5);
    expect(visited.filter((name) => name.endsWith('-show')).length).toBeGreaterThan(10);
    expect(findings).toEqual([]);
  });
});
