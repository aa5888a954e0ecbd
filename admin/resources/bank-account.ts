import type { ResourceWithOptions } from 'adminjs';

import { BankAccount } from '../../src/bank-accounts/bank-account.entity.js';
import { CreateBankAccountDto, UpdateBankAccountDto } from '../../src/bank-accounts/dto/bank-account.dto.js';
import { ACCOUNT_TYPE_LABELS } from '../bridge-labels.js';
import type { FieldKind } from '../payload.js';
import { NAV, type AdminDeps } from '../resource-kit.js';
import { OWNED_BY } from '../scoped-resource.js';
import { serviceActions } from '../service-actions.js';

const FIELDS: Record<string, FieldKind> = {
  companyId: 'int',
  journalCode: 'string',
  journalName: 'string',
  iban: 'nullableString',
  bic: 'nullableString',
  currency: 'string',
  glAccount: 'string',
  glAccountLabel: 'nullableString',
  suspenseAccount: 'string',
  suspenseAccountLabel: 'nullableString',
  cardClearingAccount: 'nullableString',
  cardClearingAccountLabel: 'nullableString',
  accountTypes: 'stringArray',
  bridgeBankId: 'nullableInt',
  bridgeAccountId: 'nullableInt',
  includeOlderLines: 'boolean',
  useCleanLabel: 'boolean',
  cardDatingMode: 'string',
  cardKeepDeferredTotal: 'boolean',
  cardIncludeFuture: 'boolean',
};
// A bank account stays in its company.
const { companyId: _companyId, ...UPDATE_FIELDS } = FIELDS;
const GENERAL = ['companyId', 'journalCode', 'journalName', 'iban', 'bic', 'currency'];
// Under the "Télécollecte" section title.
const SETTINGS = [
  'telecollecte',
  'glAccount',
  'glAccountLabel',
  'suspenseAccount',
  'suspenseAccountLabel',
  'cardClearingAccount',
  'cardClearingAccountLabel',
  'accountTypes',
  'bridgeBankId',
  'bridgeAccountId',
  'includeOlderLines',
  'useCleanLabel',
  'cardDatingMode',
  'cardKeepDeferredTotal',
  'cardIncludeFuture',
];

/** The bank journals of the companies, with the Synchro's settings. */
export function bankAccountResource(deps: AdminDeps): ResourceWithOptions {
  return {
    resource: new deps.ScopedResource(BankAccount, { companies: OWNED_BY.company('companyId') }),
    options: {
      id: 'BankAccount',
      navigation: NAV.banking,
      listProperties: ['id', 'companyId', 'journalCode', 'journalName', 'iban', 'accountTypes'],
      showProperties: ['id', ...GENERAL, ...SETTINGS],
      editProperties: [...GENERAL, ...SETTINGS],
      filterProperties: ['companyId', 'journalCode', 'journalName', 'iban'],
      properties: {
        telecollecte: {
          type: 'string',
          components: { show: deps.components.SectionTitle, edit: deps.components.SectionTitle },
          isVisible: { list: false, filter: false, show: true, edit: true },
        },
        accountTypes: {
          isArray: true,
          type: 'string',
          availableValues: Object.entries(ACCOUNT_TYPE_LABELS).map(([value, label]) => ({ value, label })),
        },
        cardDatingMode: {
          availableValues: [
            { value: 'transaction', label: 'Date de l’achat (transaction)' },
            { value: 'debit', label: 'Date du débit différé (debit)' },
          ],
        },
      },
      actions: serviceActions(deps, {
        fields: FIELDS,
        updateFields: UPDATE_FIELDS,
        createDto: CreateBankAccountDto,
        updateDto: UpdateBankAccountDto,
        writer: deps.bankAccounts,
      }),
    },
  };
}
