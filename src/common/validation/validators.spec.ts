import { describe, expect, it } from '@jest/globals';

import { isBic, isIban, isSiren, normalizeIban } from './validators.js';

describe('validators', () => {
  it('should normalise an IBAN to its electronic format', () => {
    expect(normalizeIban('FR76 3000 6000 0112 3456 7890 189')).toBe('FR7630006000011234567890189');
    expect(normalizeIban(' fr76 3000 6000 0112 3456 7890 189 ')).toBe('FR7630006000011234567890189');
  });

  it('should check the ISO 13616 checksum', () => {
    expect(isIban('FR76 3000 6000 0112 3456 7890 189')).toBe(true);
    expect(isIban('FR7630006000011234567890188')).toBe(false);
    expect(isIban('DE89370400440532013000')).toBe(true);
    expect(isIban('not an iban')).toBe(false);
    expect(isIban(42)).toBe(false);
  });

  it('should check BICs', () => {
    expect(isBic('AGRIFRPP')).toBe(true);
    expect(isBic('BNPAFRPPXXX')).toBe(true);
    expect(isBic('BNPA')).toBe(false);
  });

  it('should check SIREN checksums', () => {
    expect(isSiren('732829320')).toBe(true);
    expect(isSiren('552081317')).toBe(true);
    expect(isSiren('356000000')).toBe(true);
    expect(isSiren('732829321')).toBe(false);
    expect(isSiren('73282932')).toBe(false);
  });
});
