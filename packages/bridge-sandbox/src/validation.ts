/** Field checks shared by both versions' routes (Bridge answers 400 naming the property at fault). */
import { COUNTRY_CODES, findProvider } from './catalog.js';
import { errors } from './errors.js';
import type { AccountTypes } from './store.js';

export function optionalString(body: Record<string, unknown>, name: string, maxLength = 255): string | null {
  const value = body[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) {
    throw errors.invalidBody(name, `must be a non-empty string of at most ${maxLength} characters`);
  }
  return value;
}

export function optionalInteger(body: Record<string, unknown>, name: string): number | null {
  const value = body[name];
  if (value === undefined || value === null) return null;
  const number = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number <= 0) {
    throw errors.invalidBody(name, 'must be a positive integer');
  }
  return number;
}

export function requiredEmail(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || !value.includes('@') || value.length > 255) {
    throw errors.invalidBody(name, 'is required and must be an e-mail address');
  }
  return value;
}

/** Country codes are upper-case in v3 (`FR`) and lower-case in v2 bodies (`fr`); both are accepted. */
export function countryCode(value: unknown, name: string, fallback: string): string {
  if (value === undefined || value === null) return fallback;
  const upper = typeof value === 'string' ? value.toUpperCase() : '';
  if (!(COUNTRY_CODES as readonly string[]).includes(upper))
    throw errors.invalidBody(name, 'is not a supported country code');
  return upper;
}

export function callbackUrl(value: unknown, name: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') {
    try {
      const url = new URL(value);
      if (url.protocol === 'http:' || url.protocol === 'https:') return value;
    } catch {
      // fall through
    }
  }
  throw errors.invalidBody(name, 'must be an absolute http(s) URL');
}

/** `context`: at most 100 characters, letters, digits and "-" (echoed on the callback). */
export function context(value: unknown, name = 'context'): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || !/^[A-Za-z0-9-]{1,100}$/.test(value)) {
    throw errors.invalidBody(name, 'must be at most 100 characters, letters, digits and "-" only');
  }
  return value;
}

export function accountTypes(value: unknown): AccountTypes {
  if (value === undefined || value === null) return 'payment';
  if (value !== 'payment' && value !== 'all') throw errors.invalidBody('account_types', 'must be "payment" or "all"');
  return value;
}

export function knownProvider(id: number | null, name: string): number | null {
  if (id === null) return null;
  if (!findProvider(id)) throw errors.invalidBody(name, `unknown provider ${id}`);
  return id;
}
