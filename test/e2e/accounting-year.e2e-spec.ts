import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createBridgeSandbox } from '@telecollecte/bridge-sandbox';
import { parseSync } from 'ofx-js';
import type request from 'supertest';
import { validateXML } from 'xmllint-wasm';

import {
  checkFec,
  FEC_COLUMN_NAMES,
  fecCents,
  fecEntries,
  netMovement,
  parseFec,
  type ParsedFec,
} from '../support/fec-parser.js';
import { sandboxControl, type SandboxServer } from '../support/sandbox-control.js';
import { TEST_NOW } from '../support/test-clock.js';
import { binaryBody } from './utils/binary-body.js';
import { expectTotalsKept } from './utils/statement-totals.js';
import { step } from './utils/steps.js';
import { synchroScene, type SynchroScene } from './utils/synchro-scene.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

// PRODUCT.md §6 over a year: a year of lines imported by the Synchro from the sandbox (its generated year plus lines
// written to be awkward), posted, corrected by the bank, exported. Every check reads the API or the exported bytes
// with the test's own readers (test/support/fec-parser.ts, xmllint, ofx-js), never the exporter's functions.

jest.setTimeout(120_000);

const XSD = readFileSync(
  resolve(dirname(fileURLToPath(import.meta.url)), '../support/standards/camt.053.001.02.xsd'),
  'utf8',
);

const SIREN = '732829320';
const BANK = '512100';
const CLEARING = '467100';
const SUSPENSE = '471000';

interface EntryLine {
  account: string;
  accountLabel: string;
  debit: string;
  credit: string;
}
interface Entry {
  id: number;
  number: string;
  journalCode: string;
  fiscalYear: number;
  kind: 'posting' | 'reversal';
  date: string;
  validatedAt: string;
  pieceRef: string;
  label: string;
  statementLineId: number;
  reversalOfId: number | null;
  ruleId: number | null;
  lines: EntryLine[];
}
interface Line {
  id: number;
  date: string;
  amount: string;
  label: string;
  cleanLabel: string | null;
  originalLabel: string | null;
  accountType: string | null;
  operationType: string | null;
  bridgeTransactionId: number;
  reviewRequired: boolean;
  postedAt: string | null;
}
interface Rule {
  id: number;
  bankAccountId: number | null;
  priority: number;
  labelContains: string | null;
  labelRegex: string | null;
  sign: 'debit' | 'credit' | 'any';
  amountMin: string | null;
  amountMax: string | null;
  account: string;
  accountLabel: string;
  active: boolean;
}

/** "-1234.05" → -123405, exactly (no float). */
function cents(value: string): number {
  const parts = /^(-?)(\d+)\.(\d{2})$/.exec(value);
  if (!parts) throw new Error(`not an amount with 2 decimals: ${value}`);
  return (parts[1] ? -1 : 1) * (Number(parts[2]) * 100 + Number(parts[3]));
}

/** A decimal as OFX writes it ("-12.3", "1250.05", "+7") → integer cents, read as text. */
function decimalCents(value: string): number {
  const parts = /^([+-]?)(\d+)(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!parts) throw new Error(`not a decimal amount: ${value}`);
  return (parts[1] === '-' ? -1 : 1) * (Number(parts[2]) * 100 + Number((parts[3] ?? '').padEnd(2, '0')));
}

/** The fiscal year of a day for a company closing on 30 June: named by the year of its end. */
const fiscalYearOf = (date: string) => Number(date.slice(0, 4)) + (date.slice(5) > '06-30' ? 1 : 0);

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** PRODUCT.md §6, counterpart rules, read independently of the product: the first active rule that matches. */
function expectedRule(rules: Rule[], line: Line, bankAccountId: number): Rule | undefined {
  const amount = cents(line.amount);
  const texts = [line.label, line.cleanLabel ?? '', line.originalLabel ?? ''].filter((text) => text !== '').map(fold);
  return [...rules]
    .sort((a, b) => a.priority - b.priority || a.id - b.id)
    .find((rule) => {
      if (!rule.active || amount === 0) return false;
      if (rule.bankAccountId !== null && rule.bankAccountId !== bankAccountId) return false;
      if (rule.sign === 'debit' && amount > 0) return false;
      if (rule.sign === 'credit' && amount < 0) return false;
      if (rule.amountMin !== null && Math.abs(amount) < cents(rule.amountMin)) return false;
      if (rule.amountMax !== null && Math.abs(amount) > cents(rule.amountMax)) return false;
      if (rule.labelContains && !texts.some((text) => text.includes(fold(rule.labelContains!)))) return false;
      if (rule.labelRegex && !texts.some((text) => new RegExp(fold(rule.labelRegex!), 'iu').test(text))) return false;
      return true;
    });
}

const isDeferredTotal = (line: Line) => line.operationType === 'deferred_debit_card';
/** A card line of the card account (not its settlement): it posts against the clearing account. */
const isCardPurchase = (line: Line) => line.accountType === 'card' && !isDeferredTotal(line);
/** The lines that take an entry: not zero, and not the card account's own settlement of the deferred total. */
const takesEntry = (line: Line) => cents(line.amount) !== 0 && !(line.accountType === 'card' && isDeferredTotal(line));

const debitMinusCredit = (lines: EntryLine[], account: string) =>
  lines
    .filter((line) => line.account === account)
    .reduce((sum, line) => sum + cents(line.debit) - cents(line.credit), 0);

const attachmentName = (response: request.Response) =>
  /^attachment; filename="?([^"]+)"?$/.exec(String(response.headers['content-disposition']))?.[1];

/** RFC 4180 as csv-stringify writes it: quoted cells may hold the separator, quotes and line breaks. */
function parseCsv(text: string, separator = ';'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]!;
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (character === '"') quoted = false;
      else cell += character;
    } else if (character === '"') quoted = true;
    else if (character === separator) {
      row.push(cell);
      cell = '';
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && text[index + 1] === '\n') index += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += character;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

// Written into the sandbox on the checking account: one of each awkward kind PRODUCT.md §6 names, on both sides of
// the fiscal year's end (30 June 2026).
const AWKWARD = {
  pipe: { date: '2026-01-15', label: 'VIR SEPA CLIENT | DUPONT', amount: '1250.05' },
  tab: { date: '2026-02-10', label: 'PRLV\tTAB ASSURANCE', amount: '-45.35' },
  lineBreak: { date: '2026-03-05', label: 'CB MARCHÉ\nLIGNE 2', amount: '-12.15' },
  latin9: { date: '2026-04-20', label: 'ACHAT € œ Ÿ CŒUR', amount: '-1999.95' },
  emoji: { date: '2026-05-12', label: 'CAFÉ ☕ ÉQUIPE 🥐', amount: '-7.45' },
  formula: { date: '2026-06-30', label: '=HYPERLINK("x") VIR', amount: '100.00' },
  zero: { date: '2026-07-01', label: 'VIR REGUL ZERO', amount: '0.00' },
  zeroToo: { date: '2026-12-01', label: 'FRAIS OFFERTS', amount: '0.00' },
  refund: { date: '2026-07-03', label: 'REMBOURSEMENT FRAIS', amount: '5.05' },
  urssaf: { date: '2026-08-17', label: 'PRLV SEPA URSSAF REGUL', amount: '-1500.25' },
  edf: { date: '2026-08-20', label: 'PRLV EDF COMPLEMENT', amount: '-88.15' },
  updated: { date: '2026-09-09', label: 'PRLV SEPA ABONNEMENT', amount: '-29.90' },
  deleted: { date: '2026-10-02', label: 'VIR SEPA DOUBLON', amount: '-250.00' },
} as const;
type AwkwardName = keyof typeof AWKWARD;

describe(`A year of accounting on a card account in debit mode, fiscal year ending 30 June (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let sandbox: SandboxServer;
  let scene: SynchroScene;
  let rules: Rule[];
  const bridgeIds = {} as Record<AwkwardName, number>;

  const api = () => t.api();
  const allPages = async <T>(path: string): Promise<T[]> => {
    const items: T[] = [];
    for (;;) {
      const page = (
        await api()
          .get(`${path}${path.includes('?') ? '&' : '?'}limit=500&offset=${items.length}`)
          .expect(200)
      ).body;
      items.push(...page.items);
      if (items.length >= page.total || page.items.length === 0) return items;
    }
  };
  const allEntries = (query = `statementId=${scene.statementId}`) => allPages<Entry>(`/api/v1/entries?${query}`);
  const allLines = () => allPages<Line>(`/api/v1/statements/${scene.statementId}/lines`);
  const lineOf = (lines: Line[], name: AwkwardName) =>
    lines.find((line) => line.bridgeTransactionId === bridgeIds[name])!;
  const download = async (path: string) => {
    const response = await api().get(path).buffer(true).parse(binaryBody);
    expect({ status: response.status, path }).toEqual({ status: 200, path });
    return response;
  };
  const fec = async (year: number, encoding?: string) =>
    download(`/api/v1/companies/${scene.companyId}/fec?fiscalYear=${year}${encoding ? `&encoding=${encoding}` : ''}`);

  beforeAll(async () => {
    t = await createTestApp({ BRIDGE_RETRY_BASE_MS: '5', BRIDGE_TIMEOUT_MS: '5000', PUBLIC_URL: 'http://127.0.0.1:9' });
    sandbox = await createBridgeSandbox({
      seed: 5,
      historyMonths: 12,
      startTime: TEST_NOW,
      rateLimits: false,
    }).listen();
    scene = await synchroScene(t, sandbox, {
      version: '2025-01-15',
      email: 'annee@cabinet.fr',
      bankAccount: {
        glAccount: BANK,
        glAccountLabel: 'Banque BNP',
        accountTypes: ['checking', 'card'],
        cardDatingMode: 'debit',
        cardKeepDeferredTotal: true,
        cardClearingAccount: CLEARING,
        cardClearingAccountLabel: 'Carte à débit différé BNP',
      },
      statement: { dateStart: '2025-12-01' },
    });
    await api().patch(`/api/v1/companies/${scene.companyId}`, { siren: SIREN, fiscalYearEnd: '06-30' }).expect(200);
    const control = sandboxControl(sandbox.url, sandbox.controlToken);
    await scene.connectAtBridge();
    for (const [name, transaction] of Object.entries(AWKWARD)) {
      const created = await control.post<{ id: number }>(`/accounts/${scene.checking.id}/transactions`, {
        ...transaction,
        operationType: 'transfer',
      });
      bridgeIds[name as AwkwardName] = created.id;
    }
    expect((await scene.sync()).status).toBe('synced');

    // Another journal of the company, so that a rule of that journal is seen not to apply here.
    const other = await api()
      .post('/api/v1/bank-accounts', { companyId: scene.companyId, journalCode: 'BQ2', journalName: 'Livret' })
      .expect(201);
    const rule = async (body: Record<string, unknown>) =>
      (
        await api()
          .post('/api/v1/counterpart-rules', { companyId: scene.companyId, ...body })
          .expect(201)
      ).body as Rule;
    rules = [
      // A tie on priority: the first created wins the bank's fee debits; the second is left the credits.
      await rule({
        name: 'Frais',
        priority: 10,
        labelContains: 'FRAIS',
        sign: 'debit',
        account: '627000',
        accountLabel: 'Services bancaires et assimilés',
      }),
      await rule({
        name: 'Frais (tous sens)',
        priority: 10,
        labelContains: 'frais',
        account: '627800',
        accountLabel: 'Autres frais et commissions bancaires',
      }),
      await rule({
        name: 'URSSAF',
        priority: 20,
        labelRegex: '^prlv sepa urssaf',
        sign: 'debit',
        account: '431000',
        accountLabel: 'Sécurité sociale',
      }),
      await rule({
        name: 'Gros encaissements',
        priority: 30,
        sign: 'credit',
        amountMin: '1000.00',
        account: '706000',
        accountLabel: 'Prestations de services',
      }),
      await rule({
        name: 'Petites dépenses',
        priority: 40,
        sign: 'debit',
        amountMax: '10.00',
        account: '606300',
        accountLabel: 'Fournitures d’entretien et de petit équipement',
      }),
      await rule({
        name: 'Énergie (BQ1)',
        priority: 50,
        bankAccountId: scene.bankAccountId,
        labelContains: 'édf',
        account: '606100',
        accountLabel: 'Fournitures non stockables',
      }),
      await rule({
        name: 'Tout (BQ2)',
        priority: 1,
        bankAccountId: other.body.id,
        labelRegex: '.',
        account: '658000',
        accountLabel: 'Charges diverses de gestion courante',
      }),
      await rule({
        name: 'Cartes (inactive)',
        priority: 1,
        labelContains: 'carte',
        account: '606400',
        accountLabel: 'Fournitures administratives',
        active: false,
      }),
    ];
  });

  afterEach(async () => {
    await expectTotalsKept(t.dataSource);
  });

  afterAll(async () => {
    await sandbox?.close();
    await t?.close();
  });

  it('should account for a year of every kind of line, across a non-calendar fiscal year end, and export it', async () => {
    await step('should import a year of lines of every awkward kind through the Synchro', async () => {
      const lines = await allLines();
      expect(lines.length).toBeGreaterThan(200);
      const months = new Set(lines.map((line) => line.date.slice(0, 7)));
      expect(months.size).toBeGreaterThanOrEqual(12);
      expect(lines.every((line) => line.date >= '2025-12-01')).toBe(true);
      for (const name of Object.keys(AWKWARD) as AwkwardName[]) {
        expect({ name, line: lineOf(lines, name) }).toEqual({
          name,
          line: expect.objectContaining({ date: AWKWARD[name].date }),
        });
      }
      expect(lines.some((line) => isCardPurchase(line))).toBe(true);
      expect(lines.some((line) => line.accountType !== 'card' && isDeferredTotal(line))).toBe(true);
    });

    await step('should post every line once from several posts at once, numbered gapless per fiscal year', async () => {
      const lines = await allLines();
      const posts = await Promise.all(
        [1, 2, 3].map(() => api().post(`/api/v1/statements/${scene.statementId}/post`, {})),
      );
      expect(posts.map((post) => post.status)).toEqual([200, 200, 200]);
      const expected = lines.filter(takesEntry);
      const entryIds = posts.flatMap((post) => post.body.entryIds as number[]);
      expect(posts.reduce((sum, post) => sum + (post.body.posted as number), 0)).toBe(expected.length);
      expect(new Set(entryIds).size).toBe(expected.length);

      const entries = await allEntries();
      expect(entries.map((entry) => entry.id).sort((a, b) => a - b)).toEqual([...entryIds].sort((a, b) => a - b));
      expect(new Set(entries.map((entry) => entry.statementLineId)).size).toBe(entries.length);
      // Both fiscal years, each numbered from 1 without a gap, numbers growing with the posting.
      for (const year of [2026, 2027]) {
        const ofYear = entries.filter((entry) => entry.fiscalYear === year);
        expect(ofYear.length).toBeGreaterThan(10);
        expect(ofYear.map((entry) => entry.number)).toEqual(
          ofYear.map((_entry, index) => `BQ1-${year}-${String(index + 1).padStart(6, '0')}`),
        );
      }

      const counterpartsSeen = new Set<string>();
      for (const line of expected) {
        const entry = entries.find((candidate) => candidate.statementLineId === line.id)!;
        expect({ line: line.id, entry: entry !== undefined }).toEqual({ line: line.id, entry: true });
        expect(entry).toMatchObject({
          kind: 'posting',
          date: line.date,
          journalCode: 'BQ1',
          fiscalYear: fiscalYearOf(line.date),
        });
        expect(entry.number.startsWith(`BQ1-${fiscalYearOf(line.date)}-`)).toBe(true);
        expect(entry.lines).toHaveLength(2);
        expect(entry.lines.every((side) => (cents(side.debit) === 0) !== (cents(side.credit) === 0))).toBe(true);
        expect(
          debitMinusCredit(entry.lines, entry.lines[0]!.account) +
            debitMinusCredit(entry.lines, entry.lines[1]!.account),
        ).toBe(0);
        const bankSide = isCardPurchase(line) ? CLEARING : BANK;
        expect(debitMinusCredit(entry.lines, bankSide)).toBe(cents(line.amount));
        const counterpart = entry.lines.find((side) => side.account !== bankSide)!;
        if (isDeferredTotal(line)) {
          expect({ line: line.label, account: counterpart.account, ruleId: entry.ruleId }).toEqual({
            line: line.label,
            account: CLEARING,
            ruleId: null,
          });
          continue;
        }
        const rule = expectedRule(rules, line, scene.bankAccountId);
        expect({ line: line.label, amount: line.amount, account: counterpart.account, ruleId: entry.ruleId }).toEqual({
          line: line.label,
          amount: line.amount,
          account: rule?.account ?? SUSPENSE,
          ruleId: rule?.id ?? null,
        });
        counterpartsSeen.add(counterpart.account);
      }
      // Each rule that should have had work got some; the other journal's rule and the inactive one never apply.
      expect([...counterpartsSeen].sort()).toEqual([
        '431000',
        '471000',
        '606100',
        '606300',
        '627000',
        '627800',
        '706000',
      ]);
      const byName = (name: AwkwardName) => entries.find((entry) => entry.statementLineId === lineOf(lines, name).id)!;
      expect(byName('refund').lines.find((side) => side.account !== BANK)!.account).toBe('627800');
      expect(byName('urssaf').lines.find((side) => side.account !== BANK)!.account).toBe('431000');
      expect(byName('pipe').lines.find((side) => side.account !== BANK)!.account).toBe('706000');
      expect(byName('emoji').lines.find((side) => side.account !== BANK)!.account).toBe('606300');
      expect(byName('edf').lines.find((side) => side.account !== BANK)!.account).toBe('606100');
      expect(byName('formula').number.startsWith('BQ1-2026-')).toBe(true);
      expect(byName('refund').number.startsWith('BQ1-2027-')).toBe(true);
      for (const name of ['zero', 'zeroToo'] as const) {
        expect(entries.some((entry) => entry.statementLineId === lineOf(lines, name).id)).toBe(false);
      }
      expect((await allLines()).filter((line) => takesEntry(line) && line.postedAt === null)).toEqual([]);

      const again = await api().post(`/api/v1/statements/${scene.statementId}/post`, {}).expect(200);
      expect(again.body).toEqual({ posted: 0, entryIds: [] });
    });

    await step(
      'should bring the card clearing account back to zero after each debit day, and move the bank by the statement',
      async () => {
        const lines = await allLines();
        const entries = await allEntries();
        const debitDays = [
          ...new Set(
            lines.filter((line) => line.accountType !== 'card' && isDeferredTotal(line)).map((line) => line.date),
          ),
        ].sort();
        expect(debitDays.length).toBeGreaterThanOrEqual(11);
        for (const day of debitDays) {
          const clearing = debitMinusCredit(
            entries.filter((entry) => entry.date <= day).flatMap((entry) => entry.lines),
            CLEARING,
          );
          expect({ day, clearing }).toEqual({ day, clearing: 0 });
          // The purchases of that day's total are dated on it, against the clearing account.
          expect(
            entries.some(
              (entry) =>
                entry.date === day && entry.lines.some((side) => side.account === CLEARING && cents(side.credit) > 0),
            ),
          ).toBe(true);
        }
        expect(
          debitMinusCredit(
            entries.flatMap((entry) => entry.lines),
            CLEARING,
          ),
        ).toBe(0);
        const statement = (await api().get(`/api/v1/statements/${scene.statementId}`).expect(200)).body;
        expect(
          debitMinusCredit(
            entries.flatMap((entry) => entry.lines),
            BANK,
          ),
        ).toBe(cents(statement.balanceEnd) - cents(statement.balanceStart));
      },
    );

    await step(
      'should give a late line the next number of its fiscal year: numbers follow the posting, not the dates',
      async () => {
        const before = await allEntries('fiscalYear=2026&companyId=' + scene.companyId);
        t.clock.advance(24 * 3600_000);
        const control = sandboxControl(sandbox.url, sandbox.controlToken);
        const late = await control.post<{ id: number }>(`/accounts/${scene.checking.id}/transactions`, {
          date: '2026-02-20',
          label: 'VIR SEPA RETARDATAIRE',
          amount: '75.15',
          operationType: 'transfer',
        });
        expect((await scene.sync()).status).toBe('synced');
        const posted = await api().post(`/api/v1/statements/${scene.statementId}/post`, {}).expect(200);
        expect(posted.body.posted).toBe(1);
        const after = await allEntries('fiscalYear=2026&companyId=' + scene.companyId);
        const entry = after.find((candidate) => candidate.id === posted.body.entryIds[0])!;
        expect(entry).toMatchObject({
          date: '2026-02-20',
          pieceRef: String(late.id),
          number: `BQ1-2026-${String(before.length + 1).padStart(6, '0')}`,
        });
        expect(before.some((earlier) => earlier.date > entry.date)).toBe(true);
        expect(after.slice(0, before.length)).toEqual(before);
      },
    );

    await step(
      'should reverse and repost a bank update and reverse a deletion, once accepted, leaving the originals as they were',
      async () => {
        t.clock.advance(24 * 3600_000);
        const control = sandboxControl(sandbox.url, sandbox.controlToken);
        const lines = await allLines();
        const updated = lineOf(lines, 'updated');
        const deleted = lineOf(lines, 'deleted');
        const before = await allEntries();
        const original = before.find((entry) => entry.statementLineId === updated.id)!;
        const originalOfDeleted = before.find((entry) => entry.statementLineId === deleted.id)!;
        const last2027 = Math.max(
          ...before.filter((entry) => entry.fiscalYear === 2027).map((entry) => Number(entry.number.slice(-6))),
        );

        await control.patch(`/transactions/${updated.bridgeTransactionId}`, {
          amount: '-31.25',
          label: 'PRLV SEPA ABONNEMENT REVISE',
        });
        await control.delete(`/transactions/${deleted.bridgeTransactionId}`);
        expect(await scene.sync()).toMatchObject({ status: 'synced', reviewRequired: 2 });

        const accepted = await api()
          .post(`/api/v1/statements/${scene.statementId}/lines/${updated.id}/accept-bank-change`, {
            comment: 'Révision tarifaire',
          })
          .expect(200);
        expect(accepted.body).toEqual({ reversalEntryId: expect.any(Number), entryId: expect.any(Number) });
        const removal = await api()
          .post(`/api/v1/statements/${scene.statementId}/lines/${deleted.id}/accept-bank-change`, {})
          .expect(200);
        expect(removal.body).toEqual({ reversalEntryId: expect.any(Number), entryId: null });

        const after = await allEntries();
        expect(after.filter((entry) => before.some((old) => old.id === entry.id))).toEqual(before);
        const reversal = after.find((entry) => entry.id === accepted.body.reversalEntryId)!;
        expect(reversal).toMatchObject({
          kind: 'reversal',
          reversalOfId: original.id,
          pieceRef: original.pieceRef,
          statementLineId: updated.id,
        });
        expect(reversal.label).toContain(original.number);
        expect(reversal.lines).toEqual(
          original.lines.map((side) => ({ ...side, debit: side.credit, credit: side.debit })),
        );
        const repost = after.find((entry) => entry.id === accepted.body.entryId)!;
        expect(repost).toMatchObject({
          kind: 'posting',
          label: 'PRLV SEPA ABONNEMENT REVISE',
          pieceRef: original.pieceRef,
        });
        expect(debitMinusCredit(repost.lines, BANK)).toBe(-3125);
        const removed = after.find((entry) => entry.id === removal.body.reversalEntryId)!;
        expect(removed).toMatchObject({ kind: 'reversal', reversalOfId: originalOfDeleted.id });
        expect(removed.lines).toEqual(
          originalOfDeleted.lines.map((side) => ({ ...side, debit: side.credit, credit: side.debit })),
        );
        // Posted in that order, after everything else of fiscal year 2027.
        expect([reversal.number, repost.number, removed.number]).toEqual(
          [1, 2, 3].map((step) => `BQ1-2027-${String(last2027 + step).padStart(6, '0')}`),
        );

        const statement = (await api().get(`/api/v1/statements/${scene.statementId}`).expect(200)).body;
        expect(
          debitMinusCredit(
            after.flatMap((entry) => entry.lines),
            BANK,
          ),
        ).toBe(cents(statement.balanceEnd) - cents(statement.balanceStart));
      },
    );

    await step(
      'should export each fiscal year as a FEC of its own entries only, in validation order, named by its closing date',
      async () => {
        const entries = await allEntries();
        const statement = (await api().get(`/api/v1/statements/${scene.statementId}`).expect(200)).body;
        let bankCents = 0;
        const parsedByYear = new Map<number, ParsedFec>();
        for (const [year, closing] of [
          [2026, '20260630'],
          [2027, '20270630'],
        ] as const) {
          const response = await fec(year);
          expect(attachmentName(response)).toBe(`${SIREN}FEC${closing}.txt`);
          expect(response.headers['content-type']).toBe('text/plain; charset=iso-8859-15');
          const bytes = response.body as Buffer;
          const parsed = parseFec(bytes, 'iso-8859-15');
          parsedByYear.set(year, parsed);
          expect(parsed.header).toEqual([...FEC_COLUMN_NAMES]);
          expect(parsed.header).toHaveLength(18);
          expect(checkFec(parsed)).toEqual([]);
          for (const record of parsed.records) {
            expect({ at: record.lineNumber, fields: record.fields.length }).toEqual({
              at: record.lineNumber,
              fields: 18,
            });
            expect(record.zones.Debit).toMatch(/^\d+,\d{2}$/);
            expect(record.zones.Credit).toMatch(/^\d+,\d{2}$/);
            expect(record.fields.every((field) => !/[|\t\r\n]/.test(field))).toBe(true);
          }

          // Only this year's entries, each balanced in integer cents, in the order of their validation.
          const ofYear = entries
            .filter((entry) => entry.fiscalYear === year)
            .sort((a, b) => a.validatedAt.localeCompare(b.validatedAt) || a.number.localeCompare(b.number));
          const grouped = fecEntries(parsed);
          expect([...grouped.keys()]).toEqual(ofYear.map((entry) => entry.number));
          for (const [number, records] of grouped) {
            const sum = records.reduce(
              (total, record) => total + fecCents(record.zones.Debit)! - fecCents(record.zones.Credit)!,
              0,
            );
            expect({ number, sum }).toEqual({ number, sum: 0 });
            const entry = ofYear.find((candidate) => candidate.number === number)!;
            expect(records.map((record) => record.zones.EcritureDate)).toEqual(
              records.map(() => entry.date.replaceAll('-', '')),
            );
            expect(records.map((record) => [record.zones.CompteNum, record.zones.Debit, record.zones.Credit])).toEqual(
              entry.lines.map((side) => [side.account, side.debit.replace('.', ','), side.credit.replace('.', ',')]),
            );
            // No "?" that the label did not have (ISO-8859-15 transliterates or drops, never guesses).
            const questionMarks = (text: string) => text.split('?').length - 1;
            expect(questionMarks(records[0]!.zones.EcritureLib)).toBeLessThanOrEqual(questionMarks(entry.label));
          }
          const numbers = [...grouped.keys()].map((number) => Number(number.slice(-6))).sort((a, b) => a - b);
          expect(numbers).toEqual(numbers.map((_number, index) => index + 1));
          expect(
            parsed.records.every(
              (record) => record.zones.EcritureDate >= `${year - 1}0701` && record.zones.EcritureDate <= closing,
            ),
          ).toBe(true);
          expect(parsed.records.every((record) => !/\?/.test(record.zones.CompteLib + record.zones.JournalLib))).toBe(
            true,
          );
          bankCents += netMovement(parsed, BANK);
          expect(netMovement(parsed, BANK)).toBe(
            debitMinusCredit(
              ofYear.flatMap((entry) => entry.lines),
              BANK,
            ),
          );

          // The same bytes on a second export.
          expect((await fec(year)).body.equals(bytes)).toBe(true);
        }
        // One statement across both years: the bank account moves in the two files by the statement's balance change.
        expect(bankCents).toBe(cents(statement.balanceEnd) - cents(statement.balanceStart));

        // ISO-8859-15: € œ Ÿ in their Latin-9 bytes; the emoji dropped, not turned into "?"; separators become spaces.
        const iso = (await fec(2026)).body as Buffer;
        const lib = (name: AwkwardName) => {
          const lines = parsedByYear.get(fiscalYearOf(AWKWARD[name].date))!.records;
          return lines.find((record) => record.zones.PieceRef === String(bridgeIds[name]))!.zones.EcritureLib;
        };
        expect(lib('latin9')).toBe('ACHAT € œ Ÿ CŒUR');
        const latin9 = Buffer.from([0x41, 0x43, 0x48, 0x41, 0x54, 0x20, 0xa4, 0x20, 0xbd, 0x20, 0xbe, 0x20]);
        expect(iso.includes(latin9)).toBe(true);
        expect(iso.includes(Buffer.from('€', 'utf8'))).toBe(false);
        expect(lib('emoji')).toBe('CAFÉ ÉQUIPE');
        expect(lib('pipe')).toBe('VIR SEPA CLIENT DUPONT');
        expect(lib('tab')).toBe('PRLV TAB ASSURANCE');
        expect(lib('lineBreak')).toBe('CB MARCHÉ LIGNE 2');
        expect(lib('formula')).toBe('=HYPERLINK("x") VIR');
        expect(parsedByYear.get(2026)!.text.includes('?')).toBe(
          entries.some((entry) => entry.fiscalYear === 2026 && entry.label.includes('?')),
        );

        // UTF-8 on request: the same records, the emoji kept.
        const utf8Response = await fec(2026, 'utf-8');
        const utf8 = parseFec(utf8Response.body as Buffer, 'utf-8');
        expect(utf8Response.headers['content-type']).toBe('text/plain; charset=utf-8');
        expect(checkFec(utf8)).toEqual([]);
        expect(utf8.records).toHaveLength(parsedByYear.get(2026)!.records.length);
        expect((utf8Response.body as Buffer).includes(Buffer.from('€ œ Ÿ', 'utf8'))).toBe(true);
        expect(
          utf8.records.find((record) => record.zones.PieceRef === String(bridgeIds.emoji))!.zones.EcritureLib,
        ).toContain('☕');

        // The description that goes with each file.
        const description = await download(`/api/v1/companies/${scene.companyId}/fec/description?fiscalYear=2026`);
        expect(description.headers['content-type']).toBe('text/plain; charset=iso-8859-15');
        expect(attachmentName(description)).toBe(`${SIREN}FEC20260630-description.txt`);
        const text = new TextDecoder('iso-8859-15', { fatal: true }).decode(description.body as Buffer);
        const parsed2026 = parsedByYear.get(2026)!;
        expect(text).toContain(`Fichier : ${SIREN}FEC20260630.txt`);
        expect(text).toContain(`Exercice : 2026, du 01/07/2025 au 30/06/2026`);
        expect(text).toContain(
          `Contenu : ${fecEntries(parsed2026).size} écriture(s), ${parsed2026.records.length} enregistrement(s)`,
        );
        expect(text).toContain('ISO 8859-15');
        for (const name of FEC_COLUMN_NAMES) expect(text).toContain(name);
        const description2027 = await download(
          `/api/v1/companies/${scene.companyId}/fec/description?fiscalYear=2027&encoding=utf-8`,
        );
        expect((description2027.body as Buffer).toString('utf8')).toContain(`Fichier : ${SIREN}FEC20270630.txt`);
      },
    );

    await step('should refuse the FEC of a company without SIREN with a 400 naming siren', async () => {
      const company = await api().post('/api/v1/companies', { name: 'Sans SIREN' }).expect(201);
      const response = await api().get(`/api/v1/companies/${company.body.id}/fec?fiscalYear=2026`);
      expect({ status: response.status, field: response.body.field }).toEqual({ status: 400, field: 'siren' });
      expect(response.body.message).toContain('siren');
    });

    await step(
      'should export the statement as camt.053 (valid against the schema), OFX and a spreadsheet-safe CSV',
      async () => {
        const statement = (await api().get(`/api/v1/statements/${scene.statementId}`).expect(200)).body;
        const lines = await allLines();

        const camt = (await download(`/api/v1/statements/${scene.statementId}/export?format=camt053`)).body.toString(
          'utf8',
        );
        const validation = await validateXML({
          xml: [{ fileName: 'statement.xml', contents: camt }],
          schema: [{ fileName: 'camt.053.001.02.xsd', contents: XSD }],
        });
        expect(validation.errors.map((error) => error.message)).toEqual([]);
        const entryCount = camt.split('<Ntry>').length - 1;
        expect(entryCount).toBeGreaterThan(200);
        const amounts = [
          ...camt.matchAll(/<Ntry>\s*<Amt Ccy="EUR">([\d.]+)<\/Amt>\s*<CdtDbtInd>(CRDT|DBIT)<\/CdtDbtInd>/g),
        ].map((match) => (match[2] === 'DBIT' ? -1 : 1) * cents(match[1]));
        expect(amounts).toHaveLength(entryCount);
        expect(amounts.reduce((sum, value) => sum + value, 0)).toBe(
          cents(statement.balanceEnd) - cents(statement.balanceStart),
        );

        const ofx = (await download(`/api/v1/statements/${scene.statementId}/export?format=ofx`)).body.toString('utf8');
        const stmt = parseSync(ofx).OFX.BANKMSGSRSV1.STMTTRNRS.STMTRS;
        const transactions = [stmt.BANKTRANLIST.STMTTRN].flat() as { TRNAMT: string; FITID: string }[];
        expect(transactions).toHaveLength(entryCount);
        expect(transactions.reduce((sum, transaction) => sum + decimalCents(transaction.TRNAMT), 0)).toBe(
          cents(statement.balanceEnd) - cents(statement.balanceStart),
        );
        expect(decimalCents(stmt.LEDGERBAL.BALAMT)).toBe(cents(statement.balanceEnd));

        for (const [format, extension, type] of [
          ['camt053', 'xml', 'application/xml; charset=utf-8'],
          ['ofx', 'ofx', 'application/x-ofx; charset=utf-8'],
          ['csv', 'csv', 'text/csv; charset=utf-8'],
        ] as const) {
          const file = await download(`/api/v1/statements/${scene.statementId}/export?format=${format}`);
          expect([attachmentName(file), file.headers['content-type']]).toEqual([
            `releve-BQ1-${scene.statementId}.${extension}`,
            type,
          ]);
        }

        const csvBytes = (await download(`/api/v1/statements/${scene.statementId}/export?format=csv`)).body as Buffer;
        expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const rows = parseCsv(csvBytes.toString('utf8').slice(1));
        // Header, opening balance, one row per line, closing balance.
        expect(rows).toHaveLength(entryCount + 3);
        expect(rows.flat().every((cell) => !/^[=+@]/.test(cell) && !/^-(?!\d+(,\d+)?$)/.test(cell))).toBe(true);
        expect(rows.flat()).toContain(`'${AWKWARD.formula.label}`);
        expect(rows.flat()).toContain(lineOf(lines, 'lineBreak').label);
      },
    );
  });
});
