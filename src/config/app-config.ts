import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';

import { plainToInstance } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';
import { DateTime } from 'luxon';

import { toMoney } from '../common/money/money.js';

export type NodeEnv = 'development' | 'production' | 'test';

/** How the Bridge client waits and retries (docs/rules.md#bridge-calls-timeouts-and-retries). */
export interface BridgeHttpSettings {
  timeoutMs: number;
  maxRetries: number;
  retryBaseMs: number;
  /** Cap of one backoff wait. */
  retryMaxMs: number;
  /** Total time spent waiting on 429 answers before giving up. */
  rateLimitMaxWaitMs: number;
}

/** MariaDB/MySQL connection pool: its size, and how long a query waits for a free connection before failing (503). */
export interface DatabasePoolSettings {
  size: number;
  acquireTimeoutMs: number;
}

/**
 * An origin the product may call as Bridge (scheme, host, port or any port), optionally under a path prefix (the
 * sandbox mounted in the product itself).
 */
export interface BridgeOriginRule {
  protocol: 'http:' | 'https:';
  hostname: string;
  /** '' for the scheme's default port, '*' for any port. */
  port: string;
  pathPrefix: string;
}

/** Where the product mounts its Bridge sandbox (BRIDGE_SANDBOX=on). */
export const SANDBOX_MOUNT_PATH = '/bridge-sandbox';
export const DEFAULT_BRIDGE_ORIGINS = 'https://api.bridgeapi.io';
const ORIGIN_ENTRY =
  /^(https?):\/\/([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)(?::(\d{1,5}|\*))?$/;

export type DatabaseConfig =
  | { type: 'better-sqlite3'; path: string }
  | { type: 'mariadb'; url: string; databaseName: string; pool: DatabasePoolSettings };

const TRUST_PROXY_MESSAGE =
  'must be off, a number of proxy hops (1-10), or a comma-separated list of proxy addresses (IP, CIDR, loopback, linklocal, uniquelocal)';

/** The environment as the process receives it. Only this file reads it. */
class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: NodeEnv;

  @IsOptional()
  @IsInt({ message: 'must be an integer between 1 and 65535' })
  @Min(1, { message: 'must be an integer between 1 and 65535' })
  @Max(65535, { message: 'must be an integer between 1 and 65535' })
  PORT?: number;

  @IsOptional()
  @IsString()
  HOST?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, {
    message: 'must be an absolute http(s) URL, e.g. https://banque.example.fr',
  })
  PUBLIC_URL?: string;

  @IsOptional()
  @Matches(/^(mysql|mariadb):\/\/[^\s/]+\/[A-Za-z0-9_$-]+(\?.*)?$/, {
    message:
      'must be a MySQL/MariaDB URL such as mysql://user:password@host:3306/database (leave it unset for the embedded SQLite)',
  })
  DATABASE_URL?: string;

  @IsOptional()
  @IsInt({ message: 'must be an integer between 1 and 500' })
  @Min(1, { message: 'must be an integer between 1 and 500' })
  @Max(500, { message: 'must be an integer between 1 and 500' })
  DATABASE_POOL_SIZE?: number;

  @IsOptional()
  @IsInt({ message: 'must be a number of milliseconds between 100 and 600000' })
  @Min(100, { message: 'must be a number of milliseconds between 100 and 600000' })
  @Max(600_000, { message: 'must be a number of milliseconds between 100 and 600000' })
  DATABASE_ACQUIRE_TIMEOUT_MS?: number;

  @IsOptional()
  @IsInt({ message: 'must be a number of milliseconds between 0 and 600000' })
  @Min(0, { message: 'must be a number of milliseconds between 0 and 600000' })
  @Max(600_000, { message: 'must be a number of milliseconds between 0 and 600000' })
  SYNC_LOCK_WAIT_MS?: number;

  @IsOptional()
  @IsString()
  DATA_DIR?: string;

  @ValidateIf((env: EnvironmentVariables) => env.NODE_ENV === 'production' || env.ENCRYPTION_KEY !== undefined)
  @Matches(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, {
    message: 'must be 32 random bytes as 64 hex characters or 44 base64 characters (required when NODE_ENV=production)',
  })
  ENCRYPTION_KEY?: string;

  @IsOptional()
  @MinLength(24, { message: 'must be at least 24 characters long' })
  API_BOOTSTRAP_KEY?: string;

  @IsOptional()
  @IsInt({ message: 'must be a number of milliseconds between 100 and 300000' })
  @Min(100, { message: 'must be a number of milliseconds between 100 and 300000' })
  @Max(300_000, { message: 'must be a number of milliseconds between 100 and 300000' })
  BRIDGE_TIMEOUT_MS?: number;

  @IsOptional()
  @IsInt({ message: 'must be an integer between 0 and 10' })
  @Min(0, { message: 'must be an integer between 0 and 10' })
  @Max(10, { message: 'must be an integer between 0 and 10' })
  BRIDGE_MAX_RETRIES?: number;

  @IsOptional()
  @IsInt({ message: 'must be a number of milliseconds between 1 and 60000' })
  @Min(1, { message: 'must be a number of milliseconds between 1 and 60000' })
  @Max(60_000, { message: 'must be a number of milliseconds between 1 and 60000' })
  BRIDGE_RETRY_BASE_MS?: number;

  @IsOptional()
  @IsInt({ message: 'must be a number of milliseconds between 0 and 600000' })
  @Min(0, { message: 'must be a number of milliseconds between 0 and 600000' })
  @Max(600_000, { message: 'must be a number of milliseconds between 0 and 600000' })
  BRIDGE_RATE_LIMIT_MAX_WAIT_MS?: number;

  @IsOptional()
  @Matches(/^\s*[^\s,]+(\s*,\s*[^\s,]+)*\s*$/, {
    message: 'must be a comma-separated list of origins such as https://api.bridgeapi.io',
  })
  BRIDGE_ALLOWED_ORIGINS?: string;

  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, {
    message: 'must be an absolute http(s) URL; {statementId} is replaced by the statement id',
  })
  STATEMENT_RETURN_URL?: string;

  @IsOptional()
  @IsIn(['on', 'off'], { message: 'must be on or off' })
  BRIDGE_SANDBOX?: 'on' | 'off';

  @IsOptional()
  @MinLength(16, { message: 'must be at least 16 characters long' })
  SANDBOX_CONTROL_TOKEN?: string;

  @IsOptional()
  @IsIn(['on', 'off'], { message: 'must be on or off' })
  DEMO_SEED?: 'on' | 'off';

  @IsOptional()
  @IsIn(['on', 'off'], { message: 'must be on or off' })
  ADMIN?: 'on' | 'off';

  @IsOptional()
  @IsIn(['on', 'off'], { message: 'must be on or off' })
  BILLING_SCHEDULER?: 'on' | 'off';

  @IsOptional()
  @Matches(/^\d{1,7}(\.\d{1,2})?$/, { message: 'must be a price in euros excluding tax, e.g. 600 or 600.00' })
  BILLING_ANNUAL_PRICE?: string;

  @IsOptional()
  @Matches(/^\d{1,7}(\.\d{1,2})?$/, { message: 'must be a price in euros excluding tax, e.g. 50 or 50.00' })
  BILLING_MONTHLY_PRICE?: string;

  @IsOptional()
  @Matches(/^[A-Za-z_]+\/[A-Za-z_/+-]+$|^UTC$/, { message: 'must be an IANA time zone such as Europe/Paris' })
  BILLING_TIME_ZONE?: string;

  @IsOptional()
  @Matches(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, { message: 'must be an e-mail address' })
  ADMIN_EMAIL?: string;

  @ValidateIf(
    (env: EnvironmentVariables) =>
      env.ADMIN_PASSWORD !== undefined || (env.NODE_ENV === 'production' && env.ADMIN_EMAIL !== undefined),
  )
  @MinLength(12, { message: 'must be at least 12 characters long (required with ADMIN_EMAIL in production)' })
  ADMIN_PASSWORD?: string;

  @ValidateIf((env: EnvironmentVariables) => env.NODE_ENV === 'production' || env.SESSION_SECRET !== undefined)
  @MinLength(32, { message: 'must be at least 32 random characters (required when NODE_ENV=production)' })
  SESSION_SECRET?: string;

  @IsOptional()
  @IsInt({ message: 'must be a number of days between 1 and 3650' })
  @Min(1, { message: 'must be a number of days between 1 and 3650' })
  @Max(3650, { message: 'must be a number of days between 1 and 3650' })
  API_LOG_RETENTION_DAYS?: number;

  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  @IsOptional()
  @IsIn(['on', 'off'], { message: 'must be on or off' })
  API_DOCS?: 'on' | 'off';

  @IsOptional()
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL?: 'error' | 'warn' | 'log' | 'debug' | 'verbose';

  @ValidateIf((env: EnvironmentVariables) => env.CLOCK_START !== undefined)
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: 'must be an ISO 8601 instant with its time zone, e.g. 2026-11-26T09:00:00Z',
  })
  CLOCK_START?: string;
}

export class ConfigValidationError extends Error {
  override name = 'ConfigValidationError';
}

/** The validated, typed configuration of the service. Built once at boot. */
export class AppConfig {
  readonly nodeEnv: NodeEnv;
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string;
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  readonly encryptionKey: Buffer;
  readonly apiBootstrapKey: string | undefined;
  readonly logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  /** Where the service's clock starts (then it runs on), for tests and demos replaying a date; null: the system clock. */
  readonly clockStart: Date | null;
  readonly bridgeHttp: BridgeHttpSettings;
  /** The hosts the product may call as Bridge (BRIDGE_ALLOWED_ORIGINS, plus the mounted sandbox). */
  readonly bridgeAllowedOrigins: BridgeOriginRule[];
  readonly apiLogRetentionDays: number;
  /** How long a Synchro or a statement change waits for its bank account's lock before answering 409. */
  readonly syncLockWaitMs: number;
  /**
   * Mount the Bridge sandbox at /bridge-sandbox (zero-configuration demo); never in production unless asked. The
   * sandbox is the development dependency @telecollecte/bridge-sandbox, loaded only then (demo/bridge-sandbox.loader.ts).
   */
  readonly mountBridgeSandbox: boolean;
  /** Bearer token of the mounted sandbox's control API (null when the sandbox is not mounted). */
  readonly sandboxControlToken: string | null;
  /** Serve the AdminJS back-office at /admin. */
  readonly adminEnabled: boolean;
  readonly adminEmail: string | undefined;
  readonly adminPassword: string | undefined;
  /** Signs back-office session cookies. */
  readonly sessionSecret: string;
  readonly billing: { schedulerEnabled: boolean; annualPrice: string; monthlyPrice: string; timeZone: string };
  /** Seed the demo company once, when the sandbox is mounted (never in tests unless asked). */
  readonly seedDemo: boolean;
  /** Target of the "Retour au relevé" button after the Bridge funnel; {statementId} is replaced. */
  readonly statementReturnUrl: string;
  /** Express's `trust proxy`: which reverse proxies may tell the client's address and protocol (X-Forwarded-*). */
  readonly trustProxy: false | number | string[];
  /** Serve the OpenAPI document and its viewer at /api/docs. */
  readonly apiDocs: boolean;

  constructor(values: Omit<AppConfig, 'isProduction' | 'isEmbeddedDatabase'>) {
    Object.assign(this, values);
  }

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }

  get isEmbeddedDatabase(): boolean {
    return this.database.type === 'better-sqlite3';
  }
}

/**
 * Validates the environment and builds the configuration. A wrong value throws a ConfigValidationError
 * naming every offending variable; `main.ts` prints it and stops the process.
 */
export function loadAppConfig(env: NodeJS.ProcessEnv): AppConfig {
  const raw = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  ) as Record<string, string>;
  const numeric = [
    'PORT',
    'API_LOG_RETENTION_DAYS',
    'BRIDGE_TIMEOUT_MS',
    'BRIDGE_MAX_RETRIES',
    'BRIDGE_RETRY_BASE_MS',
    'BRIDGE_RATE_LIMIT_MAX_WAIT_MS',
    'DATABASE_POOL_SIZE',
    'DATABASE_ACQUIRE_TIMEOUT_MS',
    'SYNC_LOCK_WAIT_MS',
  ];
  const parsed = plainToInstance(EnvironmentVariables, {
    ...raw,
    ...Object.fromEntries(
      numeric
        .filter((name) => raw[name] !== undefined)
        .map((name) => [name, /^\d+$/.test(raw[name]!) ? Number(raw[name]) : raw[name]]),
    ),
  });
  const errors = validateSync(parsed, { forbidUnknownValues: false });
  if (errors.length > 0) {
    const lines = errors.map((error) => `${error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`);
    throw new ConfigValidationError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }

  if (parsed.BILLING_TIME_ZONE && !DateTime.local().setZone(parsed.BILLING_TIME_ZONE).isValid) {
    throw new ConfigValidationError(
      `Invalid configuration:\n  BILLING_TIME_ZONE: unknown time zone ${parsed.BILLING_TIME_ZONE}`,
    );
  }
  const allowedOrigins = parseOriginRules(parsed.BRIDGE_ALLOWED_ORIGINS ?? DEFAULT_BRIDGE_ORIGINS);
  if (typeof allowedOrigins === 'string') {
    throw new ConfigValidationError(`Invalid configuration:\n  BRIDGE_ALLOWED_ORIGINS: ${allowedOrigins}`);
  }
  const nodeEnv = parsed.NODE_ENV ?? 'development';
  if (parsed.CLOCK_START && (nodeEnv === 'production' || !isCalendarInstant(parsed.CLOCK_START))) {
    throw new ConfigValidationError(
      `Invalid configuration:\n  CLOCK_START: ${nodeEnv === 'production' ? 'is for tests and demos only, never with NODE_ENV=production' : 'is not a real instant'}`,
    );
  }
  const dataDir = resolve(parsed.DATA_DIR ?? './data');
  const database: DatabaseConfig = parsed.DATABASE_URL
    ? {
        type: 'mariadb',
        url: parsed.DATABASE_URL,
        databaseName: databaseNameOf(parsed.DATABASE_URL),
        pool: { size: parsed.DATABASE_POOL_SIZE ?? 10, acquireTimeoutMs: parsed.DATABASE_ACQUIRE_TIMEOUT_MS ?? 15_000 },
      }
    : { type: 'better-sqlite3', path: join(dataDir, 'telecollecte.sqlite') };

  const port = parsed.PORT ?? 3000;
  const mountBridgeSandbox = parsed.BRIDGE_SANDBOX
    ? parsed.BRIDGE_SANDBOX === 'on'
    : database.type === 'better-sqlite3' && nodeEnv !== 'production';
  const publicUrl = (parsed.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  return new AppConfig({
    nodeEnv,
    port,
    // The embedded default is a workstation demo (with the sandbox mounted): reachable from this machine only.
    host: parsed.HOST ?? (database.type === 'better-sqlite3' ? '127.0.0.1' : '0.0.0.0'),
    publicUrl,
    statementReturnUrl:
      parsed.STATEMENT_RETURN_URL ?? `${publicUrl}/admin/resources/BankStatement/records/{statementId}/show`,
    dataDir,
    database,
    encryptionKey: parsed.ENCRYPTION_KEY ? decodeKey(parsed.ENCRYPTION_KEY) : loadOrCreateLocalKey(dataDir),
    apiBootstrapKey: parsed.API_BOOTSTRAP_KEY,
    logLevel: parsed.LOG_LEVEL ?? 'log',
    clockStart: parsed.CLOCK_START ? new Date(parsed.CLOCK_START) : null,
    apiLogRetentionDays: parsed.API_LOG_RETENTION_DAYS ?? 30,
    syncLockWaitMs: parsed.SYNC_LOCK_WAIT_MS ?? 5_000,
    mountBridgeSandbox,
    sandboxControlToken: mountBridgeSandbox
      ? (parsed.SANDBOX_CONTROL_TOKEN ?? loadOrCreateLocalSecret(dataDir, 'sandbox-control.token'))
      : null,
    adminEnabled: parsed.ADMIN !== 'off',
    billing: {
      schedulerEnabled: parsed.BILLING_SCHEDULER !== 'off',
      annualPrice: toMoney(parsed.BILLING_ANNUAL_PRICE ?? '600'),
      monthlyPrice: toMoney(parsed.BILLING_MONTHLY_PRICE ?? '50'),
      timeZone: parsed.BILLING_TIME_ZONE ?? 'Europe/Paris',
    },
    adminEmail: parsed.ADMIN_EMAIL?.toLowerCase(),
    adminPassword: parsed.ADMIN_PASSWORD,
    trustProxy: parseTrustProxy(parsed.TRUST_PROXY),
    apiDocs: parsed.API_DOCS ? parsed.API_DOCS === 'on' : nodeEnv !== 'production',
    sessionSecret: parsed.SESSION_SECRET ?? loadOrCreateLocalSecret(dataDir, 'session.secret'),
    seedDemo: parsed.DEMO_SEED
      ? parsed.DEMO_SEED === 'on'
      : database.type === 'better-sqlite3' && nodeEnv === 'development',
    bridgeAllowedOrigins: mountBridgeSandbox
      ? [...allowedOrigins, ...mountedSandboxOrigins(publicUrl, port)]
      : allowedOrigins,
    bridgeHttp: {
      timeoutMs: parsed.BRIDGE_TIMEOUT_MS ?? 20_000,
      maxRetries: parsed.BRIDGE_MAX_RETRIES ?? 4,
      retryBaseMs: parsed.BRIDGE_RETRY_BASE_MS ?? 500,
      retryMaxMs: 10_000,
      rateLimitMaxWaitMs: parsed.BRIDGE_RATE_LIMIT_MAX_WAIT_MS ?? 60_000,
    },
  });
}

/**
 * The configuration of a command-line tool: the service's database and Bridge settings without its HTTP-only parts
 * (back-office, mounted sandbox, demo seed) nor its schedulers, since a tool boots an application context, not a server.
 */
export function loadCliConfig(env: NodeJS.ProcessEnv): AppConfig {
  return loadAppConfig({ ...env, ADMIN: 'off', BRIDGE_SANDBOX: 'off', DEMO_SEED: 'off', BILLING_SCHEDULER: 'off' });
}

/**
 * "https://api.bridgeapi.io, http://127.0.0.1:*": https origins, and http ones only when named (a test sandbox).
 * Returns what is wrong as text when an entry is not an origin.
 */
function parseOriginRules(text: string): BridgeOriginRule[] | string {
  const rules: BridgeOriginRule[] = [];
  for (const entry of text.split(',').map((item) => item.trim())) {
    const match = ORIGIN_ENTRY.exec(entry);
    if (!match || (match[3] !== undefined && match[3] !== '*' && (Number(match[3]) < 1 || Number(match[3]) > 65535))) {
      return `"${entry}" is not an origin: write scheme://host[:port], e.g. https://api.bridgeapi.io or http://127.0.0.1:* for local test sandboxes (no path, no trailing slash)`;
    }
    const protocol = `${match[1]}:` as 'http:' | 'https:';
    const defaultPort = protocol === 'https:' ? '443' : '80';
    rules.push({
      protocol,
      hostname: match[2]!.toLowerCase(),
      port: match[3] === undefined || match[3] === defaultPort ? '' : match[3],
      pathPrefix: '',
    });
  }
  return rules;
}

/** The sandbox mounted in this process, under its path only, as reached through PUBLIC_URL or the loopback. */
function mountedSandboxOrigins(publicUrl: string, port: number): BridgeOriginRule[] {
  const origins = [new URL(publicUrl), new URL(`http://127.0.0.1:${port}`), new URL(`http://localhost:${port}`)];
  return origins.map((url) => ({
    protocol: url.protocol as 'http:' | 'https:',
    hostname: url.hostname,
    port: url.port,
    pathPrefix: `${url.pathname.replace(/\/+$/, '')}${SANDBOX_MOUNT_PATH}`,
  }));
}

/** off; a number of hops; or the addresses (IP, CIDR, or Express's names of the private ranges) of the proxies. */
function parseTrustProxy(value: string | undefined): false | number | string[] {
  if (value === undefined || value === 'off') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops >= 1 && hops <= 10) return hops;
    throw new ConfigValidationError(`Invalid configuration:\n  TRUST_PROXY: ${TRUST_PROXY_MESSAGE}`);
  }
  const items = value.split(',').map((item) => item.trim());
  const valid = (item: string) => {
    if (['loopback', 'linklocal', 'uniquelocal'].includes(item)) return true;
    const [address, prefix, ...rest] = item.split('/');
    const family = isIP(address ?? '');
    return (
      family !== 0 &&
      rest.length === 0 &&
      (prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128)))
    );
  };
  if (!items.every(valid))
    throw new ConfigValidationError(`Invalid configuration:\n  TRUST_PROXY: ${TRUST_PROXY_MESSAGE}`);
  return items;
}

/** Date.parse rolls 2026-02-30 over to March: check the day exists in its month. */
function isCalendarInstant(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  return (
    !Number.isNaN(Date.parse(value)) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
  );
}

function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

function decodeKey(value: string): Buffer {
  return value.length === 64 ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
}

// Outside production a key is generated once and kept beside the embedded database, readable by its owner only,
// so that secrets stored at rest survive restarts without any configuration.
/** Outside production, the session secret is generated once beside the database, like the encryption key. */
function loadOrCreateLocalSecret(dataDir: string, name: string): string {
  const file = join(dataDir, name);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(48).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return readFileSync(file, 'utf8').trim();
}

function loadOrCreateLocalKey(dataDir: string): Buffer {
  const file = join(dataDir, 'encryption.key');
  if (existsSync(file)) {
    const content = readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-fA-F]{64}$/.test(content)) {
      throw new ConfigValidationError(
        `Invalid configuration:\n  ENCRYPTION_KEY: the key file ${file} is corrupt (expected 64 hex characters)`,
      );
    }
    return Buffer.from(content, 'hex');
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  try {
    writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return loadOrCreateLocalKey(dataDir);
    }
    throw error;
  }
  chmodSync(file, 0o600);
  return key;
}
