import { randomBytes } from 'node:crypto';

import { describe, expect, it } from '@jest/globals';

import { deriveBridgePassword } from './bridge-password.js';

describe('deriveBridgePassword', () => {
  const key = randomBytes(32);

  it('should be stable for the same application and e-mail, whatever the case', () => {
    expect(deriveBridgePassword(key, 'client-1', 'Claire@Cabinet.fr')).toBe(
      deriveBridgePassword(key, 'client-1', 'claire@cabinet.fr'),
    );
  });

  it('should differ per application, e-mail and server key, within Bridge limits', () => {
    const password = deriveBridgePassword(key, 'client-1', 'claire@cabinet.fr');
    expect(password.length).toBeGreaterThanOrEqual(6);
    expect(password.length).toBeLessThanOrEqual(71);
    expect(deriveBridgePassword(key, 'client-2', 'claire@cabinet.fr')).not.toBe(password);
    expect(deriveBridgePassword(key, 'client-1', 'paul@cabinet.fr')).not.toBe(password);
    expect(deriveBridgePassword(randomBytes(32), 'client-1', 'claire@cabinet.fr')).not.toBe(password);
  });
});
