import type { ActionRequest, ActionResponse, After } from 'adminjs';

import { AccessScope } from '../src/auth/access-scope.js';
import type { BridgeConfigsService } from '../src/bridge-config/bridge-configs.service.js';
import { WARNING_CODES, type WarningCode } from '../src/common/errors/error-codes.js';
import type { CompaniesService } from '../src/companies/companies.service.js';

/** The French text of a warning, its `{name}` placeholders filled from `params`. */
export function frenchWarning(code: WarningCode, params: Record<string, string | number>): string {
  return WARNING_CODES[code].fr.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in params ? String(params[name]) : placeholder,
  );
}

/**
 * docs/rules.md#one-active-bridge-configuration: after a Bridge configuration is saved in the back-office, the notice
 * says so in French when a company it serves now has several active configurations.
 */
export function severalActiveNotice(deps: {
  configs: BridgeConfigsService;
  companies: CompaniesService;
}): After<ActionResponse> {
  return async (response: ActionResponse, request: ActionRequest) => {
    const record = response.record as { params?: { id?: unknown }; errors?: object } | undefined;
    const id = Number(record?.params?.id);
    if (request.method !== 'post' || !Number.isInteger(id) || Object.keys(record?.errors ?? {}).length > 0) {
      return response;
    }
    const companyIds = (await deps.configs.companyIdsOf([id])).get(id) ?? [];
    const found = await deps.configs.companiesWithSeveralActive(companyIds);
    if (found.length === 0) return response;
    const names = new Map(
      (
        await deps.companies.getMany(
          found.map((item) => item.companyId),
          AccessScope.editor(),
          'companyIds',
        )
      ).map((company) => [company.id, company.name]),
    );
    const message = found
      .map(({ companyId, configIds }) =>
        frenchWarning('bridge_config.several_active', {
          company: `« ${names.get(companyId) ?? companyId} »`,
          count: configIds.length,
        }),
      )
      .join(' ');
    return { ...response, notice: { message, type: 'info' } };
  };
}
