import type { ActionHandler, ActionResponse, ResourceWithOptions } from 'adminjs';

import { BillingReport } from '../../src/billing/billing-report.entity.js';
import { BILLING_DOWNLOAD_PATH } from '../billing-download.js';
import { editorOnly, NAV, READ_ONLY, type AdminDeps } from '../resource-kit.js';

/** "Facturation": the annual and monthly reports, and their chart; the editor's only. */
export function billingReportResource(deps: AdminDeps): ResourceWithOptions {
  const chart: ActionHandler<ActionResponse> = async (request, _response, context) => {
    if (!editorOnly(context)) throw new deps.adminjs.ForbiddenError('Billing is the editor’s');
    const year = Number((request.payload as { year?: unknown } | undefined)?.year ?? deps.clock.now().getUTCFullYear());
    return { year, totals: Number.isInteger(year) ? await deps.billing.monthlyTotals(year) : [] };
  };
  return {
    resource: new deps.ScopedResource(BillingReport, { companies: 'editor' }),
    options: {
      id: 'BillingReport',
      navigation: NAV.billing,
      sort: { sortBy: 'period', direction: 'desc' },
      listProperties: ['period', 'kind', 'companyId', 'bridgeConfigId', 'userCount', 'unitPrice', 'amount'],
      showProperties: [
        'period',
        'kind',
        'companyId',
        'bridgeConfigId',
        'users',
        'userCount',
        'unitPrice',
        'amount',
        'createdAt',
      ],
      filterProperties: ['period', 'kind', 'companyId', 'bridgeConfigId'],
      properties: {
        kind: {
          availableValues: [
            { value: 'annual', label: 'Annuel' },
            { value: 'monthly', label: 'Mensuel' },
          ],
        },
        companyId: { reference: 'Company' },
        bridgeConfigId: { reference: 'BridgeConfig' },
        users: { type: 'textarea' },
      },
      actions: {
        ...READ_ONLY,
        list: { isAccessible: editorOnly },
        show: { isAccessible: editorOnly },
        search: { isAccessible: editorOnly },
        chart: {
          isAccessible: editorOnly,
          actionType: 'resource',
          icon: 'BarChart2',
          component: deps.components.BillingChart,
          handler: chart,
        },
        downloadBilling: {
          isAccessible: editorOnly,
          actionType: 'resource',
          icon: 'Download',
          component: deps.components.BillingDownload,
          handler: (async (_request, _response, context) => {
            if (!editorOnly(context)) throw new deps.adminjs.ForbiddenError('Billing is the editor’s');
            return { year: deps.clock.now().getUTCFullYear(), downloadPath: BILLING_DOWNLOAD_PATH };
          }) as ActionHandler<ActionResponse>,
        },
      },
    },
  };
}
