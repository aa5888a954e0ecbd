import { setTimeout as sleep } from 'node:timers/promises';

import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import type { DataSource } from 'typeorm';

import { ConflictError } from '../common/errors/domain-errors.js';

/** The lock stayed held longer than the caller waits: someone else is doing that work (409). */
export class DatabaseLockTimeoutError extends ConflictError {
  override name = 'DatabaseLockTimeoutError';
}

export interface LockOptions {
  /** How long to wait for the lock before giving up with a DatabaseLockTimeoutError. */
  waitMs: number;
  /** The message of that error, saying what is busy; a generic one otherwise. */
  busyMessage?: string;
  /** Its code: `database.lock_timeout` unless the caller names what is busy (e.g. `sync.busy`). */
  busyCode?: 'sync.busy' | 'database.lock_timeout';
}

// How often a waiter asks MariaDB again: GET_LOCK(name, 0) never blocks the shared lock connection.
const POLL_MS = 50;
// MySQL caps lock names at 64 characters.
const MAX_LOCK_NAME = 64;

/**
 * Named locks shared by every instance on one database. No lock ever holds a pooled connection, so that the work under
 * a lock (which needs the pool) can never be starved by lock holders, however many run at once:
 * - in-process, one queue per name (the same process never runs two holders of a name);
 * - on MariaDB/MySQL, `GET_LOCK` on one dedicated connection of this instance, outside the pool, polled with a zero
 *   timeout; the server releases the locks of a dead instance with its connection.
 * SQLite is the embedded, single-process default: the in-process queue is the lock there.
 */
export class DatabaseLocks implements OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseLocks.name);
  private session: Promise<LockSession> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  async run<T>(name: string, work: () => Promise<T>, options: LockOptions): Promise<T> {
    const deadline = performance.now() + options.waitMs;
    const busy = () =>
      new DatabaseLockTimeoutError(
        options.busyCode ?? 'database.lock_timeout',
        options.busyMessage ??
          `Could not take the database lock "${name}" within ${options.waitMs} ms: another task holds it; try again when it has finished`,
      );
    const releaseLocal = await takeLocal(`${databaseKey(this.dataSource)}:${name}`, options.waitMs, busy);
    try {
      if (!isMysql(this.dataSource)) {
        return await work();
      }
      const session = await this.connect();
      const lockName = `${session.database}:${name}`.slice(0, MAX_LOCK_NAME);
      while (!(await session.tryLock(lockName))) {
        if (performance.now() >= deadline) throw busy();
        await sleep(Math.min(POLL_MS, Math.max(1, deadline - performance.now())));
      }
      try {
        return await work();
      } finally {
        await session
          .unlock(lockName)
          .catch((error: Error) =>
            this.logger.error(`The database lock "${lockName}" could not be released: ${error.message}`),
          );
      }
    } finally {
      releaseLocal();
    }
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = null;
    if (session) {
      await (await session.catch(() => null))?.close();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  private async connect(): Promise<LockSession> {
    const current = this.session;
    if (current) {
      const session = await current.catch(() => null);
      if (session?.alive) return session;
      if (this.session === current) this.session = null;
    }
    this.session ??= LockSession.open(mysqlUrl(this.dataSource), this.logger);
    try {
      return await this.session;
    } catch (error) {
      this.session = null;
      throw error;
    }
  }
}

/**
 * Runs `work` under a named lock with a lock connection of its own, closed afterwards: for one-off work outside the
 * application's injector (migrations at start-up, tools, tests).
 */
export async function withDatabaseLock<T>(
  dataSource: DataSource,
  name: string,
  work: () => Promise<T>,
  options: { timeoutSeconds?: number } = {},
): Promise<T> {
  const locks = new DatabaseLocks(dataSource);
  try {
    return await locks.run(name, work, { waitMs: (options.timeoutSeconds ?? 60) * 1000 });
  } finally {
    await locks.close();
  }
}

/** The dedicated connection of an instance that takes its named locks. */
class LockSession {
  alive = true;

  private constructor(
    private readonly connection: Connection,
    readonly database: string,
    logger: Logger,
  ) {
    const lost = () => {
      // Every lock of this session is gone with it: say so (unique keys remain the last guard), and reconnect next time.
      if (this.alive) logger.warn('The database lock connection was lost; the server released its locks');
      this.alive = false;
    };
    connection.on('error', lost);
    connection.on('end', lost);
  }

  static async open(url: string, logger: Logger): Promise<LockSession> {
    const connection = await createConnection({ uri: url, connectTimeout: 10_000 });
    try {
      const [rows] = await connection.query<RowDataPacket[]>('SELECT DATABASE() AS `database`');
      return new LockSession(connection, String(rows[0]!.database), logger);
    } catch (error) {
      logger.error(`The database lock connection could not be opened: ${(error as Error).message}`);
      connection.destroy();
      throw error;
    }
  }

  async tryLock(name: string): Promise<boolean> {
    try {
      const [rows] = await this.connection.query<RowDataPacket[]>('SELECT GET_LOCK(?, 0) AS acquired', [name]);
      return Number(rows[0]!.acquired) === 1;
    } catch (error) {
      this.alive = false;
      throw error;
    }
  }

  async unlock(name: string): Promise<void> {
    if (this.alive) await this.connection.query('SELECT RELEASE_LOCK(?)', [name]);
  }

  async close(): Promise<void> {
    this.alive = false;
    await this.connection.end().catch(() => this.connection.destroy());
  }
}

// --- in-process queues ------------------------------------------------------------------------------------------

const localQueues = new Map<string, Promise<unknown>>();

/** Waits for the previous holders of `key` (at most `waitMs`); resolves with the function that lets the next one in. */
async function takeLocal(key: string, waitMs: number, busy: () => Error): Promise<() => void> {
  const previous = localQueues.get(key) ?? Promise.resolve();
  let release!: () => void;
  const current = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => current);
  localQueues.set(key, tail);

  let timer: NodeJS.Timeout | undefined;
  const waited = await Promise.race([
    previous.then(() => true),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), waitMs))),
  ]);
  clearTimeout(timer);
  if (!waited) {
    // Leave the queue intact: our slot is released as soon as the holder before us finishes.
    void previous.then(release);
    throw busy();
  }
  return () => {
    release();
    if (localQueues.get(key) === tail) localQueues.delete(key);
  };
}

/** MariaDB or MySQL (the engines with GET_LOCK and locking reads), as opposed to the embedded SQLite. */
export function isMysql(dataSource: Pick<DataSource, 'options'>): boolean {
  return dataSource.options.type === 'mariadb' || dataSource.options.type === 'mysql';
}

function mysqlUrl(dataSource: DataSource): string {
  const url = (dataSource.options as { url?: string }).url;
  if (!url) throw new Error('The MariaDB/MySQL data source has no URL: database locks need one');
  return url;
}

/** Which database a lock name belongs to, for the in-process queues. */
function databaseKey(dataSource: DataSource): string {
  return isMysql(dataSource) ? mysqlUrl(dataSource) : String(dataSource.options.database);
}
