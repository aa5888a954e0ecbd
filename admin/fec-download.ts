import type { NextFunction, Request, RequestHandler, Response } from 'express';

import type { AccountingExportsService, ExportFile } from '../src/accounting/accounting-exports.service.js';
import { scopeOfIdentity } from '../src/admin-accounts/admin-accounts.service.js';
import { ERROR_CODES } from '../src/common/errors/error-codes.js';
import type { SessionIdentity } from './request-guards.js';
import { FEC_DOWNLOAD_PATH } from './resources/company.js';
import { refusalOf } from './validation.js';

/**
 * The back-office's "Exporter le FEC" download: the same export as GET /api/v1/companies/:id/fec, for the signed-in
 * account and within its companies (another company's FEC answers 404, as in the API). `?description=1` gives the
 * description file beside it.
 */
export function fecDownload(exports: AccountingExportsService): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' || request.originalUrl.split('?')[0] !== FEC_DOWNLOAD_PATH) return next();
    const identity = (request.session as { adminUser?: SessionIdentity } | undefined)?.adminUser;
    if (!identity) {
      response.status(401).type('text/plain; charset=utf-8').send('Connexion requise : connectez-vous au back-office.');
      return;
    }
    const companyId = positiveInteger(request.query.companyId);
    const fiscalYear = positiveInteger(request.query.fiscalYear);
    const encoding = request.query.encoding === 'utf-8' ? 'utf-8' : 'iso-8859-15';
    if (companyId === null || fiscalYear === null || fiscalYear < 1900 || fiscalYear > 2999) {
      const field = companyId === null ? 'companyId' : 'fiscalYear';
      response.status(400).type('text/plain; charset=utf-8').send(`${field} : valeur invalide.`);
      return;
    }
    const scope = scopeOfIdentity(identity);
    const file =
      request.query.description === '1'
        ? exports.fecDescription(companyId, fiscalYear, encoding, scope)
        : exports.fec(companyId, fiscalYear, encoding, scope);
    file
      .then((found: ExportFile) => {
        response.attachment(found.fileName);
        response.setHeader('Content-Type', found.contentType);
        if (Buffer.isBuffer(found.body)) {
          response.send(found.body);
        } else {
          found.body.on('error', (error) => response.destroy(error));
          found.body.pipe(response);
        }
      })
      .catch((error: unknown) => {
        const refusal = refusalOf(error);
        if (!refusal) return next(error);
        response.status(ERROR_CODES[refusal.code].status).type('text/plain; charset=utf-8').send(refusal.message);
      });
  };
}

function positiveInteger(value: unknown): number | null {
  return typeof value === 'string' && /^[1-9]\d{0,9}$/.test(value) ? Number(value) : null;
}
