import type { ResourceWithOptions } from 'adminjs';

import { ApiLog } from '../../src/api-logs/api-log.entity.js';
import { NAV, READ_ONLY, type AdminDeps } from '../resource-kit.js';
import { OWNED_BY } from '../scoped-resource.js';

/** The Bridge calls of a configuration. A log belongs to the company it was made for: on a shared configuration, each sees its own. */
export function apiLogResource(deps: AdminDeps): ResourceWithOptions {
  return {
    resource: new deps.ScopedResource(ApiLog, { companies: OWNED_BY.company('companyId') }),
    options: {
      id: 'ApiLog',
      navigation: NAV.billingStatements,
      sort: { sortBy: 'at', direction: 'desc' },
      listProperties: ['at', 'bridgeConfigId', 'method', 'path', 'status', 'durationMs', 'rowCount', 'error'],
      filterProperties: ['at', 'bridgeConfigId', 'method', 'status', 'path'],
      properties: {
        companyId: { reference: 'Company' },
        bridgeConfigId: { reference: 'BridgeConfig' },
        requestBody: { type: 'textarea' },
        responseBody: { type: 'textarea' },
      },
      actions: READ_ONLY,
    },
  };
}
