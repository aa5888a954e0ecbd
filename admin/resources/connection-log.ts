import type { ActionHandler, ActionResponse, ResourceWithOptions } from 'adminjs';

import { toSpreadsheetCsv } from '../../src/common/csv/spreadsheet-csv.js';
import { CONNECTION_ACTIONS, ConnectionLog } from '../../src/connection-log/connection-log.entity.js';
import type { ConnectionLogExportFilters } from '../../src/connection-log/connection-log.service.js';
import { RESOURCE_TRANSLATIONS } from '../locale/resources.fr.js';
import { RECORD_TITLES } from '../record-titles.js';
import { NAV, READ_ONLY, scopeOf, type AdminDeps } from '../resource-kit.js';
import { OWNED_BY } from '../scoped-resource.js';

const CSV_HEADER = [
  'Date (UTC)',
  'N° société',
  'Société',
  'Configuration Bridge',
  'Utilisateur',
  'E-mail',
  'Utilisateur Bridge',
  'Action',
  'Item',
  'Banque',
  'Résultat',
  'Message',
  'IP',
];

/** The results a connection event records, in French. */
const CONNECTION_RESULTS = [
  { value: 'success', label: 'Succès' },
  { value: 'failure', label: 'Échec' },
  { value: 'pending', label: 'En attente de l’utilisateur' },
];

/** The list's filters, as the page's query string carries them (`filters.companyId=1&filters.at~~from=…`). */
export function exportFilters(query: string): ConnectionLogExportFilters {
  const search = new URLSearchParams(query.replace(/^\?/, ''));
  const filters: ConnectionLogExportFilters = {};
  for (const field of ['companyId', 'bridgeConfigId', 'userId', 'itemId'] as const) {
    const value = search.get(`filters.${field}`);
    if (value && /^\d+$/.test(value)) filters[field] = Number(value);
  }
  for (const field of ['action', 'result', 'email'] as const) {
    const value = search.get(`filters.${field}`);
    if (value) filters[field] = value;
  }
  const from = search.get('filters.at~~from');
  const to = search.get('filters.at~~to');
  if (from) filters.from = new Date(from);
  if (to) filters.to = new Date(to);
  return filters;
}

/** "Journal des connexions Bridge": every step of every Bridge connection, as Bridge requires, with a CSV export. */
export function connectionLogResource(deps: AdminDeps): ResourceWithOptions {
  // The connection log with the list's filters, as CSV for the integrator (semicolon-separated, as French spreadsheets expect).
  const exportCsv: ActionHandler<ActionResponse> = async (request, _response, context) => {
    if (request.method !== 'post') return {};
    const query = (request.payload as { query?: unknown } | undefined)?.query;
    const rows = await deps.connectionLogs.export(
      exportFilters(typeof query === 'string' ? query : ''),
      scopeOf(context),
    );
    // docs/rules.md#names-in-the-back-office: the company's name next to its number.
    const companies = await RECORD_TITLES.company!(
      [...new Set(rows.map((log) => log.companyId).filter((id): id is number => typeof id === 'number'))],
      ConnectionLog.getRepository().manager,
    );
    const csv = toSpreadsheetCsv(
      CSV_HEADER,
      rows.map((log) => [
        log.at.toISOString(),
        log.companyId,
        log.companyId === null ? null : (companies.get(log.companyId) ?? null),
        log.bridgeConfigId,
        log.userId,
        log.email,
        log.bridgeUserUuid,
        log.action,
        log.itemId,
        log.bankId,
        log.result,
        log.message,
        log.ip,
      ]),
    );
    return {
      csv,
      count: rows.length,
      filename: `journal-connexions-bridge-${deps.clock.now().toISOString().slice(0, 10)}.csv`,
    };
  };
  return {
    resource: new deps.ScopedResource(ConnectionLog, { companies: OWNED_BY.company('companyId') }),
    options: {
      id: 'ConnectionLog',
      navigation: NAV.importExport,
      sort: { sortBy: 'at', direction: 'desc' },
      listProperties: ['at', 'companyId', 'email', 'action', 'result', 'itemId', 'ip'],
      filterProperties: ['at', 'companyId', 'bridgeConfigId', 'userId', 'email', 'action', 'result', 'itemId'],
      properties: {
        companyId: { reference: 'Company' },
        bridgeConfigId: { reference: 'BridgeConfig' },
        userId: { reference: 'User' },
        result: { availableValues: CONNECTION_RESULTS },
        action: {
          availableValues: CONNECTION_ACTIONS.map((value) => ({
            value,
            label: RESOURCE_TRANSLATIONS.connectionActions[value],
          })),
        },
      },
      actions: {
        ...READ_ONLY,
        exportCsv: {
          actionType: 'resource',
          icon: 'Download',
          component: deps.components.CsvExport,
          handler: exportCsv,
        },
      },
    },
  };
}
