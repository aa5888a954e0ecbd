import type { ActionContext, ResourceWithOptions } from 'adminjs';

import { BridgeConfig } from '../../src/bridge-config/bridge-config.entity.js';
import { CreateBridgeConfigDto, UpdateBridgeConfigDto } from '../../src/bridge-config/dto/bridge-config.dto.js';
import { severalActiveNotice } from '../config-warnings.js';
import type { FieldKind } from '../payload.js';
import { companyNamesOf, companyOptions } from '../record-titles.js';
import { linkAction, NAV, scopeOf, withValues, type AdminDeps } from '../resource-kit.js';
import { OWNED_BY } from '../scoped-resource.js';
import { serviceActions } from '../service-actions.js';

const FIELDS: Record<string, FieldKind> = {
  companyIds: 'intList',
  name: 'string',
  url: 'string',
  version: 'string',
  clientId: 'string',
  clientSecret: 'string',
  webhookSecret: 'string',
  countryCodes: 'stringArray',
  preselectedBankIds: 'intArray',
  active: 'boolean',
};

// Secrets are write-only: an empty secret field on edit means "keep the stored one".
function dropEmptySecrets(value: Record<string, unknown>): Record<string, unknown> {
  for (const key of ['clientSecret', 'webhookSecret']) if (value[key] === '') delete value[key];
  return value;
}

/** "Configuration de bridgeapi": the Bridge credentials, each serving one or more companies. */
export function bridgeConfigResource(deps: AdminDeps): ResourceWithOptions {
  // An integrator sees the companies of its own that a shared configuration serves, not the others'.
  const showCompanies = withValues(async (ids, context: ActionContext) => {
    const scope = scopeOf(context);
    const companyIds = await deps.configs.companyIdsOf(ids);
    const names = await companyNamesOf([...companyIds.values()].flat());
    return new Map(
      ids.map((id) => {
        const own = (companyIds.get(id) ?? []).filter((companyId) => scope.canAccess(companyId));
        return [id, { companyIds: own.join(', '), companyIdsNames: companyOptions(own, names) }];
      }),
    );
  });
  const actions = serviceActions(deps, {
    fields: FIELDS,
    createDto: CreateBridgeConfigDto,
    updateDto: UpdateBridgeConfigDto,
    prepare: dropEmptySecrets,
    writer: deps.configs,
  });
  return {
    resource: new deps.ScopedResource(BridgeConfig, {
      hidden: ['clientSecretEncrypted', 'webhookSecretEncrypted'],
      companies: OWNED_BY.bridgeConfig,
    }),
    options: {
      id: 'BridgeConfig',
      navigation: NAV.billingStatements,
      listProperties: ['id', 'name', 'companyIds', 'version', 'url', 'clientId', 'active'],
      showProperties: [
        'id',
        'name',
        'companyIds',
        'url',
        'version',
        'clientId',
        'countryCodes',
        'preselectedBankIds',
        'active',
        'createdAt',
        'updatedAt',
      ],
      editProperties: [
        'name',
        'companyIds',
        'url',
        'version',
        'clientId',
        'clientSecret',
        'webhookSecret',
        'countryCodes',
        'preselectedBankIds',
        'active',
      ],
      filterProperties: ['name', 'version', 'active'],
      properties: {
        companyIds: {
          type: 'string',
          isVisible: { list: true, show: true, edit: true, filter: false },
          components: {
            edit: deps.components.CompanySelect,
            show: deps.components.CompanySelect,
            list: deps.components.CompanySelect,
          },
        },
        clientSecret: { type: 'password', isVisible: { list: false, show: false, edit: true, filter: false } },
        webhookSecret: { type: 'password', isVisible: { list: false, show: false, edit: true, filter: false } },
        version: {
          availableValues: [
            { value: '2025-01-15', label: 'v3 (version du 15/01/2025)' },
            { value: '2021-06-01', label: 'v2 (version du 01/06/2021)' },
          ],
        },
        countryCodes: { isArray: true, type: 'string' },
        preselectedBankIds: { isArray: true, type: 'number' },
      },
      actions: {
        ...actions,
        list: { after: showCompanies },
        show: { after: showCompanies },
        new: { ...actions.new, after: severalActiveNotice(deps) },
        edit: { ...actions.edit, after: [severalActiveNotice(deps), showCompanies] },
        apiLogs: linkAction('Activity', (id) => `/admin/resources/ApiLog?filters.bridgeConfigId=${id}`),
      },
    },
  };
}
