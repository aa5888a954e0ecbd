/**
 * Webhook delivery as Bridge does it: POST `{type, content, timestamp}` (epoch ms) with
 * `BridgeApi-Signature: v1=<UPPERCASE hex HMAC-SHA256(raw body, secret)>`, one comma-separated entry per active
 * secret (two during a secret rotation).
 */
import { createHmac } from 'node:crypto';

export interface WebhookRequest {
  url: string;
  secrets: string[];
  type: string;
  content: unknown;
  timestampMs: number;
}

export function signatureHeader(rawBody: string, secrets: string[]): string {
  return secrets
    .map((secret) => `v1=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex').toUpperCase()}`)
    .join(',');
}

export async function deliverWebhook(
  request: WebhookRequest,
): Promise<{ status: number; signature: string; body: string }> {
  const body = JSON.stringify({ type: request.type, content: request.content, timestamp: request.timestampMs });
  const signature = signatureHeader(body, request.secrets);
  const response = await fetch(request.url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'BridgeApi-Signature': signature,
      'User-Agent': 'Bridge-Sandbox-Webhooks',
    },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  await response.arrayBuffer();
  return { status: response.status, signature, body };
}
