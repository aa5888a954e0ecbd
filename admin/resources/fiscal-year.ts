import type { ActionContext, ActionHandler, ActionResponse, ResourceWithOptions } from 'adminjs';

import { FiscalYear } from '../../src/accounting/fiscal-year.entity.js';
import { frenchDate, frenchDateTime } from '../french-format.js';
import { NAV, READ_ONLY, recordsOf, scopeOf, type AdminDeps } from '../resource-kit.js';
import { OWNED_BY } from '../scoped-resource.js';
import { refusalOf } from '../validation.js';

const isOpen = ({ record }: ActionContext) => record?.get('state') === 'open';

/** "Clôturer l'exercice": final, after a confirmation (FiscalYearsService.close). */
function closeHandler(deps: AdminDeps): ActionHandler<ActionResponse> {
  return async (request, _response, context) => {
    const scope = scopeOf(context);
    const year = await deps.fiscalYears.get(Number(context.record!.id()), scope);
    const record = context.record!.toJSON(context.currentAdmin);
    const period = `du ${frenchDate(year.startDate)} au ${frenchDate(year.endDate)}`;
    if (request.method !== 'post') {
      return {
        record,
        form: {
          title: `Clôturer l’exercice ${year.year}`,
          intro: [
            `L’exercice ${year.year} (${period}) sera clôturé.`,
            'La clôture est définitive : l’exercice ne recevra plus aucune écriture, et il ne se rouvre pas.',
          ],
          button: 'Confirmer la clôture',
        },
      };
    }
    try {
      const closed = await deps.fiscalYears.close(year.id, scope);
      return {
        record,
        outcome: { message: `Exercice ${closed.year} (${period}) clôturé le ${frenchDateTime(closed.closedAt)}.` },
      };
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal) return { record, outcome: { failure: refusal.message } };
      throw error;
    }
  };
}

/** "Exercices": the fiscal years of the companies (opened by their first entry) and their closing. */
export function fiscalYearResource(deps: AdminDeps): ResourceWithOptions {
  const present = async (response: ActionResponse) => {
    for (const record of recordsOf(response)) {
      record.params.startDate = frenchDate(String(record.params.startDate ?? ''));
      record.params.endDate = frenchDate(String(record.params.endDate ?? ''));
      record.params.closedAt = frenchDateTime(record.params.closedAt as string | null);
    }
    return response;
  };
  return {
    resource: new deps.ScopedResource(FiscalYear, { companies: OWNED_BY.company('companyId') }),
    options: {
      id: 'FiscalYear',
      navigation: NAV.accounting,
      sort: { sortBy: 'year', direction: 'desc' },
      listProperties: ['companyId', 'year', 'startDate', 'endDate', 'state', 'closedAt'],
      showProperties: ['companyId', 'year', 'startDate', 'endDate', 'state', 'closedAt'],
      filterProperties: ['companyId', 'year', 'state'],
      properties: {
        companyId: { reference: 'Company' },
        startDate: { type: 'string' },
        endDate: { type: 'string' },
        closedAt: { type: 'string' },
        state: {
          availableValues: [
            { value: 'open', label: 'Ouvert' },
            { value: 'closed', label: 'Clôturé' },
          ],
        },
      },
      actions: {
        ...READ_ONLY,
        list: { after: present },
        show: { after: present },
        closeYear: {
          actionType: 'record',
          icon: 'Lock',
          isAccessible: isOpen,
          isVisible: isOpen,
          component: deps.components.RecordCommand,
          handler: closeHandler(deps),
        },
      },
    },
  };
}
