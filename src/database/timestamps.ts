import { CreateDateColumn, UpdateDateColumn } from 'typeorm';

// Microsecond precision on MariaDB (TypeORM defaults these to CURRENT_TIMESTAMP(6)); SQLite stores the text form with milliseconds anyway.
export const CreatedAt = () => CreateDateColumn({ type: 'datetime', precision: 6 });
export const UpdatedAt = () => UpdateDateColumn({ type: 'datetime', precision: 6 });
