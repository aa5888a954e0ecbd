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
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== null && field !== undefined)) as Partial<T>;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}
