import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { FRENCH_TRANSLATIONS } from './fr.js';

// adminjs' package.json "exports" hides lib/, so locate the package root through its main entry.
const require = createRequire(import.meta.url);
const adminjsRoot = dirname(require.resolve('adminjs'));
const ENGLISH: unknown = JSON.parse(readFileSync(join(adminjsRoot, 'lib/locale/en/translation.json'), 'utf8'));

type Leaf = { path: string; value: unknown };

function leaves(node: unknown, prefix = ''): Leaf[] {
  if (node === null || typeof node !== 'object') return [{ path: prefix, value: node }];
  return Object.entries(node).flatMap(([key, child]) => leaves(child, prefix ? `${prefix}.${key}` : key));
}

function lookup(node: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>(
    (current, key) =>
      current !== null && typeof current === 'object' && Object.hasOwn(current, key)
        ? (current as Record<string, unknown>)[key]
        : undefined,
    node,
  );
}

const placeholders = (text: string): string[] => [...new Set(text.match(/\{\{\s*[^}]+?\s*\}\}/g) ?? [])].sort();

const englishLeaves = leaves(ENGLISH).filter((leaf) => typeof leaf.value === 'string');
const cases = englishLeaves.map((leaf) => [leaf.path, leaf.value as string] as const);

describe('FRENCH_TRANSLATIONS', () => {
  it('should read the English AdminJS locale', () => {
    expect(englishLeaves.length).toBeGreaterThan(50);
  });

  it.each(cases)('should translate %s', (path, english) => {
    const french = lookup(FRENCH_TRANSLATIONS, path);
    expect(typeof french).toBe('string');
    expect((french as string).trim()).not.toBe('');
    expect(placeholders(french as string)).toEqual(placeholders(english));
  });

  it('should keep the same sections as the English locale, with objects where English has objects', () => {
    const objectPaths = (node: unknown, prefix = ''): string[] =>
      node !== null && typeof node === 'object'
        ? [prefix, ...Object.entries(node).flatMap(([key, child]) => objectPaths(child, prefix ? `${prefix}.${key}` : key))]
        : [];
    for (const path of objectPaths(ENGLISH).filter(Boolean)) {
      const french = lookup(FRENCH_TRANSLATIONS, path);
      expect({ path, isObject: french !== null && typeof french === 'object' }).toEqual({ path, isObject: true });
    }
  });

  it('should use a non-breaking space before « : ; ! ? » and inside « »', () => {
    const offenders = cases
      .map(([path]) => ({ path, text: lookup(FRENCH_TRANSLATIONS, path) as string }))
      .filter(({ text }) => /[^\u00a0][:;!?]|«[^\u00a0]|[^\u00a0]»/.test(text));
    expect(offenders).toEqual([]);
  });

  it('should present the product on the login page', () => {
    const { welcomeHeader, welcomeMessage } = FRENCH_TRANSLATIONS.components.Login;
    expect(`${welcomeHeader} ${welcomeMessage}`).toContain('Télécollecte bancaire');
    expect(welcomeMessage).not.toContain('AdminJS');
  });
});
