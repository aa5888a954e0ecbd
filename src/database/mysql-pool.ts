import mysql from 'mysql2';

/** No pooled connection came free within the acquire timeout: the database is saturated (503, try again). */
export class DatabaseBusyError extends Error {
  override name = 'DatabaseBusyError';
}

type PoolCallback = (error: Error | null, connection?: { release(): void }) => void;

/**
 * mysql2 for TypeORM's `driver` option, with what mysql2 3.x lacks: a bound on the wait for a pooled connection (its pool
 * queues requests forever). A request still waiting after `acquireTimeoutMs` fails with a DatabaseBusyError; the
 * connection it would have got, when it comes, goes straight back to the pool.
 */
export function mysqlWithAcquireTimeout(
  acquireTimeoutMs: number,
): Pick<typeof mysql, 'createPool' | 'createPoolCluster'> {
  return {
    createPoolCluster: mysql.createPoolCluster,
    createPool: ((options: mysql.PoolOptions) => {
      const pool = mysql.createPool(options);
      const getConnection = pool.getConnection.bind(pool) as (callback: PoolCallback) => void;
      (pool as unknown as { getConnection: (callback: PoolCallback) => void }).getConnection = (callback) => {
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          callback(
            new DatabaseBusyError(
              `No database connection came free within ${acquireTimeoutMs} ms (pool of ${options.connectionLimit ?? 10}): the database is saturated, try again in a moment`,
            ),
          );
        }, acquireTimeoutMs);
        getConnection((error, connection) => {
          if (timedOut) {
            connection?.release();
            return;
          }
          clearTimeout(timer);
          callback(error, connection);
        });
      };
      return pool;
    }) as typeof mysql.createPool,
  };
}
