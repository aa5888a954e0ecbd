import type { NextFunction, Request, RequestHandler, Response } from 'express';

import type { AdminAccountsService, AdminIdentity } from '../src/admin-accounts/admin-accounts.service.js';
import { cspNonce } from '../src/common/http/security-headers.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What the back-office session keeps of an account (AdminJS wants a string id). */
export type SessionIdentity = Omit<AdminIdentity, 'id'> & { id: string };

/**
 * The session's copy of an identity. AdminJS writes it, unescaped, into an inline script of every page: "<" and ">" are
 * dropped so that no name can close that script (the nonce of the page's scripts must stay ours).
 */
export function sessionIdentity(identity: AdminIdentity): SessionIdentity {
  return {
    ...identity,
    id: String(identity.id),
    title: identity.title.replace(/[<>]/g, ''),
    email: identity.email.replace(/[<>]/g, ''),
  };
}

/**
 * Refuses a state-changing back-office request that does not come from the back-office's own pages: its Origin (or,
 * failing that, its Referer) must be the public origin or the origin the request itself was sent to (the back-office
 * opened at http://127.0.0.1:3000 while PUBLIC_URL says localhost), and Sec-Fetch-Site, when the browser sends it,
 * same-origin. The session cookie is SameSite=Lax, which another port of the same host (same site) still receives; a
 * page there cannot make the victim's browser send another Host than the back-office's.
 */
export function sameOriginOnly(publicOrigin: string): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(request.method)) return next();
    const site = request.get('sec-fetch-site');
    const origin = request.get('origin') ?? originOf(request.get('referer'));
    const requested = request.get('host') ? `${request.protocol}://${request.get('host')}` : null;
    if (
      (site && site !== 'same-origin' && site !== 'none') ||
      origin === undefined ||
      (origin !== publicOrigin && origin !== requested)
    ) {
      response
        .status(403)
        .type('text/plain; charset=utf-8')
        .send(
          `Requête refusée : elle ne vient pas des pages du back-office (${publicOrigin}/admin). Rien n’a été modifié.`,
        );
      return;
    }
    next();
  };
}

/**
 * Gives AdminJS's own inline scripts this answer's CSP nonce (AdminJS writes its state and start-up code inline).
 * Only the HTML pages AdminJS renders pass through here, and nothing a person typed reaches them unescaped (see
 * sessionIdentity), so every inline script of such a page is AdminJS's.
 */
export function nonceOnAdminScripts(request: Request, response: Response, next: NextFunction): void {
  const send = response.send.bind(response);
  response.send = (body?: unknown) =>
    send(
      typeof body === 'string' && /^\s*<!DOCTYPE html>/i.test(body)
        ? body.replaceAll('<script>', `<script nonce="${cspNonce(response)}">`)
        : body,
    );
  next();
}

/**
 * Keeps the session's identity current: a role, companies or an active flag changed by an editor apply from the next
 * request, and a deactivated or deleted account is signed out.
 */
export function freshIdentity(accounts: AdminAccountsService): RequestHandler {
  return (request: Request, _response: Response, next: NextFunction) => {
    const session = request.session as (typeof request.session & { adminUser?: SessionIdentity }) | undefined;
    const current = session?.adminUser;
    if (!session || !current) return next();
    accounts
      .identity(Number(current.id))
      .then((identity) => {
        if (!identity) {
          delete session.adminUser;
        } else {
          const fresh = sessionIdentity(identity);
          if (JSON.stringify(fresh) !== JSON.stringify(current)) session.adminUser = fresh;
        }
        next();
      })
      .catch(next);
  };
}

/** @adminjs/express hands actions a shallow copy of the request, without Express's `ip` getter: keep the address. */
export function keepClientAddress(request: Request, _response: Response, next: NextFunction): void {
  (request as Request & { clientIp?: string }).clientIp = request.ip;
  next();
}

function originOf(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return 'invalid';
  }
}
