/** Small request/response helpers shared by the Bridge routes, the control API and the funnel. */
import type { Request, Response } from 'express';

const MAX_BODY_BYTES = 1_000_000;

/** Mount prefix of the sandbox (e.g. "/bridge-sandbox"), recorded by the top-level app: nested routers have
 * their own `req.baseUrl`, but every URL the sandbox emits must start with the sandbox's own prefix. */
export function sandboxBase(res: Response): string {
  return (res.locals.sandboxBase as string | undefined) ?? '';
}

/** Origin as the caller reached us (Host header), for the absolute connect-session URLs. */
export function originOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

export function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

export function isJsonContentType(req: Request): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/** A body already consumed by a parser of a host app the sandbox is mounted in (e.g. Nest's body parser). */
function preParsed(req: Request): { parsed: true; value: unknown } | null {
  if (req.readableEnded || (req.complete && !req.readable)) {
    return { parsed: true, value: (req as { body?: unknown }).body };
  }
  return null;
}

export type BodyRead = { kind: 'none' } | { kind: 'text'; text: string } | { kind: 'parsed'; value: unknown };

export async function readBody(req: Request): Promise<BodyRead> {
  const already = preParsed(req);
  if (already) return already.value === undefined ? { kind: 'none' } : { kind: 'parsed', value: already.value };
  if (!hasBody(req)) return { kind: 'none' };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error('Request body too large');
    chunks.push(buffer);
  }
  return { kind: 'text', text: Buffer.concat(chunks).toString('utf8') };
}

/** First value of a query parameter (repeated parameters keep the first). */
export function queryValue(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
  return typeof value === 'string' ? value : undefined;
}

export function isoInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/** v3 omits null fields (BRIDGE-API.md §1.1). */
export function omitNulls<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== null && field !== undefined),
  ) as Partial<T>;
}

// A raw literal travels through JSON.stringify as a marked string, then replaces it in the text (see renderJson).
const RAW_MARK = '\uE000';
const RAW_PLACEHOLDER = /"\uE000([A-Za-z0-9_-]*)\uE000"/g;

/** A JSON literal written verbatim into an answer (e.g. `1e309`, which no JS value serialises to). */
export class RawJson {
  constructor(readonly literal: string) {}

  toJSON(): string {
    return `${RAW_MARK}${Buffer.from(this.literal, 'utf8').toString('base64url')}${RAW_MARK}`;
  }
}

/** JSON.stringify, with every RawJson replaced by its literal. */
export function renderJson(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.includes(RAW_MARK)
    ? text.replace(RAW_PLACEHOLDER, (_match, encoded: string) => Buffer.from(encoded, 'base64url').toString('utf8'))
    : text;
}

/** True when `text` is exactly one JSON value (numbers out of double range such as 1e309 included). */
export function isJsonLiteral(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  );
}
