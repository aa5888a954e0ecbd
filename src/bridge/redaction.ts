const SENSITIVE_KEY = /secret|password|passwd|token|authorization|client-secret/i;
export const REDACTED = '[REDACTED]';
export const MAX_LOGGED_BODY = 8_000;

/**
 * Makes a body safe to store in the API log: sensitive JSON keys are masked, every known secret value is replaced
 * wherever it appears (even inside another string), and the result is truncated: a long body is kept as a bounded
 * excerpt, never parsed whole.
 */
export function redactBody(body: string | null | undefined, secrets: readonly string[]): string | null {
  if (body === null || body === undefined || body === '') {
    return null;
  }
  if (body.length > MAX_LOGGED_BODY) {
    return redactExcerpt(body, secrets);
  }
  let text = body;
  try {
    text = JSON.stringify(maskKeys(JSON.parse(body)));
  } catch {
    // Not JSON (an HTML error page, a truncated answer): only the value replacement below applies.
  }
  return truncate(scrubValues(text, secrets));
}

// A sensitive key and its value, up to the end of its string (or of the excerpt, when the cut falls inside it).
const SENSITIVE_MEMBER =
  /("[^"\\]*(?:secret|password|passwd|token|authorization|client-secret)[^"\\]*"\s*:\s*)("(?:[^"\\]|\\.)*(?:"|$)|[^,}\]\s]+)/gi;

/**
 * A long body (a page of 500 operations) is never parsed nor kept whole: its secret values are replaced over the whole
 * text (a value cut by the excerpt's end would leave a part of it), then the first MAX_LOGGED_BODY characters are kept
 * and the sensitive members of that excerpt masked.
 */
function redactExcerpt(body: string, secrets: readonly string[]): string {
  const scrubbed = scrubValues(body, secrets);
  const excerpt = scrubbed
    .slice(0, MAX_LOGGED_BODY)
    .replace(SENSITIVE_MEMBER, (_match, key: string, value: string) =>
      value === 'null' ? `${key}null` : `${key}"${REDACTED}"`,
    );
  return `${excerpt}…[truncated ${scrubbed.length - MAX_LOGGED_BODY} characters]`;
}

/** Replaces each secret value (at least 4 characters, to avoid masking common words) by the marker. */
export function scrubValues(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) {
      result = result.split(secret).join(REDACTED);
    }
  }
  return result;
}

function maskKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(maskKeys);
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => [
        key,
        SENSITIVE_KEY.test(key) && item !== null ? REDACTED : maskKeys(item),
      ]),
    );
  }
  return value;
}

function truncate(text: string): string {
  return text.length <= MAX_LOGGED_BODY
    ? text
    : `${text.slice(0, MAX_LOGGED_BODY)}…[truncated ${text.length - MAX_LOGGED_BODY} characters]`;
}
