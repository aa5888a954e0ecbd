import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from '@jest/globals';

import { ConfigValidationError, loadAppConfig } from './app-config.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'tcb-config-'));

describe('loadAppConfig', () => {
  it('should default to the embedded SQLite and generate a private encryption key once', () => {
    const dataDir = tempDir();
    const config = loadAppConfig({ DATA_DIR: dataDir });
    expect(config.database).toEqual({ type: 'better-sqlite3', path: join(dataDir, 'telecollecte.sqlite') });
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.encryptionKey).toHaveLength(32);
    const keyFile = join(dataDir, 'encryption.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(config.encryptionKey.toString('hex'));
    expect(loadAppConfig({ DATA_DIR: dataDir }).encryptionKey.equals(config.encryptionKey)).toBe(true);
  });

  it('should read a MariaDB URL and an explicit key', () => {
    const key = 'ab'.repeat(32);
    const config = loadAppConfig({
      DATABASE_URL: 'mysql://app:pw@db.internal:3306/telecollecte',
      ENCRYPTION_KEY: key,
      PORT: '8080',
      PUBLIC_URL: 'https://banque.example.fr/',
    });
    expect(config.database).toEqual({
      type: 'mariadb',
      url: 'mysql://app:pw@db.internal:3306/telecollecte',
      databaseName: 'telecollecte',
      pool: { size: 10, acquireTimeoutMs: 15_000 },
    });
    expect(config.syncLockWaitMs).toBe(5_000);
    expect(config.encryptionKey.toString('hex')).toBe(key);
    expect(config.port).toBe(8080);
    expect(config.publicUrl).toBe('https://banque.example.fr');
  });

  it('should read the pool size, its acquire timeout and the Synchro lock wait, within their bounds', () => {
    const config = loadAppConfig({
      DATABASE_URL: 'mysql://app@db/telecollecte',
      DATABASE_POOL_SIZE: '25',
      DATABASE_ACQUIRE_TIMEOUT_MS: '2000',
      SYNC_LOCK_WAIT_MS: '0',
      DATA_DIR: tempDir(),
    });
    expect(config.database).toMatchObject({ pool: { size: 25, acquireTimeoutMs: 2000 } });
    expect(config.syncLockWaitMs).toBe(0);
    const attempt = () =>
      loadAppConfig({
        DATA_DIR: tempDir(),
        DATABASE_POOL_SIZE: '0',
        DATABASE_ACQUIRE_TIMEOUT_MS: 'soon',
        SYNC_LOCK_WAIT_MS: '-5',
      });
    expect(attempt).toThrow(/DATABASE_POOL_SIZE: must be an integer between 1 and 500/);
    expect(attempt).toThrow(/DATABASE_ACQUIRE_TIMEOUT_MS: must be a number of milliseconds between 100 and 600000/);
    expect(attempt).toThrow(/SYNC_LOCK_WAIT_MS: must be a number of milliseconds between 0 and 600000/);
  });

  it('should name every wrong variable', () => {
    const attempt = () =>
      loadAppConfig({ DATA_DIR: tempDir(), PORT: 'eighty', DATABASE_URL: 'postgres://x/y', PUBLIC_URL: 'not a url' });
    expect(attempt).toThrow(ConfigValidationError);
    expect(attempt).toThrow(/PORT: must be an integer between 1 and 65535/);
    expect(attempt).toThrow(/DATABASE_URL: must be a MySQL\/MariaDB URL/);
    expect(attempt).toThrow(/PUBLIC_URL: must be an absolute http\(s\) URL/);
  });

  it('should require ENCRYPTION_KEY in production and check its form', () => {
    expect(() => loadAppConfig({ NODE_ENV: 'production', DATA_DIR: tempDir() })).toThrow(
      /ENCRYPTION_KEY: must be 32 random bytes/,
    );
    expect(() => loadAppConfig({ DATA_DIR: tempDir(), ENCRYPTION_KEY: 'short' })).toThrow(/ENCRYPTION_KEY/);
    expect(() => loadAppConfig({ DATA_DIR: tempDir(), API_BOOTSTRAP_KEY: 'tiny' })).toThrow(
      /API_BOOTSTRAP_KEY: must be at least 24 characters/,
    );
  });

  it('should trust no proxy unless told which, and refuse a vague answer', () => {
    expect(loadAppConfig({ DATA_DIR: tempDir() }).trustProxy).toBe(false);
    expect(loadAppConfig({ DATA_DIR: tempDir(), TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadAppConfig({ DATA_DIR: tempDir(), TRUST_PROXY: 'loopback, 10.0.0.0/8,::1' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      '::1',
    ]);
    for (const value of ['true', 'on', '0', '11', 'abc', '10.0.0.0/33', 'proxy.internal']) {
      expect(() => loadAppConfig({ DATA_DIR: tempDir(), TRUST_PROXY: value })).toThrow(
        /TRUST_PROXY: must be off, a number of proxy hops/,
      );
    }
  });

  it('should serve the API documentation outside production only, unless told', () => {
    const production = {
      NODE_ENV: 'production',
      DATA_DIR: tempDir(),
      ENCRYPTION_KEY: 'ab'.repeat(32),
      SESSION_SECRET: 's'.repeat(32),
    };
    expect(loadAppConfig({ DATA_DIR: tempDir() }).apiDocs).toBe(true);
    expect(loadAppConfig(production).apiDocs).toBe(false);
    expect(loadAppConfig({ ...production, API_DOCS: 'on' }).apiDocs).toBe(true);
    expect(() => loadAppConfig({ DATA_DIR: tempDir(), API_DOCS: 'yes' })).toThrow(/API_DOCS: must be on or off/);
  });

  it('should start the clock at CLOCK_START outside production only', () => {
    expect(loadAppConfig({ DATA_DIR: tempDir() }).clockStart).toBeNull();
    expect(loadAppConfig({ DATA_DIR: tempDir(), CLOCK_START: '2026-11-26T09:00:00Z' }).clockStart).toEqual(
      new Date('2026-11-26T09:00:00Z'),
    );
    expect(() => loadAppConfig({ DATA_DIR: tempDir(), CLOCK_START: 'yesterday' })).toThrow(
      /CLOCK_START: must be an ISO 8601 instant/,
    );
    expect(() => loadAppConfig({ DATA_DIR: tempDir(), CLOCK_START: '2026-02-30T09:00:00Z' })).toThrow(
      /CLOCK_START: is not a real instant/,
    );
    const production = {
      NODE_ENV: 'production',
      DATA_DIR: tempDir(),
      ENCRYPTION_KEY: 'ab'.repeat(32),
      SESSION_SECRET: 's'.repeat(32),
    };
    expect(() => loadAppConfig({ ...production, CLOCK_START: '2026-11-26T09:00:00Z' })).toThrow(
      /CLOCK_START: is for tests and demos only/,
    );
  });
});
