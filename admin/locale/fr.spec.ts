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
  return path
    .split('.')
    .reduce<unknown>(
      (current, key) =>
        current !== null && typeof current === 'object' && Object.hasOwn(current, key)
          ? (current as Record<string, unknown>)[key]
          : undefined,
      node,
    );
}

const placeholders = (text: string): string[] => [...new Set(text.match(/\{\{\s*[^}]+?\s*\}\}/g) ?? [])].sort();

const englishLeaves = leaves(ENGLISH).filter(
  (leaf): leaf is { path: string; value: string } => typeof leaf.value === 'string',
);
const frenchOf = (path: string): unknown => lookup(FRENCH_TRANSLATIONS, path);

// Words French writes as English does: the only texts allowed to be the same in both locales.
const SAME_IN_FRENCH = new Set(['Navigation', 'Pages']);

describe('FRENCH_TRANSLATIONS', () => {
  // One test for the whole locale, naming every key at fault at once (the English locale has about a hundred keys).
  it('should translate every key of the English AdminJS locale, keeping its {{placeholders}}', () => {
    expect(englishLeaves.length).toBeGreaterThan(50);
    const faults = englishLeaves.flatMap(({ path, value: english }) => {
      const french = frenchOf(path);
      if (typeof french !== 'string') return [{ path, fault: `not a text (${typeof french})` }];
      if (french.trim() === '') return [{ path, fault: 'empty' }];
      const [expected, found] = [placeholders(english), placeholders(french)];
      return expected.join() === found.join()
        ? []
        : [{ path, fault: `placeholders ${found.join(' ') || 'none'} instead of ${expected.join(' ')}` }];
    });
    expect(faults).toEqual([]);
  });

  it('should leave no English text: every text differs from the English one, but for words French shares', () => {
    const untranslated = englishLeaves
      .filter(({ path, value }) => frenchOf(path) === value && !SAME_IN_FRENCH.has(value))
      .map(({ path, value }) => ({ path, value }));
    expect(untranslated).toEqual([]);
  });

  it('should keep the same sections as the English locale, with objects where English has objects', () => {
    const objectPaths = (node: unknown, prefix = ''): string[] =>
      node !== null && typeof node === 'object'
        ? [
            prefix,
            ...Object.entries(node).flatMap(([key, child]) => objectPaths(child, prefix ? `${prefix}.${key}` : key)),
          ]
        : [];
    for (const path of objectPaths(ENGLISH).filter(Boolean)) {
      const french = frenchOf(path);
      expect({ path, isObject: french !== null && typeof french === 'object' }).toEqual({ path, isObject: true });
    }
  });

  it('should use a non-breaking space before « : ; ! ? » and inside « »', () => {
    const offenders = englishLeaves
      .map(({ path }) => ({ path, text: frenchOf(path) as string }))
      .filter(({ text }) => /[^\u00a0][:;!?]|«[^\u00a0]|[^\u00a0]»/.test(text));
    expect(offenders).toEqual([]);
  });

  it('should present the product on the login page', () => {
    const { welcomeHeader, welcomeMessage } = FRENCH_TRANSLATIONS.components.Login;
    expect(`${welcomeHeader} ${welcomeMessage}`).toContain('Télécollecte bancaire');
    expect(welcomeMessage).not.toContain('AdminJS');
  });
});
