import type { BridgeOriginRule } from '../config/app-config.js';

/**
 * Whether the product may send a request (and so the client secret) to this URL: its scheme, host and port are those
 * of an allowed origin, and its path lies under the rule's prefix. Anything that does not parse is refused.
 */
export function isAllowedBridgeUrl(url: string | URL, rules: readonly BridgeOriginRule[]): boolean {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return false;
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return false;
  }
  const path = parsed.pathname.replace(/\/+$/, '');
  return rules.some(
    (rule) =>
      rule.protocol === parsed.protocol &&
      rule.hostname === parsed.hostname.toLowerCase() &&
      (rule.port === '*' || rule.port === parsed.port) &&
      (rule.pathPrefix === '' || path === rule.pathPrefix || path.startsWith(`${rule.pathPrefix}/`)),
  );
}

/** The rules as a person writes them, for messages. */
export function describeAllowedOrigins(rules: readonly BridgeOriginRule[]): string {
  return rules
    .map((rule) => `${rule.protocol}//${rule.hostname}${rule.port ? `:${rule.port}` : ''}${rule.pathPrefix}`)
    .join(', ');
}
