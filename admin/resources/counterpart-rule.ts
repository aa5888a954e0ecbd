import type { ActionHandler, ActionResponse, RecordActionResponse, ResourceWithOptions } from 'adminjs';

import { CounterpartRule } from '../../src/accounting/counterpart-rule.entity.js';
import { CreateCounterpartRuleDto, UpdateCounterpartRuleDto } from '../../src/accounting/dto/counterpart-rule.dto.js';
import { frenchAmount } from '../french-format.js';
import type { FieldKind } from '../payload.js';
import { NAV, recordsOf, scopeOf, type AdminDeps } from '../resource-kit.js';
import { OWNED_BY } from '../scoped-resource.js';
import { serviceActions } from '../service-actions.js';

const FIELDS: Record<string, FieldKind> = {
  companyId: 'int',
  bankAccountId: 'nullableInt',
  name: 'string',
  priority: 'int',
  labelContains: 'nullableString',
  labelRegex: 'nullableString',
  sign: 'string',
  amountMin: 'nullableString',
  amountMax: 'nullableString',
  account: 'string',
  accountLabel: 'string',
  active: 'boolean',
};
// A rule stays in its company.
const { companyId: _companyId, ...UPDATE_FIELDS } = FIELDS;
const FORM = [
  'companyId',
  'bankAccountId',
  'name',
  'priority',
  'labelContains',
  'labelRegex',
  'sign',
  'amountMin',
  'amountMax',
  'account',
  'accountLabel',
  'active',
];

/** Amounts typed the French way ("12,50") are read as decimal strings ("12.50"). */
function decimalPoints(value: Record<string, unknown>): Record<string, unknown> {
  for (const key of ['amountMin', 'amountMax']) {
    if (typeof value[key] === 'string') value[key] = value[key].trim().replace(',', '.');
  }
  return value;
}

/** "Règles d'affectation": which counterpart account a line takes, through CounterpartRulesService. */
export function counterpartRuleResource(deps: AdminDeps): ResourceWithOptions {
  const actions = serviceActions(deps, {
    fields: FIELDS,
    updateFields: UPDATE_FIELDS,
    createDto: CreateCounterpartRuleDto,
    updateDto: UpdateCounterpartRuleDto,
    prepare: decimalPoints,
    writer: {
      // An "Active" box left unticked on the new form means what it shows: not active (the REST default is true).
      create: (value, scope) => deps.rules.create({ ...value, active: value.active ?? false }, scope),
      update: (id, value, scope) => deps.rules.update(id, value, scope),
    },
  });
  // The bounds as French amounts on the list and the record page (the edit form keeps the decimal string).
  const frenchBounds = async (response: ActionResponse) => {
    for (const record of recordsOf(response)) {
      for (const key of ['amountMin', 'amountMax']) {
        const value: unknown = record.params[key];
        if (typeof value === 'string' && value !== '') record.params[key] = frenchAmount(value);
      }
    }
    return response;
  };
  const remove: ActionHandler<RecordActionResponse> = async (request, _response, context) => {
    const { record, h, currentAdmin, resource } = context;
    if (request.method !== 'post') return { record: record!.toJSON(currentAdmin) };
    await deps.rules.remove(Number(record!.id()), scopeOf(context));
    return {
      record: record!.toJSON(currentAdmin),
      redirectUrl: h.resourceUrl({ resourceId: resource._decorated?.id() || resource.id() }),
      notice: { message: 'successfullyDeleted', type: 'success' },
    };
  };
  return {
    resource: new deps.ScopedResource(CounterpartRule, { companies: OWNED_BY.company('companyId') }),
    options: {
      id: 'CounterpartRule',
      navigation: NAV.accounting,
      sort: { sortBy: 'priority', direction: 'asc' },
      listProperties: ['priority', 'name', 'companyId', 'bankAccountId', 'sign', 'account', 'accountLabel', 'active'],
      showProperties: ['id', ...FORM, 'createdAt', 'updatedAt'],
      editProperties: FORM,
      filterProperties: ['companyId', 'bankAccountId', 'name', 'account', 'active'],
      properties: {
        companyId: { reference: 'Company' },
        bankAccountId: {
          reference: 'BankAccount',
          description: 'Vide : tous les journaux de la société.',
        },
        priority: { description: 'Les plus petites d’abord (à égalité, la plus ancienne) ; vide : 100.' },
        labelContains: { description: 'Sans tenir compte des majuscules ni des accents.' },
        labelRegex: { description: 'Par exemple ^PRLV .*URSSAF (sans tenir compte des majuscules ni des accents).' },
        amountMin: { type: 'string', description: 'Sur le montant absolu, par exemple 12,50.' },
        amountMax: { type: 'string', description: 'Sur le montant absolu, inclus.' },
        sign: {
          description: 'Vide : tous les sens.',
          availableValues: [
            { value: 'debit', label: 'Débit (sortie d’argent)' },
            { value: 'credit', label: 'Crédit (entrée d’argent)' },
            { value: 'any', label: 'Tous' },
          ],
        },
      },
      actions: {
        ...actions,
        list: { after: frenchBounds },
        show: { after: frenchBounds },
        delete: { isAccessible: true, handler: remove },
      },
    },
  };
}
