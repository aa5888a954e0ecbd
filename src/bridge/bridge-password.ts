import { createHmac, hkdfSync } from 'node:crypto';

/**
 * The password of a 2021-06-01 Bridge user, computed and never stored: an HMAC of the Bridge application (client id)
 * and the e-mail under a key derived from the server's ENCRYPTION_KEY. 43 characters, within Bridge's 6–71.
 */
export function deriveBridgePassword(serverKey: Buffer, clientId: string, email: string): string {
  const key = Buffer.from(hkdfSync('sha256', serverKey, Buffer.alloc(0), 'bridge-user-password/v1', 32));
  return createHmac('sha256', key).update(`${clientId}\n${email.trim().toLowerCase()}`).digest('base64url');
}
