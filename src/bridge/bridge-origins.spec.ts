import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from '@jest/globals';

import { ConfigValidationError, loadAppConfig } from '../config/app-config.js';
import { isAllowedBridgeUrl } from './bridge-origins.js';

const config = (env: Record<string, string>) =>
  loadAppConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'tcb-origins-')), BRIDGE_SANDBOX: 'off', ...env });

describe(isAllowedBridgeUrl.name, () => {
  it('should allow only https://api.bridgeapi.io by default', () => {
    const rules = config({}).bridgeAllowedOrigins;
    expect(isAllowedBridgeUrl('https://api.bridgeapi.io', rules)).toBe(true);
    expect(isAllowedBridgeUrl('https://API.bridgeapi.io:443/', rules)).toBe(true);
    for (const url of [
      'http://api.bridgeapi.io',
      'https://api.bridgeapi.io:8443',
      'https://api.bridgeapi.io.evil.example',
      'https://user:pw@api.bridgeapi.io',
      'http://127.0.0.1:4010',
      'http://169.254.169.254',
      'not a url',
    ]) {
      expect([url, isAllowedBridgeUrl(url, rules)]).toEqual([url, false]);
    }
  });

  it('should allow an http or local host only when named, with any port only when asked', () => {
    const rules = config({
      BRIDGE_ALLOWED_ORIGINS: 'https://api.bridgeapi.io, http://127.0.0.1:*, http://sandbox.test:4010',
    }).bridgeAllowedOrigins;
    expect(isAllowedBridgeUrl('http://127.0.0.1:4010/prefix', rules)).toBe(true);
    expect(isAllowedBridgeUrl('http://sandbox.test:4010', rules)).toBe(true);
    expect(isAllowedBridgeUrl('http://sandbox.test:4011', rules)).toBe(false);
    expect(isAllowedBridgeUrl('http://localhost:4010', rules)).toBe(false);
  });

  it('should allow the mounted sandbox under its path only', () => {
    const rules = config({
      BRIDGE_SANDBOX: 'on',
      PORT: '3100',
      BRIDGE_ALLOWED_ORIGINS: 'https://api.bridgeapi.io',
    }).bridgeAllowedOrigins;
    expect(isAllowedBridgeUrl('http://localhost:3100/bridge-sandbox', rules)).toBe(true);
    expect(isAllowedBridgeUrl('http://127.0.0.1:3100/bridge-sandbox/v3/aggregation/items', rules)).toBe(true);
    expect(isAllowedBridgeUrl('http://localhost:3100/api/v1/companies', rules)).toBe(false);
    expect(isAllowedBridgeUrl('http://localhost:3100/bridge-sandboxes', rules)).toBe(false);
  });

  it('should refuse a setting that is not a list of origins, naming it', () => {
    for (const value of [
      'https://api.bridgeapi.io/v3',
      'api.bridgeapi.io',
      'ftp://x',
      'https://x:99999',
      'https://a,,https://b',
    ]) {
      expect(() => config({ BRIDGE_ALLOWED_ORIGINS: value })).toThrow(ConfigValidationError);
      expect(() => config({ BRIDGE_ALLOWED_ORIGINS: value })).toThrow(/BRIDGE_ALLOWED_ORIGINS/);
    }
  });
});
