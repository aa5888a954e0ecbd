import type { ActionHandler, ActionResponse, ResourceWithOptions } from 'adminjs';

import { fiscalPeriodOf } from '../../src/accounting/fiscal-calendar.js';

import { Company } from '../../src/companies/company.entity.js';
import { CreateCompanyDto, UpdateCompanyDto } from '../../src/companies/dto/company.dto.js';
import { frenchDate } from '../french-format.js';
import type { FieldKind } from '../payload.js';
import { identityOf, NAV, scopeOf, type AdminDeps } from '../resource-kit.js';
import { OWNED_BY } from '../scoped-resource.js';
import { serviceActions } from '../service-actions.js';

const FIELDS: Record<string, FieldKind> = {
  name: 'string',
  siren: 'nullableString',
  fiscalYearEnd: 'string',
  subscriptionActive: 'boolean',
};

/** Where the "Exporter le FEC" button downloads from: `?companyId=&fiscalYear=` (a session-authenticated route). */
export const FEC_DOWNLOAD_PATH = '/admin/api/fec';

/** The fiscal years a FEC can be exported for: the recorded ones and the current one, the latest first. */
function fecExportHandler(deps: AdminDeps): ActionHandler<ActionResponse> {
  return async (_request, _response, context) => {
    const scope = scopeOf(context);
    const company = await deps.companies.get(Number(context.record!.id()), scope);
    const page = await deps.fiscalYears.list({ companyId: company.id, limit: 500 }, scope);
    const today = deps.clock.now().toISOString().slice(0, 10);
    const current = fiscalPeriodOf(today, company.fiscalYearEnd);
    const years = new Map<number, { value: number; label: string }>();
    const label = (year: number, start: string, end: string, state: string) =>
      `${year} (du ${frenchDate(start)} au ${frenchDate(end)}, ${state})`;
    for (const year of page.items) {
      years.set(year.year, {
        value: year.year,
        label: label(year.year, year.startDate, year.endDate, year.state === 'closed' ? 'clôturé' : 'ouvert'),
      });
    }
    if (!years.has(current.year)) {
      years.set(current.year, {
        value: current.year,
        label: label(current.year, current.startDate, current.endDate, 'en cours'),
      });
    }
    const options = [...years.values()].sort((a, b) => b.value - a.value);
    return {
      record: context.record!.toJSON(context.currentAdmin),
      years: options,
      defaultYear: current.year,
      siren: company.siren,
      downloadPath: FEC_DOWNLOAD_PATH,
    };
  };
}

/** The client companies. */
export function companyResource(deps: AdminDeps): ResourceWithOptions {
  return {
    resource: new deps.ScopedResource(Company, { companies: OWNED_BY.company('id') }),
    options: {
      id: 'Company',
      navigation: NAV.configuration,
      listProperties: ['id', 'name', 'siren', 'subscriptionActive'],
      editProperties: ['name', 'siren', 'fiscalYearEnd', 'subscriptionActive'],
      filterProperties: ['name', 'siren', 'subscriptionActive'],
      properties: { fiscalYearEnd: { description: 'Par exemple 12-31 (31 décembre) ou 06-30 (30 juin).' } },
      actions: {
        exportFec: {
          actionType: 'record',
          icon: 'Download',
          component: deps.components.FecExport,
          handler: fecExportHandler(deps),
        },
        ...serviceActions(deps, {
          fields: FIELDS,
          createDto: CreateCompanyDto,
          updateDto: UpdateCompanyDto,
          writer: {
            create: async (value, scope, context) => {
              const company = await deps.companies.create(value, scope, undefined);
              // A company an integrator creates joins its companies, as with a scoped API key (from this request on).
              const identity = identityOf(context);
              if (!scope.editor && identity) {
                await deps.adminAccounts.grantCompany(Number(identity.id), company.id);
                identity.companyIds = [...identity.companyIds, company.id];
              }
              return company;
            },
            update: (id, value, scope) => deps.companies.update(id, value, scope),
          },
        }),
      },
    },
  };
}
