import { randomBytes } from 'node:crypto';

import type { RequestHandler, Response } from 'express';
import helmet from 'helmet';

import type { AppConfig } from '../../config/app-config.js';

/** The nonce of this answer's inline scripts (the back-office pages carry a few; every other page has none). */
export function cspNonce(response: Response): string {
  return (response.locals as { cspNonce: string }).cspNonce;
}

/**
 * Security headers on every answer: a CSP that allows only this origin's scripts plus the inline ones carrying this
 * answer's nonce, no framing, no MIME sniffing, no referrer outside the origin, HSTS when served over https.
 * Inline styles stay allowed: AdminJS (styled-components) and the Bridge pages set their styles inline.
 */
export function securityHeaders(config: AppConfig): RequestHandler[] {
  const https = config.publicUrl.startsWith('https://');
  return [
    (_request, response, next) => {
      response.locals.cspNonce = randomBytes(16).toString('base64');
      next();
    },
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_request, response) => `'nonce-${cspNonce(response as Response)}'`],
          // AdminJS asks Google Fonts for Roboto.
          styleSrc: ["'self'", "'unsafe-inline'", 'https://fonts.googleapis.com'],
          fontSrc: ["'self'", 'data:', 'https://fonts.gstatic.com'],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          objectSrc: ["'none'"],
          ...(https && { upgradeInsecureRequests: [] }),
        },
      },
      strictTransportSecurity: https ? { maxAge: 365 * 24 * 3600, includeSubDomains: false } : false,
      frameguard: { action: 'deny' },
      // "no-referrer" would make browsers send "Origin: null" on our own form posts, which the back-office refuses.
      referrerPolicy: { policy: 'same-origin' },
    }),
  ];
}
