import type { AdminJSOptions, ResourceWithOptions } from 'adminjs';

import { inFrench } from './french-display.js';
import { FRENCH_TRANSLATIONS } from './locale/fr.js';
import { RESOURCE_TRANSLATIONS } from './locale/resources.fr.js';
import type { AdminDeps } from './resource-kit.js';
import { adminAccountResource } from './resources/admin-account.js';
import { apiLogResource } from './resources/api-log.js';
import { bankAccountResource } from './resources/bank-account.js';
import { bankTransactionResource } from './resources/bank-transaction.js';
import { billingReportResource } from './resources/billing-report.js';
import { bridgeConfigResource } from './resources/bridge-config.js';
import { companyResource } from './resources/company.js';
import { connectionLogResource } from './resources/connection-log.js';
import { counterpartRuleResource } from './resources/counterpart-rule.js';
import { fiscalYearResource } from './resources/fiscal-year.js';
import { journalEntryResource } from './resources/journal-entry.js';
import { statementLineResource } from './resources/statement-line.js';
import { statementResource } from './resources/statement.js';
import { userResource } from './resources/user.js';
import { TITLE_PATH } from './scoped-resource.js';

export type { AdminDeps } from './resource-kit.js';

/**
 * docs/rules.md#names-in-the-back-office: a resource with a title rule (record-titles.ts) is named by its computed
 * title everywhere (references, pickers and their search, record pages); the title is no column of its own.
 */
function titled(resource: ResourceWithOptions): ResourceWithOptions {
  const scoped = resource.resource as { titleRule?: () => unknown };
  if (!scoped.titleRule?.()) return resource;
  const { options } = resource;
  return {
    ...resource,
    options: {
      ...options,
      titleProperty: TITLE_PATH,
      properties: { ...options.properties, [TITLE_PATH]: { isVisible: false, isSortable: false } },
    },
  };
}

/** The back-office: French, branded, one resource per file under resources/ (in the order of the menus). */
export function buildAdminOptions(deps: AdminDeps): AdminJSOptions {
  return {
    rootPath: '/admin',
    componentLoader: deps.componentLoader,
    dashboard: { component: deps.components.Dashboard },
    branding: { companyName: 'Télécollecte bancaire', withMadeWithLove: false, logo: false },
    locale: {
      language: 'fr',
      availableLanguages: ['fr'],
      localeDetection: false,
      translations: {
        fr: {
          ...FRENCH_TRANSLATIONS,
          labels: { ...FRENCH_TRANSLATIONS.labels, ...RESOURCE_TRANSLATIONS.labels },
          actions: { ...FRENCH_TRANSLATIONS.actions, ...RESOURCE_TRANSLATIONS.actions },
          resources: RESOURCE_TRANSLATIONS.resources,
        },
      },
    },
    resources: [
      bridgeConfigResource(deps),
      apiLogResource(deps),
      connectionLogResource(deps),
      bankAccountResource(deps),
      statementResource(deps),
      statementLineResource(deps),
      bankTransactionResource(deps),
      journalEntryResource(deps),
      counterpartRuleResource(deps),
      fiscalYearResource(deps),
      userResource(deps),
      companyResource(deps),
      adminAccountResource(deps),
      billingReportResource(deps),
    ]
      .map(titled)
      .map(inFrench),
  };
}
