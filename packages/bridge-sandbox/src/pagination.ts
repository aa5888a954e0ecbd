/**
 * Bridge list envelope and cursor pagination: `{resources, pagination: {next_uri}}`, `limit` 1–500 (default 50),
 * an opaque `after` cursor that encodes the sort key of the last row served (not an offset), so rows inserted
 * during a listing never shift or repeat the following pages. `next_uri` is a path carrying the mount prefix, all
 * the original query parameters and the new `after`.
 */
import type { Request } from 'express';

import { errors } from './errors.js';
import { queryValue } from './http.js';
import type { SandboxStore, SandboxTransaction } from './store.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

export type CursorKey = (string | number)[];

export interface PageRequest {
  limit: number;
  after: CursorKey | null;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(text: string): CursorKey | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length > 0 &&
      value.every((part) => typeof part === 'string' || typeof part === 'number')
    ) {
      return value;
    }
  } catch {
    // fall through
  }
  return null;
}

export function parsePageRequest(req: Request): PageRequest {
  const rawLimit = queryValue(req, 'limit');
  let limit = DEFAULT_LIMIT;
  if (rawLimit !== undefined) {
    if (!/^\d+$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > MAX_LIMIT) {
      throw errors.invalidQuery('limit', `must be an integer between 1 and ${MAX_LIMIT}`);
    }
    limit = Number(rawLimit);
  }
  const rawAfter = queryValue(req, 'after');
  let after: CursorKey | null = null;
  if (rawAfter !== undefined) {
    after = decodeCursor(rawAfter);
    if (!after) throw errors.invalidQuery('after', 'is not a valid pagination cursor');
  }
  return { limit, after };
}

/** The request's own path and query (mount prefix included) with `after` replaced. */
export function nextUriOf(req: Request, next: CursorKey | null, nullAsString: boolean): string | null {
  if (!next) return nullAsString ? 'null' : null;
  const url = new URL(req.originalUrl, 'http://sandbox.invalid');
  url.searchParams.delete('after');
  url.searchParams.append('after', encodeCursor(next));
  return url.pathname + url.search;
}

export function pageBody(resources: unknown[], nextUri: string | null): unknown {
  return { resources, pagination: { next_uri: nextUri } };
}

/** Rows sorted by a numeric key ascending (creation order, id); the cursor holds that key. */
export function pageByNumericKey<T>(
  rows: T[],
  keyOf: (row: T) => number,
  page: PageRequest,
): { rows: T[]; next: CursorKey | null } {
  const after = page.after;
  if (after && typeof after[0] !== 'number') throw errors.invalidQuery('after', 'is not a valid pagination cursor');
  const start = after ? rows.findIndex((row) => keyOf(row) > (after[0] as number)) : 0;
  const slice = start < 0 ? [] : rows.slice(start, start + page.limit + 1);
  const more = slice.length > page.limit;
  const pageRows = slice.slice(0, page.limit);
  return { rows: pageRows, next: more ? [keyOf(pageRows[pageRows.length - 1]!)] : null };
}

export interface TransactionFilter {
  /** Only rows with updated_at > sinceMs (incremental sync). */
  sinceMs?: number;
  includeDeleted: boolean;
  /** Inclusive `date` bounds (v2 /transactions `since`/`until` days). */
  minDate?: string;
  maxDate?: string;
}

/** Row strictly after the cursor in (date desc, id desc) order. */
function isAfter(row: SandboxTransaction, date: string, id: number): boolean {
  return row.date < date || (row.date === date && row.id < id);
}

/**
 * One page of transactions over several accounts in (date desc, id desc) order: binary search of the cursor in each
 * account's sorted list, then a k-way merge until `limit + 1` matching rows are found.
 */
export function pageTransactions(
  store: SandboxStore,
  accountIds: number[],
  filter: TransactionFilter,
  page: PageRequest,
): { rows: SandboxTransaction[]; next: CursorKey | null } {
  let cursor: { date: string; id: number } | null = null;
  if (page.after) {
    const [date, id] = page.after;
    if (typeof date !== 'string' || typeof id !== 'number' || page.after.length !== 2) {
      throw errors.invalidQuery('after', 'is not a valid pagination cursor');
    }
    cursor = { date, id };
  }
  const lists = accountIds.map((accountId) => store.sortedTransactions(accountId));
  const heads = lists.map((rows) => {
    if (!cursor) return 0;
    let low = 0;
    let high = rows.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (isAfter(rows[middle]!, cursor.date, cursor.id)) high = middle;
      else low = middle + 1;
    }
    return low;
  });
  const matches = (row: SandboxTransaction): boolean =>
    (filter.includeDeleted || !row.deleted) &&
    (filter.sinceMs === undefined || row.updatedAt > filter.sinceMs) &&
    (filter.minDate === undefined || row.date >= filter.minDate) &&
    (filter.maxDate === undefined || row.date <= filter.maxDate);

  const found: SandboxTransaction[] = [];
  while (found.length <= page.limit) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      const rows = lists[i]!;
      while (heads[i]! < rows.length && !matches(rows[heads[i]!]!)) heads[i]!++;
      if (heads[i]! >= rows.length) continue;
      if (best < 0) {
        best = i;
        continue;
      }
      const candidate = rows[heads[i]!]!;
      const current = lists[best]![heads[best]!]!;
      if (candidate.date > current.date || (candidate.date === current.date && candidate.id > current.id)) best = i;
    }
    if (best < 0) break;
    found.push(lists[best]![heads[best]!]!);
    heads[best]!++;
  }
  const more = found.length > page.limit;
  const rows = found.slice(0, page.limit);
  const last = rows[rows.length - 1];
  return { rows, next: more && last ? [last.date, last.id] : null };
}
