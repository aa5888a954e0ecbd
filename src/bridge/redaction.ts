const SENSITIVE_KEY = /secret|password|passwd|token|authorization|client-secret/i;
export const REDACTED = '[REDACTED]';
export const MAX_LOGGED_BODY = 8_000;

/**
 * Makes a body safe to store in the API log: sensitive JSON keys are masked, every known secret value is replaced
 * wherever it appears (even inside another string), and the result is truncated.
 */
export function redactBody(body: string | null | undefined, secrets: readonly string[]): string | null {
  if (body === null || body === undefined || body === '') {
    return null;
  }
  let text = body;
  try {
    text = JSON.stringify(maskKeys(JSON.parse(body)));
  } catch {
    // Not JSON (an HTML error page, a truncated answer): only the value replacement below applies.
  }
  return truncate(scrubValues(text, secrets));
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
