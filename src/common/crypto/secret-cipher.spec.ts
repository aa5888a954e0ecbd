import { randomBytes } from 'node:crypto';

import { describe, expect, it } from '@jest/globals';

import type { AppConfig } from '../../config/app-config.js';
import { SecretCipher } from './secret-cipher.js';

const cipherWith = (key: Buffer) => new SecretCipher({ encryptionKey: key } as AppConfig);

describe(SecretCipher.name, () => {
  const sut = cipherWith(randomBytes(32));

  it('should round-trip a secret without keeping it in clear', () => {
    const stored = sut.encrypt('s3cr3t-client-value');
    expect(stored).not.toContain('s3cr3t');
    expect(stored.startsWith('v1:')).toBe(true);
    expect(sut.decrypt(stored)).toBe('s3cr3t-client-value');
  });

  it('should produce a different ciphertext each time', () => {
    expect(sut.encrypt('same')).not.toBe(sut.encrypt('same'));
  });

  it('should refuse a tampered value or another key', () => {
    const stored = sut.encrypt('value');
    const tampered = stored.slice(0, -2) + (stored.endsWith('A') ? 'B' : 'A') + '=';
    expect(() => sut.decrypt(tampered)).toThrow(/cannot be decrypted/);
    expect(() => cipherWith(randomBytes(32)).decrypt(stored)).toThrow(/ENCRYPTION_KEY/);
  });
});
