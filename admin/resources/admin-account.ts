import type { ResourceWithOptions } from 'adminjs';

import { AdminAccount } from '../../src/admin-accounts/admin-account.entity.js';
import { CreateAdminAccountDto, UpdateAdminAccountDto } from '../../src/admin-accounts/dto/admin-account.dto.js';
import type { FieldKind } from '../payload.js';
import { companyNamesOf, companyOptions } from '../record-titles.js';
import { editorOnly, NAV, NO_WRITES, withValues, type AdminDeps } from '../resource-kit.js';
import { serviceActions } from '../service-actions.js';

const FIELDS: Record<string, FieldKind> = {
  email: 'string',
  name: 'string',
  password: 'string',
  role: 'string',
  companyIds: 'intList',
  userId: 'nullableInt',
  active: 'boolean',
};
// The e-mail names the account for good.
const { email: _email, ...UPDATE_FIELDS } = FIELDS;

// An empty password on edit keeps the current one.
function dropEmptyPassword(value: Record<string, unknown>): Record<string, unknown> {
  if (value.password === '') delete value.password;
  return value;
}

/** The back-office accounts: their roles and their companies are the editor's to give. */
export function adminAccountResource(deps: AdminDeps): ResourceWithOptions {
  const showCompanies = withValues(async (ids) => {
    const companyIds = await deps.adminAccounts.companyIdsOf(ids);
    const names = await companyNamesOf([...companyIds.values()].flat());
    return new Map(
      ids.map((id) => {
        const own = companyIds.get(id) ?? [];
        return [id, { companyIds: own.join(', '), companyIdsNames: companyOptions(own, names) }];
      }),
    );
  });
  const actions = serviceActions(deps, {
    fields: FIELDS,
    updateFields: UPDATE_FIELDS,
    createDto: CreateAdminAccountDto,
    updateDto: UpdateAdminAccountDto,
    prepare: dropEmptyPassword,
    writer: {
      create: (value) => deps.adminAccounts.create({ ...value, userId: value.userId ?? null }),
      update: (id, value) => deps.adminAccounts.update(id, value),
    },
  });
  return {
    resource: new deps.ScopedResource(AdminAccount, { hidden: ['passwordHash'], companies: 'editor' }),
    options: {
      id: 'AdminAccount',
      navigation: NAV.configuration,
      listProperties: ['id', 'email', 'name', 'role', 'companyIds', 'userId', 'active', 'lastLoginAt'],
      showProperties: ['id', 'email', 'name', 'role', 'companyIds', 'userId', 'active', 'lastLoginAt', 'createdAt'],
      editProperties: ['email', 'name', 'password', 'role', 'companyIds', 'userId', 'active'],
      filterProperties: ['email', 'name', 'role', 'active'],
      properties: {
        password: { type: 'password', isVisible: { list: false, show: false, filter: false, edit: true } },
        role: {
          availableValues: [
            { value: 'editor', label: 'Éditeur (toutes les sociétés, facturation)' },
            { value: 'integrator', label: 'Intégrateur (ses sociétés)' },
          ],
        },
        companyIds: {
          type: 'string',
          isVisible: { list: true, show: true, edit: true, filter: false },
          components: {
            edit: deps.components.CompanySelect,
            show: deps.components.CompanySelect,
            list: deps.components.CompanySelect,
          },
        },
      },
      actions: {
        list: { isAccessible: editorOnly, after: showCompanies },
        show: { isAccessible: editorOnly, after: showCompanies },
        search: { isAccessible: editorOnly },
        new: { ...actions.new, isAccessible: editorOnly },
        edit: { ...actions.edit, isAccessible: editorOnly, after: showCompanies },
        ...NO_WRITES,
      },
    },
  };
}
