import { describe, expect, it } from '@jest/globals';

import { MAX_LOGGED_BODY, redactBody, REDACTED } from './redaction.js';

describe('redactBody', () => {
  it('should mask sensitive keys at any depth', () => {
    const body = JSON.stringify({
      email: 'a@b.fr',
      password: 'p4ssw0rd-long',
      nested: [{ access_token: 'tok-123456' }],
      user: { uuid: 'u-1' },
    });
    const result = redactBody(body, [])!;
    expect(JSON.parse(result)).toEqual({
      email: 'a@b.fr',
      password: REDACTED,
      nested: [{ access_token: REDACTED }],
      user: { uuid: 'u-1' },
    });
  });

  it('should replace known secret values wherever they appear, JSON or not', () => {
    expect(redactBody('<html>token abcdef123 failed</html>', ['abcdef123'])).toBe(
      `<html>token ${REDACTED} failed</html>`,
    );
    expect(redactBody(JSON.stringify({ message: 'bad secret s3cr3t-value' }), ['s3cr3t-value'])).not.toContain(
      's3cr3t-value',
    );
  });

  it('should truncate long bodies and keep empty ones empty', () => {
    const result = redactBody('x'.repeat(MAX_LOGGED_BODY + 50), [])!;
    expect(result.length).toBeLessThan(MAX_LOGGED_BODY + 40);
    expect(result).toMatch(/truncated 50 characters/);
    expect(redactBody('', [])).toBeNull();
    expect(redactBody(undefined, [])).toBeNull();
  });

  it('should keep a bounded, masked excerpt of a long page without parsing it', () => {
    const resources = Array.from({ length: 500 }, (_, index) => ({ id: index, description: `CB MONOPRIX ${index}` }));
    const page = JSON.stringify({ access_token: 'tok-abcdef-123456', resources, password: null });
    const result = redactBody(page, ['abcdef-123456'])!;
    expect(result.length).toBeLessThan(MAX_LOGGED_BODY + 60);
    expect(result.startsWith(`{"access_token":"${REDACTED}","resources":[{"id":0`)).toBe(true);
    expect(result).toMatch(/…\[truncated \d+ characters\]$/);
    expect(result).not.toContain('abcdef');
  });

  it('should mask a sensitive value the excerpt cuts, and a secret that straddles the cut', () => {
    const long = 'x'.repeat(MAX_LOGGED_BODY);
    const cutInValue = `{"note":"${'y'.repeat(MAX_LOGGED_BODY - 40)}","client_secret":"${long}"}`;
    expect(redactBody(cutInValue, [])).toContain(`"client_secret":"${REDACTED}"…[truncated`);
    const secret = 'S3CRET-VALUE-0123456789';
    const straddling = `${'z'.repeat(MAX_LOGGED_BODY - 10)}${secret}${'z'.repeat(100)}`;
    expect(redactBody(straddling, [secret])).not.toContain('S3CRET');
  });
});
