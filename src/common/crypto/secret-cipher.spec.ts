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

  // Flip one bit of the decoded bytes: editing the base64 text could change only its padding bits (and nothing at all).
  const flipBit = (base64: string, byteIndex: number) => {
    const bytes = Buffer.from(base64, 'base64');
    bytes[byteIndex]! ^= 0x01;
    return bytes.toString('base64');
  };

  it.each([
    ['ciphertext', 3],
    ['authentication tag', 2],
    ['iv', 1],
  ] as const)('should refuse a value whose %s was tampered with', (_part, index) => {
    const stored = sut.encrypt('value');
    const parts = stored.split(':');
    parts[index] = flipBit(parts[index]!, 0);
    expect(() => sut.decrypt(parts.join(':'))).toThrow(/cannot be decrypted/);
  });

  it('should refuse a value encrypted with another key', () => {
    const stored = sut.encrypt('value');
    expect(() => cipherWith(randomBytes(32)).decrypt(stored)).toThrow(/ENCRYPTION_KEY/);
  });
});
