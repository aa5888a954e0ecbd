import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from '@jest/globals';

// Code comments cite the docs as `docs/<file>.md#<anchor>`; the docs link each other as `[text](<file>.md#<anchor>)`.
// Every such citation must name a file of docs/ and, when it has an anchor, one of that file's headings.

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SCANNED = ['src', 'admin', 'test', 'scripts', 'packages', 'README.md'];
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'adminjs-bundle', 'test-artifacts', 'coverage']);
const SCANNED_FILES = /\.(ts|tsx|js|jsx|mjs|cjs|md)$/;
const SELF = relative(ROOT, fileURLToPath(import.meta.url))
  .split(sep)
  .join('/');

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
function slugOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a Markdown file's headings (outside fenced code), with GitHub's -1, -2… for repeated ones. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const slug = slugOf(heading[1]!);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

interface Citation {
  /** Where the citation is: a repository path and line. */
  from: string;
  /** The docs file cited, relative to the repository root (docs/…). */
  file: string;
  anchor: string | null;
}

/** `docs/x.md#anchor` anywhere in a file of the code, or a README link. */
function codeCitations(path: string, text: string): Citation[] {
  const found: Citation[] = [];
  text.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(/(?<![\w./-])docs\/([\w./-]+?\.md)(?:#([\w-]+))?/g)) {
      found.push({ from: `${path}:${index + 1}`, file: `docs/${match[1]}`, anchor: match[2] ?? null });
    }
  });
  return found;
}

/** Relative Markdown links of a docs file or the README: `(other.md#anchor)`, `(#anchor)`; links elsewhere are left alone. */
function docsLinks(path: string, text: string): Citation[] {
  const found: Citation[] = [];
  text.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(/\]\((?![a-z]+:)([\w./-]*?\.md)?(?:#([\w-]+))?\)/g)) {
      const [, target, anchor] = match;
      if (!target && !anchor) continue;
      const file = target ? posix.normalize(posix.join(posix.dirname(path), target)) : path;
      if (!file.startsWith('docs/') && file !== 'README.md') continue;
      found.push({ from: `${path}:${index + 1}`, file, anchor: anchor ?? null });
    }
  });
  return found;
}

/** The citations whose file or heading does not exist, as readable lines. */
function brokenCitations(citations: Citation[], docs: ReadonlyMap<string, Set<string>>): string[] {
  return citations
    .filter(
      (citation) =>
        !docs.has(citation.file) || (citation.anchor !== null && !docs.get(citation.file)!.has(citation.anchor)),
    )
    .map((citation) => `${citation.from} cites ${citation.file}${citation.anchor ? `#${citation.anchor}` : ''}`);
}

function filesUnder(path: string): string[] {
  const absolute = join(ROOT, path);
  if (!existsSync(absolute)) return [];
  if (!statSync(absolute).isDirectory()) return [path];
  return readdirSync(absolute, { withFileTypes: true }).flatMap((entry) => {
    const child = posix.join(path, entry.name);
    if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : filesUnder(child);
    return SCANNED_FILES.test(entry.name) ? [child] : [];
  });
}

/** The docs and the README, with the anchors of their headings. */
function readDocs(): Map<string, Set<string>> {
  const files = [...filesUnder('docs').filter((path) => path.endsWith('.md')), 'README.md'];
  return new Map(files.map((path) => [path, anchorsOf(readFileSync(join(ROOT, path), 'utf8'))]));
}

describe('citations of docs/', () => {
  const docs = readDocs();

  it('should find every docs/…#anchor the code cites among the headings of docs/', () => {
    const citations = SCANNED.flatMap(filesUnder)
      .filter((path) => path !== SELF)
      .flatMap((path) => codeCitations(path, readFileSync(join(ROOT, path), 'utf8')));
    // The code cites the rules in about twenty places: an empty list would mean the scan itself broke.
    expect(citations.length).toBeGreaterThanOrEqual(15);
    expect(brokenCitations(citations, docs)).toEqual([]);
  });

  it('should find every link of the docs and the README to them among their headings', () => {
    const links = [...docs.keys()].flatMap((path) => docsLinks(path, readFileSync(join(ROOT, path), 'utf8')));
    expect(links.length).toBeGreaterThan(0);
    expect(brokenCitations(links, docs)).toEqual([]);
  });

  it('should report a citation of a missing heading or file, and accept a present one', () => {
    const known = new Map([
      ['docs/rules.md', anchorsOf('# Rules\n\n## Line rules\n\n```\n## Not a heading\n```\n## Line rules\n')],
    ]);
    const citations = [
      ...codeCitations('src/a.ts', '// see docs/rules.md#line-rules and docs/rules.md#line-rules-1'),
      ...codeCitations('src/b.ts', '// see docs/rules.md#not-a-heading, docs/gone.md#x and docs/rules.md'),
    ];
    expect(brokenCitations(citations, known)).toEqual([
      'src/b.ts:1 cites docs/rules.md#not-a-heading',
      'src/b.ts:1 cites docs/gone.md#x',
    ]);
  });

  it('should make anchors the way GitHub does', () => {
    expect(slugOf('Bridge calls: timeouts and retries')).toBe('bridge-calls-timeouts-and-retries');
    expect(slugOf('Re-authentication')).toBe('re-authentication');
    expect(slugOf('The clock, crypto and database seams')).toBe('the-clock-crypto-and-database-seams');
    expect(slugOf('`bank_transaction` (the mirror)')).toBe('bank_transaction-the-mirror');
    expect(
      docsLinks(
        'docs/data-model.md',
        'see [a](architecture.md#modules) and [b](#money) and [c](../README.md) and [d](https://x.io/a.md#b)',
      ),
    ).toEqual([
      { from: 'docs/data-model.md:1', file: 'docs/architecture.md', anchor: 'modules' },
      { from: 'docs/data-model.md:1', file: 'docs/data-model.md', anchor: 'money' },
      { from: 'docs/data-model.md:1', file: 'README.md', anchor: null },
    ]);
  });
});
