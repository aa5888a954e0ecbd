import type { ResourceWithOptions } from 'adminjs';

import { StatementLine } from '../../src/statements/statement-line.entity.js';
import { NAV, READ_ONLY, type AdminDeps } from '../resource-kit.js';
import { OWNED_BY } from '../scoped-resource.js';

/** The lines of the statements, read-only (the Synchro writes them). */
export function statementLineResource(deps: AdminDeps): ResourceWithOptions {
  return {
    resource: new deps.ScopedResource(StatementLine, { companies: OWNED_BY.statement }),
    options: {
      id: 'StatementLine',
      navigation: NAV.banking,
      sort: { sortBy: 'date', direction: 'asc' },
      listProperties: ['date', 'label', 'amount', 'currency', 'reviewRequired', 'statementId'],
      filterProperties: ['statementId', 'date', 'label', 'reviewRequired'],
      properties: { reviewNote: { type: 'textarea' }, date: { type: 'date' } },
      actions: READ_ONLY,
    },
  };
}
