import type { ResourceWithOptions } from 'adminjs';

import { Company } from '../../src/companies/company.entity.js';
import { CreateCompanyDto, UpdateCompanyDto } from '../../src/companies/dto/company.dto.js';
import type { FieldKind } from '../payload.js';
import { identityOf, NAV, type AdminDeps } from '../resource-kit.js';
import { OWNED_BY } from '../scoped-resource.js';
import { serviceActions } from '../service-actions.js';

const FIELDS: Record<string, FieldKind> = { name: 'string', siren: 'nullableString', subscriptionActive: 'boolean' };

/** The client companies. */
export function companyResource(deps: AdminDeps): ResourceWithOptions {
  return {
    resource: new deps.ScopedResource(Company, { companies: OWNED_BY.company('id') }),
    options: {
      id: 'Company',
      navigation: NAV.configuration,
      listProperties: ['id', 'name', 'siren', 'subscriptionActive'],
      editProperties: ['name', 'siren', 'subscriptionActive'],
      filterProperties: ['name', 'siren', 'subscriptionActive'],
      actions: serviceActions(deps, {
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
  };
}
