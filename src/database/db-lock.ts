import type { DataSource } from 'typeorm';

export class DatabaseLockTimeoutError extends Error {
  override name = 'DatabaseLockTimeoutError';
}

// SQLite is the embedded, single-process default: an in-process queue per lock name is the equivalent of
// GET_LOCK there (the database file itself serialises writers across processes).
const localQueues = new Map<string, Promise<unknown>>();

/**
 * Runs `work` while holding a named lock shared by every instance on the same database: MariaDB/MySQL
 * `GET_LOCK` on a dedicated connection (released when that connection dies, so a crashed instance never
 * keeps it), an in-process queue on SQLite.
 */
export async function withDatabaseLock<T>(
  dataSource: DataSource,
  name: string,
  work: () => Promise<T>,
  options: { timeoutSeconds?: number } = {},
): Promise<T> {
  const timeoutSeconds = options.timeoutSeconds ?? 60;
  if (dataSource.options.type === 'mariadb' || dataSource.options.type === 'mysql') {
    return withMysqlLock(dataSource, name, work, timeoutSeconds);
  }
  return withLocalLock(`${String(dataSource.options.database)}:${name}`, work, timeoutSeconds);
}

async function withMysqlLock<T>(dataSource: DataSource, name: string, work: () => Promise<T>, timeoutSeconds: number): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    // Lock names are server-wide: scope them to this database. MySQL caps them at 64 characters.
    const [{ database }] = (await runner.query('SELECT DATABASE() AS `database`')) as { database: string }[];
    const lockName = `${database}:${name}`.slice(0, 64);
    const [{ acquired }] = (await runner.query('SELECT GET_LOCK(?, ?) AS acquired', [lockName, timeoutSeconds])) as {
      acquired: number | string | null;
    }[];
    if (Number(acquired) !== 1) {
      throw new DatabaseLockTimeoutError(`Could not take the database lock "${name}" within ${timeoutSeconds} s: another instance holds it`);
    }
    try {
      return await work();
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [lockName]);
    }
  } finally {
    await runner.release();
  }
}

async function withLocalLock<T>(key: string, work: () => Promise<T>, timeoutSeconds: number): Promise<T> {
  const previous = localQueues.get(key) ?? Promise.resolve();
  let release!: () => void;
  const current = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => current);
  localQueues.set(key, tail);

  let timer: NodeJS.Timeout | undefined;
  const waited = await Promise.race([
    previous.then(() => true),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutSeconds * 1000))),
  ]);
  clearTimeout(timer);
  if (!waited) {
    // Leave the queue intact: our slot is released as soon as the holder finishes.
    void previous.then(release);
    throw new DatabaseLockTimeoutError(`Could not take the database lock "${key}" within ${timeoutSeconds} s: it is held by a running task`);
  }
  try {
    return await work();
  } finally {
    release();
    if (localQueues.get(key) === tail) {
      localQueues.delete(key);
    }
  }
}
