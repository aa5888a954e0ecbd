import type { ResourceWithOptions } from 'adminjs';

import { CreateUserDto, UpdateUserDto } from '../../src/users/dto/user.dto.js';
import { User } from '../../src/users/user.entity.js';
import type { FieldKind } from '../payload.js';
import { NAV, type AdminDeps } from '../resource-kit.js';
import { OWNED_BY } from '../scoped-resource.js';
import { serviceActions } from '../service-actions.js';

const FIELDS: Record<string, FieldKind> = {
  companyId: 'int',
  name: 'string',
  login: 'string',
  email: 'nullableString',
  active: 'boolean',
};
// A user stays in its company.
const { companyId: _companyId, ...UPDATE_FIELDS } = FIELDS;

/** The ERP users, who run the Synchro with their Bridge e-mail. */
export function userResource(deps: AdminDeps): ResourceWithOptions {
  return {
    resource: new deps.ScopedResource(User, { companies: OWNED_BY.company('companyId') }),
    options: {
      id: 'User',
      navigation: NAV.configuration,
      listProperties: ['id', 'companyId', 'name', 'login', 'email', 'active'],
      editProperties: ['companyId', 'name', 'login', 'email', 'active'],
      filterProperties: ['companyId', 'name', 'login', 'email', 'active'],
      actions: serviceActions(deps, {
        fields: FIELDS,
        updateFields: UPDATE_FIELDS,
        createDto: CreateUserDto,
        updateDto: UpdateUserDto,
        writer: deps.users,
      }),
    },
  };
}
