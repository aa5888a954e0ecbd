import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';

/**
 * Inserts rows that all name the same columns in one multi-row INSERT, their values prepared as TypeORM would
 * (transformers, dates, booleans) and stamped `createdAt`/`updatedAt` with `now` (the product's clock, as the
 * ClockTimestampsSubscriber does), without TypeORM's query builder: building and escaping its insert queries cost more
 * than the database's own work on big imports. For the import's hot path; everything else uses repositories.
 */
export async function insertRows<Entity extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<Entity>,
  rows: Partial<Entity>[],
  now: Date,
): Promise<void> {
  const [first] = rows;
  if (!first) return;
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const given = Object.keys(first).filter((property) => first[property] !== undefined);
  const columns: ColumnMetadata[] = given.map((property) => {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${metadata.tableName} has no column ${property}`);
    return column;
  });
  const stamps = [metadata.createDateColumn, metadata.updateDateColumn].filter(
    (column): column is ColumnMetadata => column !== undefined && !given.includes(column.propertyName),
  );
  const parameters: unknown[] = [];
  const stampValues = stamps.map((column): unknown => driver.preparePersistentValue(now, column));
  for (const row of rows) {
    for (const column of columns) {
      const value: unknown = row[column.propertyName as keyof Entity];
      if (value === undefined) {
        throw new Error(`insertRows: every row must name ${column.propertyName} (${metadata.tableName})`);
      }
      parameters.push(driver.preparePersistentValue(value, column));
    }
    parameters.push(...stampValues);
  }
  const names = [...columns, ...stamps].map((column) => driver.escape(column.databaseName));
  const placeholders = `(${names.map(() => '?').join(', ')})`;
  await manager.query(
    `INSERT INTO ${driver.escape(metadata.tableName)} (${names.join(', ')}) VALUES ${rows.map(() => placeholders).join(', ')}`,
    parameters,
  );
}
