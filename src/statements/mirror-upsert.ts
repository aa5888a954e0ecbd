import type { DataSource, EntityManager } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';

import { isMysql } from '../database/db-lock.js';
import { BankTransaction } from './bank-transaction.entity.js';

/** The mirror's key (its unique index): a Bridge transaction of one Bridge account, for one journal. */
const KEY = ['bankAccountId', 'bridgeAccountId', 'bridgeTransactionId'] as const;

/** The bank's values compared to tell a changed row (the bank's, not our bookkeeping). */
const COMPARED = [
  'cleanLabel',
  'originalLabel',
  'amount',
  'currency',
  'date',
  'transactionDate',
  'bookingDate',
  'valueDate',
  'operationType',
  'categoryId',
  'future',
  'deleted',
  'accountType',
] as const;

/** The values a row takes from the bank when it is newer: every written column but the key (`latestDate`: its dates'). */
const FOLLOWED = [...COMPARED, 'bridgeItemId', 'latestDate'] as const;

/** The mirror's columns a page writes, as `MirrorRow` names them. */
const WRITTEN = [...KEY, ...FOLLOWED, 'bridgeUpdatedAt'] as const;

export type MirrorValues = { [K in (typeof WRITTEN)[number]]: BankTransaction[K] };

/**
 * docs/rules.md#the-mirror-and-its-cursor: one page of the mirror in one statement, the database telling the rows
 * apart. A new row is inserted; a known row takes the bank's values and stamp when Bridge's copy is at least as recent
 * and, only when one of the bank's values changed, is marked `lineStale` (its line is re-decided) and stamped `updatedAt`.
 * An older copy never overwrites a newer one. The statement is built once per page size and engine, its values
 * prepared as TypeORM would (transformers, dates), without TypeORM's query builder.
 */
export class MirrorUpsert {
  private readonly columns: ColumnMetadata[];
  private readonly stamps: { createdAt: ColumnMetadata; updatedAt: ColumnMetadata; lineStale: ColumnMetadata };
  private readonly mysql: boolean;
  private readonly statements = new Map<number, string>();

  constructor(private readonly dataSource: DataSource) {
    const metadata = dataSource.getMetadata(BankTransaction);
    const column = (name: string) => {
      const found = metadata.findColumnWithPropertyName(name);
      if (!found) throw new Error(`bank_transaction has no column ${name}`);
      return found;
    };
    this.columns = WRITTEN.map(column);
    this.stamps = { createdAt: column('createdAt'), updatedAt: column('updatedAt'), lineStale: column('lineStale') };
    this.mysql = isMysql(dataSource);
  }

  /** Writes the rows (at most one page: the statement's parameters are 21 per row) in the caller's transaction. */
  async write(manager: EntityManager, rows: MirrorValues[], now: Date): Promise<void> {
    if (rows.length === 0) return;
    const driver = this.dataSource.driver;
    const parameters: unknown[] = [];
    const stamp: unknown = driver.preparePersistentValue(now, this.stamps.createdAt);
    const notStale: unknown = driver.preparePersistentValue(false, this.stamps.lineStale);
    for (const row of rows) {
      for (const column of this.columns) {
        parameters.push(driver.preparePersistentValue(row[column.propertyName as keyof MirrorValues], column));
      }
      parameters.push(notStale, stamp, stamp);
    }
    await manager.query(this.statement(rows.length), parameters);
  }

  private statement(rowCount: number): string {
    const cached = this.statements.get(rowCount);
    if (cached) return cached;
    const name = (property: string) => this.dataSource.driver.escape(this.column(property).databaseName);
    const table = this.dataSource.driver.escape(this.dataSource.getMetadata(BankTransaction).tableName);
    const inserted = [...this.columns.map((column) => column.databaseName), 'lineStale', 'createdAt', 'updatedAt'];
    const placeholders = `(${inserted.map(() => '?').join(', ')})`;
    const head = `INSERT INTO ${table} (${inserted.map((column) => this.dataSource.driver.escape(column)).join(', ')}) VALUES ${Array.from({ length: rowCount }, () => placeholders).join(', ')}`;
    let sql: string;
    if (this.mysql) {
      // MariaDB applies the assignments left to right, each seeing the ones before: the marks are computed first,
      // from the row as it was, and Bridge's stamp is moved last.
      const newer = `VALUES(${name('bridgeUpdatedAt')}) >= ${name('bridgeUpdatedAt')}`;
      const changed = `(${newer} AND (${COMPARED.map((field) => `NOT (${name(field)} <=> VALUES(${name(field)}))`).join(' OR ')}))`;
      sql = `${head} ON DUPLICATE KEY UPDATE ${[
        `${name('lineStale')} = IF(${changed}, 1, ${name('lineStale')})`,
        `${name('updatedAt')} = IF(${changed}, VALUES(${name('updatedAt')}), ${name('updatedAt')})`,
        ...FOLLOWED.map((field) => `${name(field)} = IF(${newer}, VALUES(${name(field)}), ${name(field)})`),
        `${name('bridgeUpdatedAt')} = IF(${newer}, VALUES(${name('bridgeUpdatedAt')}), ${name('bridgeUpdatedAt')})`,
      ].join(', ')}`;
    } else {
      // SQLite evaluates every assignment against the row as it was; the WHERE leaves an older copy out.
      const key = KEY.map(name).join(', ');
      const changed = `(${COMPARED.map((field) => `${table}.${name(field)} IS NOT excluded.${name(field)}`).join(' OR ')})`;
      sql = `${head} ON CONFLICT (${key}) DO UPDATE SET ${[
        `${name('lineStale')} = CASE WHEN ${changed} THEN 1 ELSE ${table}.${name('lineStale')} END`,
        `${name('updatedAt')} = CASE WHEN ${changed} THEN excluded.${name('updatedAt')} ELSE ${table}.${name('updatedAt')} END`,
        ...FOLLOWED.map((field) => `${name(field)} = excluded.${name(field)}`),
        `${name('bridgeUpdatedAt')} = excluded.${name('bridgeUpdatedAt')}`,
      ].join(', ')} WHERE excluded.${name('bridgeUpdatedAt')} >= ${table}.${name('bridgeUpdatedAt')}`;
    }
    this.statements.set(rowCount, sql);
    return sql;
  }

  private column(property: string): ColumnMetadata {
    return (
      this.columns.find((column) => column.propertyName === property) ??
      this.stamps[property as keyof typeof this.stamps]
    );
  }
}
