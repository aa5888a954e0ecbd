import { BaseEntity, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import type { Money } from '../common/money/money.js';
import { bigintTransformer, moneyTransformer } from '../database/column-transformers.js';

/** The bank's balance of one Bridge account as a Synchro read it (docs/rules.md#balance-check). */
@Entity('balance_snapshot')
@Index('IDX_balance_snapshot_account_day', ['bankAccountId', 'day'])
export class BalanceSnapshot extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  bankAccountId: number;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  bridgeAccountId: number;

  /** The Bridge account type (the journal's own account is the one that carries its IBAN). */
  @Column({ type: 'varchar', length: 30 })
  accountType: string;

  /** True for the account whose balance the journal follows (the IBAN's, or the forced one). */
  @Column({ type: 'boolean', default: false })
  main: boolean;

  @Column({ type: 'decimal', precision: 18, scale: 2, transformer: moneyTransformer })
  balance: Money;

  /** The day of the Synchro in Europe/Paris. */
  @Column({ type: 'date' })
  day: string;

  @Column({ type: 'datetime', precision: 3 })
  takenAt: Date;
}
