import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import Big from 'big.js';
import { In, Like, type FindOptionsWhere, type Repository } from 'typeorm';

import { AccessScope } from '../auth/access-scope.js';
import {
  BridgeConfigsService,
  severalActiveWarning,
  type CompanyConfigs,
} from '../bridge-config/bridge-configs.service.js';
import { Clock } from '../common/clock/clock.js';
import { toSpreadsheetCsv } from '../common/csv/spreadsheet-csv.js';
import { ForbiddenError, InvalidInputError } from '../common/errors/domain-errors.js';
import type { Warning } from '../common/errors/error-codes.js';
import { isUniqueViolation } from '../common/filters/domain-exception.filter.js';
import { toMoney } from '../common/money/money.js';
import { pageWindow, type Page } from '../common/pagination/page.js';
import { CompaniesService } from '../companies/companies.service.js';
import { AppConfig } from '../config/app-config.js';
import { ConnectionLogService } from '../connection-log/connection-log.service.js';
import { DatabaseLocks } from '../database/db-lock.js';
import { UsersService } from '../users/users.service.js';
import { assertBillable, parsePeriod, periodWindow, type BillingPeriod } from './billing-period.js';
import { BillingReport } from './billing-report.entity.js';
import { BillingReportResponse, type ListBillingReportsQueryDto } from './billing.dto.js';

export interface BillingRun {
  period: string;
  kind: 'annual' | 'monthly';
  /** Reports written by this run. */
  created: BillingReport[];
  /** Reports the period already had: a second run changes nothing. */
  existing: BillingReport[];
  /** What the editor should look at (a company with several active configurations). */
  warnings: Warning[];
}

/**
 * docs/rules.md#billing-per-user: the annual report bills every user enabled for Bridge on 1 January; the monthly report bills each
 * additional user (Bridge activity in the month, not in that year's annual count), once per month of activity.
 */
@Injectable()
export class BillingService {
  private readonly logger = new Logger(BillingService.name);

  constructor(
    @InjectRepository(BillingReport) private readonly reports: Repository<BillingReport>,
    private readonly bridgeConfigs: BridgeConfigsService,
    private readonly users: UsersService,
    private readonly companies: CompaniesService,
    private readonly connectionLog: ConnectionLogService,
    private readonly config: AppConfig,
    private readonly locks: DatabaseLocks,
    private readonly clock: Clock,
  ) {}

  /**
   * Produces the reports of a period, once: safe when several instances run it at the same minute.
   * docs/rules.md#one-bill-per-company: one report per company and period, whatever the number of configurations.
   */
  async run(periodText: string): Promise<BillingRun> {
    const period = parsePeriod(periodText);
    assertBillable(period, this.clock.now(), this.config.billing.timeZone);
    return this.locks.run(
      `billing-${period.label}`,
      async () => {
        const run: BillingRun = { period: period.label, kind: period.kind, created: [], existing: [], warnings: [] };
        for (const company of await this.companiesToBill(period)) {
          if (company.activeConfigIds.length > 1) {
            run.warnings.push(severalActiveWarning(company.companyId, company.activeConfigIds));
          }
          const found = await this.reports.find({
            where: { companyId: company.companyId, period: period.label },
            order: { id: 'ASC' },
          });
          if (found.length > 0) {
            run.existing.push(...found);
            continue;
          }
          const users =
            period.kind === 'annual'
              ? await this.annualUsers(company.companyId, period.year)
              : await this.additionalUsers(company, period);
          // A month without additional users bills nothing: no empty monthly report.
          if (period.kind === 'monthly' && users.length === 0) continue;
          const report = await this.save(company, period, users);
          (report.created ? run.created : run.existing).push(report.row);
        }
        this.logger.log(
          `Billing ${period.label}: ${run.created.length} report(s) created, ${run.existing.length} already there`,
        );
        return run;
      },
      { waitMs: 300_000 },
    );
  }

  async listReports(query: ListBillingReportsQueryDto, scope: AccessScope): Promise<Page<BillingReport>> {
    const { limit, offset } = pageWindow(query);
    const [items, total] = await this.reports.findAndCount({
      where: this.where(query, scope),
      order: { period: 'ASC', companyId: 'ASC', bridgeConfigId: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items, total, limit, offset };
  }

  /** Every report matching the filters, as CSV or JSON, for the editor. */
  async export(
    query: ListBillingReportsQueryDto,
    format: 'csv' | 'json',
    scope: AccessScope,
  ): Promise<{ body: string; contentType: string; filename: string }> {
    if (!scope.editor)
      throw new ForbiddenError('billing.editor_only', 'Billing exports are for the editor: use an editor key');
    const reports = await this.reports.find({
      where: this.where(query, scope),
      order: { period: 'ASC', companyId: 'ASC', bridgeConfigId: 'ASC' },
    });
    const { companyNames, configNames } = await this.namesOf(reports);
    // docs/rules.md#names-in-the-back-office: the names next to the ids, for a person reading the file.
    const rows = reports.map((report) => ({
      ...BillingReportResponse.from(report),
      companyName: companyNames.get(report.companyId) ?? null,
      bridgeConfigName: configNames.get(report.bridgeConfigId) ?? null,
    }));
    const suffix =
      query.year !== undefined
        ? `-${query.year}${query.month !== undefined ? `-${String(query.month).padStart(2, '0')}` : ''}`
        : '';
    if (format === 'json') {
      return {
        body: JSON.stringify(rows, null, 2),
        contentType: 'application/json; charset=utf-8',
        filename: `rapports-facturation-bridge${suffix}.json`,
      };
    }
    const body = toSpreadsheetCsv(
      [
        'period',
        'kind',
        'companyId',
        'companyName',
        'bridgeConfigId',
        'bridgeConfigName',
        'userCount',
        'unitPrice',
        'amount',
        'users',
      ],
      rows.map((row) => [
        row.period,
        row.kind,
        row.companyId,
        row.companyName,
        row.bridgeConfigId,
        row.bridgeConfigName,
        row.userCount,
        row.unitPrice,
        row.amount,
        row.users.join(' '),
      ]),
    );
    return { body, contentType: 'text/csv; charset=utf-8', filename: `rapports-facturation-bridge${suffix}.csv` };
  }

  /** The names of the reports' companies and configurations. */
  private async namesOf(
    reports: BillingReport[],
  ): Promise<{ companyNames: Map<number, string>; configNames: Map<number, string> }> {
    // The reports are the caller's already: their companies' names, whatever scope (an integrator's holds them).
    const companies = await this.companies.getMany(
      reports.map((report) => report.companyId),
      AccessScope.editor(),
      'companyId',
    );
    const companyNames = new Map(companies.map((company) => [company.id, company.name]));
    const configNames = await this.bridgeConfigs.namesOf(reports.map((report) => report.bridgeConfigId));
    return { companyNames, configNames };
  }

  /**
   * docs/rules.md#billing-downloads: the back-office's download, within the caller's companies (an integrator gets its
   * own companies' reports only), with company and configuration names and French headers.
   */
  async backOfficeExport(
    query: ListBillingReportsQueryDto,
    format: 'csv' | 'json',
    scope: AccessScope,
  ): Promise<{ body: string; contentType: string; filename: string }> {
    const reports = await this.reports.find({
      where: this.where(query, scope),
      order: { period: 'ASC', companyId: 'ASC', bridgeConfigId: 'ASC' },
    });
    const { companyNames, configNames } = await this.namesOf(reports);
    const rows = reports.map((report) => ({
      periode: report.period,
      type: report.kind === 'annual' ? 'Annuel' : 'Mensuel',
      societe: companyNames.get(report.companyId) ?? `Société ${report.companyId}`,
      configurationBridge: configNames.get(report.bridgeConfigId) ?? `Configuration ${report.bridgeConfigId}`,
      utilisateursFactures: report.userCount,
      prixUnitaireHT: report.unitPrice,
      montantHT: report.amount,
      emails: JSON.parse(report.users) as string[],
      companyId: report.companyId,
      bridgeConfigId: report.bridgeConfigId,
    }));
    const suffix =
      query.year !== undefined
        ? `-${query.year}${query.month !== undefined ? `-${String(query.month).padStart(2, '0')}` : ''}`
        : '';
    if (format === 'json') {
      return {
        body: JSON.stringify(rows, null, 2),
        contentType: 'application/json; charset=utf-8',
        filename: `facturation-bridge${suffix}.json`,
      };
    }
    const decimalComma = (amount: string) => amount.replace('.', ',');
    const body = toSpreadsheetCsv(
      [
        'Période',
        'Type',
        'Société',
        'Configuration Bridge',
        'Utilisateurs facturés',
        'Prix unitaire HT (€)',
        'Montant HT (€)',
        'E-mails facturés',
      ],
      rows.map((row) => [
        row.periode,
        row.type,
        row.societe,
        row.configurationBridge,
        row.utilisateursFactures,
        decimalComma(row.prixUnitaireHT),
        decimalComma(row.montantHT),
        row.emails.join(' '),
      ]),
    );
    return { body, contentType: 'text/csv; charset=utf-8', filename: `facturation-bridge${suffix}.csv` };
  }

  /**
   * Users and amounts per month of a year, for the back-office chart: the annual report's users in January, the
   * additional users of each monthly report, their sum and the amount billed.
   */
  async monthlyTotals(
    year: number,
  ): Promise<{ month: string; users: number; annualUsers: number; additionalUsers: number; amount: string }[]> {
    const rows = await this.reports.find({ where: { period: Like(`${year}%`) } });
    return Array.from({ length: 12 }, (_, index) => {
      const month = `${year}-${String(index + 1).padStart(2, '0')}`;
      const annual = index === 0 ? rows.filter((row) => row.period === String(year)) : [];
      const monthly = rows.filter((row) => row.period === month);
      const count = (reports: BillingReport[]) => reports.reduce((sum, row) => sum + row.userCount, 0);
      return {
        month,
        users: count(annual) + count(monthly),
        annualUsers: count(annual),
        additionalUsers: count(monthly),
        amount: toMoney([...annual, ...monthly].reduce((sum, row) => sum.plus(row.amount), new Big(0))),
      };
    });
  }

  private where(query: ListBillingReportsQueryDto, scope: AccessScope): FindOptionsWhere<BillingReport> {
    if (query.month !== undefined && query.year === undefined) {
      throw new InvalidInputError('billing_period.invalid', 'month', 'needs a year (e.g. year=2027&month=3)');
    }
    const companyIds = scope.companyFilter(query.companyId);
    return {
      ...(companyIds && { companyId: In(companyIds) }),
      ...(query.year !== undefined && {
        period:
          query.month !== undefined ? `${query.year}-${String(query.month).padStart(2, '0')}` : Like(`${query.year}%`),
      }),
    };
  }

  // Annual: the companies that an active configuration serves. Monthly: every company a configuration serves, since
  // activity of the month is billed even if the configuration has been switched off since.
  private companiesToBill(period: BillingPeriod): Promise<CompanyConfigs[]> {
    return this.bridgeConfigs.configsByCompany({ activeOnly: period.kind === 'annual' });
  }

  /** Distinct e-mails of the company's users enabled for Bridge at the start of the year (billing time zone). */
  private async annualUsers(companyId: number, year: number): Promise<string[]> {
    const { start } = periodWindow({ kind: 'annual', label: String(year), year }, this.config.billing.timeZone);
    return distinctEmails(await this.users.emailsOfUsersEnabledAt(companyId, start));
  }

  /** E-mails with Bridge activity in the month, through any configuration, that the year's annual count does not cover. */
  private async additionalUsers(
    company: CompanyConfigs,
    period: BillingPeriod & { kind: 'monthly' },
  ): Promise<string[]> {
    const { start, end } = periodWindow(period, this.config.billing.timeZone);
    const active: (string | null)[] = [];
    for (const configId of company.configIds) {
      active.push(...(await this.connectionLog.emailsActiveBetween(company.companyId, configId, start, end)));
    }
    // Reports written before one report per company may be several for one year: each of them counted its users.
    const annual = await this.reports.findBy({ companyId: company.companyId, period: String(period.year) });
    const counted = new Set(
      annual.length > 0
        ? annual.flatMap((report) => JSON.parse(report.users) as string[])
        : await this.annualUsers(company.companyId, period.year),
    );
    return distinctEmails(active).filter((email) => !counted.has(email));
  }

  /** The report is filed under the company's oldest active configuration (its oldest one when none is active). */
  private async save(
    company: CompanyConfigs,
    period: BillingPeriod,
    users: string[],
  ): Promise<{ row: BillingReport; created: boolean }> {
    const unitPrice = period.kind === 'annual' ? this.config.billing.annualPrice : this.config.billing.monthlyPrice;
    const bridgeConfigId = company.activeConfigIds[0] ?? company.configIds[0]!;
    try {
      const row = await this.reports.save(
        this.reports.create({
          companyId: company.companyId,
          bridgeConfigId,
          period: period.label,
          kind: period.kind,
          users: JSON.stringify(users),
          userCount: users.length,
          unitPrice,
          amount: toMoney(new Big(unitPrice).times(users.length)),
        }),
      );
      return { row, created: true };
    } catch (error) {
      // The unique key is the last guard: another instance wrote it first.
      if (!isUniqueViolation(error)) throw error;
      return {
        row: await this.reports.findOneByOrFail({ companyId: company.companyId, bridgeConfigId, period: period.label }),
        created: false,
      };
    }
  }
}

function distinctEmails(emails: (string | null)[]): string[] {
  return [
    ...new Set(emails.filter((email): email is string => Boolean(email)).map((email) => email.trim().toLowerCase())),
  ].sort();
}
