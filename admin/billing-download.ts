import type { NextFunction, Request, RequestHandler, Response } from 'express';

import { scopeOfIdentity } from '../src/admin-accounts/admin-accounts.service.js';
import type { ListBillingReportsQueryDto } from '../src/billing/billing.dto.js';
import type { BillingService } from '../src/billing/billing.service.js';
import { ERROR_CODES } from '../src/common/errors/error-codes.js';
import type { SessionIdentity } from './request-guards.js';
import { refusalOf } from './validation.js';

export const BILLING_DOWNLOAD_PATH = '/admin/api/billing-reports';

/**
 * The back-office's billing downloads (docs/rules.md#billing-downloads): `?format=csv|json&year=2027&month=3`, for the
 * signed-in account and within its companies (an editor gets every company, an integrator its own ones only).
 */
export function billingDownload(billing: BillingService): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' || request.originalUrl.split('?')[0] !== BILLING_DOWNLOAD_PATH) return next();
    const identity = (request.session as { adminUser?: SessionIdentity } | undefined)?.adminUser;
    if (!identity) {
      response.status(401).type('text/plain; charset=utf-8').send('Connexion requise : connectez-vous au back-office.');
      return;
    }
    const format = request.query.format ?? 'csv';
    const year = optionalInteger(request.query.year, 2000, 2999);
    const month = optionalInteger(request.query.month, 1, 12);
    const companyId = optionalInteger(request.query.companyId, 1, 2_147_483_647);
    const invalid =
      format !== 'csv' && format !== 'json'
        ? 'format'
        : year === null
          ? 'year'
          : month === null
            ? 'month'
            : companyId === null
              ? 'companyId'
              : undefined;
    if (invalid) {
      response.status(400).type('text/plain; charset=utf-8').send(`${invalid} : valeur invalide.`);
      return;
    }
    if (month !== undefined && year === undefined) {
      response
        .status(400)
        .type('text/plain; charset=utf-8')
        .send('month : indiquez aussi l’année (year=2027&month=3).');
      return;
    }
    const query = { year, month, companyId } as ListBillingReportsQueryDto;
    billing
      .backOfficeExport(query, format as 'csv' | 'json', scopeOfIdentity(identity))
      .then((file) => {
        response.attachment(file.filename);
        response.setHeader('Content-Type', file.contentType);
        response.send(file.body);
      })
      .catch((error: unknown) => {
        const refusal = refusalOf(error);
        if (!refusal) return next(error);
        response.status(ERROR_CODES[refusal.code].status).type('text/plain; charset=utf-8').send(refusal.message);
      });
  };
}

/** undefined when absent, null when not an integer in [min, max]. */
function optionalInteger(value: unknown, min: number, max: number): number | undefined | null {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[1-9]\d{0,9}$/.test(value)) return null;
  const number = Number(value);
  return number >= min && number <= max ? number : null;
}
