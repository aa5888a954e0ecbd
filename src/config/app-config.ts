import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateIf, validateSync } from 'class-validator';

export type NodeEnv = 'development' | 'production' | 'test';

export type DatabaseConfig =
  | { type: 'better-sqlite3'; path: string }
  | { type: 'mariadb'; url: string; databaseName: string };

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
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'must be an absolute http(s) URL, e.g. https://banque.example.fr' })
  PUBLIC_URL?: string;

  @IsOptional()
  @Matches(/^(mysql|mariadb):\/\/[^\s/]+\/[A-Za-z0-9_$-]+(\?.*)?$/, {
    message: 'must be a MySQL/MariaDB URL such as mysql://user:password@host:3306/database (leave it unset for the embedded SQLite)',
  })
  DATABASE_URL?: string;

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
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL?: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
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
  const parsed = plainToInstance(EnvironmentVariables, {
    ...raw,
    ...(raw.PORT !== undefined ? { PORT: /^\d+$/.test(raw.PORT) ? Number(raw.PORT) : raw.PORT } : {}),
  });
  const errors = validateSync(parsed, { forbidUnknownValues: false });
  if (errors.length > 0) {
    const lines = errors.map((error) => `${error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`);
    throw new ConfigValidationError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }

  const nodeEnv = parsed.NODE_ENV ?? 'development';
  const dataDir = resolve(parsed.DATA_DIR ?? './data');
  const database: DatabaseConfig = parsed.DATABASE_URL
    ? { type: 'mariadb', url: parsed.DATABASE_URL, databaseName: databaseNameOf(parsed.DATABASE_URL) }
    : { type: 'better-sqlite3', path: join(dataDir, 'telecollecte.sqlite') };

  const port = parsed.PORT ?? 3000;
  return new AppConfig({
    nodeEnv,
    port,
    host: parsed.HOST ?? '0.0.0.0',
    publicUrl: (parsed.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    dataDir,
    database,
    encryptionKey: parsed.ENCRYPTION_KEY ? decodeKey(parsed.ENCRYPTION_KEY) : loadOrCreateLocalKey(dataDir),
    apiBootstrapKey: parsed.API_BOOTSTRAP_KEY,
    logLevel: parsed.LOG_LEVEL ?? 'log',
  });
}

function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

function decodeKey(value: string): Buffer {
  return value.length === 64 ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
}

// Outside production a key is generated once and kept beside the embedded database, readable by its owner only,
// so that secrets stored at rest survive restarts without any configuration.
function loadOrCreateLocalKey(dataDir: string): Buffer {
  const file = join(dataDir, 'encryption.key');
  if (existsSync(file)) {
    const content = readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-fA-F]{64}$/.test(content)) {
      throw new ConfigValidationError(`Invalid configuration:\n  ENCRYPTION_KEY: the key file ${file} is corrupt (expected 64 hex characters)`);
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
