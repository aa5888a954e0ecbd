import { In, type EntityManager } from 'typeorm';

import { CounterpartRule } from '../src/accounting/counterpart-rule.entity.js';
import { FiscalYear } from '../src/accounting/fiscal-year.entity.js';
import { JournalEntry } from '../src/accounting/journal-entry.entity.js';
import { AdminAccount } from '../src/admin-accounts/admin-account.entity.js';
import { ApiLog } from '../src/api-logs/api-log.entity.js';
import { BankAccount } from '../src/bank-accounts/bank-account.entity.js';
import { BillingReport } from '../src/billing/billing-report.entity.js';
import { BridgeConfig } from '../src/bridge-config/bridge-config.entity.js';
import { Company } from '../src/companies/company.entity.js';
import { ConnectionLog } from '../src/connection-log/connection-log.entity.js';
import { BankStatement } from '../src/statements/bank-statement.entity.js';
import { BankTransaction } from '../src/statements/bank-transaction.entity.js';
import { StatementLine } from '../src/statements/statement-line.entity.js';
import { User } from '../src/users/user.entity.js';
import { frenchAmount, frenchDate, frenchDateTime, frenchMoney } from './french-format.js';
import { RESOURCE_TRANSLATIONS } from './locale/resources.fr.js';

/**
 * docs/rules.md#names-in-the-back-office: how the back-office names a record wherever it refers to it (reference
 * columns and pickers, record pages, CSV exports). One rule per resource, keyed by the entity's table; a rule reads
 * the titles of a set of ids in one or two queries.
 */
export type TitleRule = (ids: number[], manager: EntityManager) => Promise<Map<number, string>>;

/** The separator of a title's parts: an en dash between spaces. */
export const TITLE_SEPARATOR = ' – ';

/** The Bridge account types in French, as a journal's title says what kind of account it follows. */
export const ACCOUNT_KINDS: Record<string, string> = {
  checking: 'compte courant',
  savings: 'compte d’épargne',
  card: 'carte',
  loan: 'prêt',
  shares: 'compte-titres',
  pea: 'PEA',
  life_insurance: 'assurance-vie',
  special: 'compte spécial',
};

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** "BQ1 – BNP Paribas – compte courant": the journal code, its name, and the kind of its main account when the name does not say it. */
export function bankAccountTitle(account: Pick<BankAccount, 'journalCode' | 'journalName' | 'accountTypes'>): string {
  const parts = [account.journalCode, account.journalName];
  const kind = ACCOUNT_KINDS[account.accountTypes?.[0] ?? ''];
  if (kind && !normalise(account.journalName).includes(normalise(kind))) parts.push(kind);
  return parts.filter((part) => part && part.trim() !== '').join(TITLE_SEPARATOR);
}

/** "novembre 2026" for a calendar month's period, else "du 05/11/2026 au 20/11/2026" (or "depuis le 05/11/2026"). */
export function periodTitle(dateStart: string, dateEnd: string | null): string {
  const [year, month, day] = dateStart.split('-');
  const monthName = MONTHS[Number(month) - 1];
  const lastDay = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  const calendarMonth = day === '01' && (dateEnd === null || dateEnd === `${year}-${month}-${lastDay}`);
  if (calendarMonth && monthName) return `${monthName} ${year}`;
  return dateEnd === null
    ? `depuis le ${frenchDate(dateStart)}`
    : `du ${frenchDate(dateStart)} au ${frenchDate(dateEnd)}`;
}

/** A billing period in words: "2026-10" → "octobre 2026", "2026" → "2026". */
export function billingPeriodTitle(period: string): string {
  const [year, month] = period.split('-');
  const monthName = month === undefined ? undefined : MONTHS[Number(month) - 1];
  return monthName ? `${monthName} ${year}` : period;
}

/** "BQ1 – novembre 2026". */
export function statementTitle(journalCode: string, dateStart: string, dateEnd: string | null): string {
  return `${journalCode}${TITLE_SEPARATOR}${periodTitle(dateStart, dateEnd)}`;
}

/** Lower case, without accents, quotes made straight: what a search compares. */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/[’‘]/g, "'")
    .toLowerCase();
}

/** A search by words: each word of the query is somewhere in the title, in any order, accents and case aside. */
export function matchesWords(title: string, query: string): boolean {
  const haystack = normalise(title);
  const words = normalise(query)
    .split(/[\s–-]+/u)
    .filter((word) => word !== '');
  return words.every((word) => haystack.includes(word));
}

function byId<T extends { id: number }>(rows: T[], title: (row: T) => string): Map<number, string> {
  return new Map(rows.map((row) => [row.id, title(row)]));
}

async function namesOf(manager: EntityManager, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const companies = await manager
    .getRepository(Company)
    .find({ select: { id: true, name: true }, where: { id: In(unique) } });
  return byId(companies, (company) => company.name);
}

/** The title rules, by table. */
export const RECORD_TITLES: Record<string, TitleRule> = {
  company: async (ids, manager) => namesOf(manager, ids),
  user: async (ids, manager) =>
    byId(
      await manager.getRepository(User).find({ select: { id: true, name: true }, where: { id: In(ids) } }),
      (user) => user.name,
    ),
  admin_account: async (ids, manager) =>
    byId(
      await manager
        .getRepository(AdminAccount)
        .find({ select: { id: true, name: true, email: true }, where: { id: In(ids) } }),
      (account) => `${account.name} <${account.email}>`,
    ),
  bridge_config: async (ids, manager) =>
    byId(
      await manager.getRepository(BridgeConfig).find({ select: { id: true, name: true }, where: { id: In(ids) } }),
      (config) => config.name,
    ),
  bank_account: async (ids, manager) =>
    byId(
      await manager.getRepository(BankAccount).find({
        select: { id: true, journalCode: true, journalName: true, accountTypes: true },
        where: { id: In(ids) },
      }),
      bankAccountTitle,
    ),
  bank_statement: async (ids, manager) =>
    byId(
      await manager.getRepository(BankStatement).find({
        select: { id: true, dateStart: true, dateEnd: true, bankAccount: { id: true, journalCode: true } },
        relations: { bankAccount: true },
        where: { id: In(ids) },
      }),
      (statement) => statementTitle(statement.bankAccount.journalCode, statement.dateStart, statement.dateEnd),
    ),
  statement_line: async (ids, manager) =>
    byId(
      await manager
        .getRepository(StatementLine)
        .find({ select: { id: true, date: true, label: true, amount: true }, where: { id: In(ids) } }),
      (line) => [frenchDate(line.date), line.label, frenchAmount(line.amount)].join(TITLE_SEPARATOR),
    ),
  bank_transaction: async (ids, manager) =>
    byId(
      await manager.getRepository(BankTransaction).find({
        select: { id: true, date: true, originalLabel: true, amount: true, currency: true },
        where: { id: In(ids) },
      }),
      (operation) =>
        [frenchDate(operation.date), operation.originalLabel, frenchMoney(operation.amount, operation.currency)].join(
          TITLE_SEPARATOR,
        ),
    ),
  connection_log: async (ids, manager) => {
    const logs = await manager
      .getRepository(ConnectionLog)
      .find({ select: { id: true, at: true, action: true, companyId: true }, where: { id: In(ids) } });
    const companies = await namesOf(
      manager,
      logs.flatMap((log) => (log.companyId === null ? [] : [log.companyId])),
    );
    const actions: Record<string, string> = RESOURCE_TRANSLATIONS.connectionActions;
    return byId(logs, (log) =>
      [frenchDateTime(log.at), actions[log.action] ?? log.action, log.companyId && companies.get(log.companyId)]
        .filter(Boolean)
        .join(TITLE_SEPARATOR),
    );
  },
  api_log: async (ids, manager) =>
    byId(
      await manager
        .getRepository(ApiLog)
        .find({ select: { id: true, at: true, method: true, path: true }, where: { id: In(ids) } }),
      (log) => `${frenchDateTime(log.at)}${TITLE_SEPARATOR}${log.method} ${log.path}`,
    ),
  billing_report: async (ids, manager) => {
    const reports = await manager
      .getRepository(BillingReport)
      .find({ select: { id: true, period: true, companyId: true }, where: { id: In(ids) } });
    const companies = await namesOf(
      manager,
      reports.map((report) => report.companyId),
    );
    return byId(reports, (report) =>
      [`Facturation ${billingPeriodTitle(report.period)}`, companies.get(report.companyId)]
        .filter(Boolean)
        .join(TITLE_SEPARATOR),
    );
  },
  counterpart_rule: async (ids, manager) =>
    byId(
      await manager.getRepository(CounterpartRule).find({ select: { id: true, name: true }, where: { id: In(ids) } }),
      (rule) => rule.name,
    ),
  fiscal_year: async (ids, manager) => {
    const years = await manager
      .getRepository(FiscalYear)
      .find({ select: { id: true, year: true, companyId: true }, where: { id: In(ids) } });
    const companies = await namesOf(
      manager,
      years.map((year) => year.companyId),
    );
    return byId(years, (year) =>
      [`Exercice ${year.year}`, companies.get(year.companyId)].filter(Boolean).join(TITLE_SEPARATOR),
    );
  },
  journal_entry: async (ids, manager) =>
    byId(
      await manager
        .getRepository(JournalEntry)
        .find({ select: { id: true, ecritureNum: true }, where: { id: In(ids) } }),
      (entry) => entry.ecritureNum,
    ),
};

/** The names of these companies (for the company multi-select, admin/components/CompanySelect.jsx). */
export async function companyNamesOf(ids: number[]): Promise<Map<number, string>> {
  return namesOf(Company.getRepository().manager, ids);
}

/** The selected options of a company multi-select, as JSON: `[{"value":1,"label":"Boulangerie Martin"}]`. */
export function companyOptions(ids: number[], names: Map<number, string>): string {
  return JSON.stringify(ids.map((id) => ({ value: id, label: names.get(id) ?? `Société ${id}` })));
}
