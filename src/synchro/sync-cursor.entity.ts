import { BaseEntity, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import { bigintTransformer } from '../database/column-transformers.js';

/**
 * How far the mirror of one Bridge account is known for one bank account: Bridge's `updated_at` of the newest
 * change stored. It moves only after every page of a listing has been committed, so a failed sync re-reads.
 */
@Entity('bank_account_sync_cursor')
@Index('UQ_sync_cursor_account', ['bankAccountId', 'bridgeAccountId'], { unique: true })
export class BankAccountSyncCursor extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  bankAccountId: number;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  bridgeAccountId: number;

  /** ISO instant, as Bridge wrote it. */
  @Column({ type: 'varchar', length: 40 })
  updatedAt: string;

  @Column({ type: 'datetime', precision: 3 })
  syncedAt: Date;
}
