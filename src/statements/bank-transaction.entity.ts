import {
  BaseEntity,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';

import { BankAccount } from '../bank-accounts/bank-account.entity.js';
import type { Money } from '../common/money/money.js';
import { bigintTransformer, moneyTransformer } from '../database/column-transformers.js';
import { CreatedAt, UpdatedAt } from '../database/timestamps.js';

/** The local mirror of a Bridge transaction, as last seen at the bank. */
@Entity('bank_transaction')
@Index('UQ_bank_transaction_bridge', ['bankAccountId', 'bridgeAccountId', 'bridgeTransactionId'], { unique: true })
@Index('IDX_bank_transaction_account_date', ['bankAccountId', 'date'])
@Index('IDX_bank_transaction_line_stale', ['bankAccountId', 'lineStale'])
@Index('IDX_bank_transaction_account_stamp', ['bankAccountId', 'bridgeAccountId', 'bridgeUpdatedAt'])
@Index('IDX_bank_transaction_unfiled', ['bankAccountId', 'unfiled', 'deleted', 'latestDate'])
@Index('IDX_bank_transaction_operation', ['bankAccountId', 'operationType', 'deleted', 'date'])
@Index('IDX_bank_transaction_account_id', ['bankAccountId', 'id'])
export class BankTransaction extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  bankAccountId: number;

  @ManyToOne(() => BankAccount, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'bankAccountId' })
  bankAccount: Relation<BankAccount>;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  bridgeAccountId: number;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  bridgeTransactionId: number;

  @Column({ type: 'bigint', nullable: true, transformer: bigintTransformer })
  bridgeItemId: number | null;

  /** Bridge account type of the source account (checking, card, ...). */
  @Column({ type: 'varchar', length: 30 })
  accountType: string;

  /** Bridge's cleaned label (clean_description). */
  @Column({ type: 'varchar', length: 500 })
  cleanLabel: string;

  /** The bank's original label (v3 provider_description, v2 bank_description). */
  @Column({ type: 'varchar', length: 500 })
  originalLabel: string;

  @Column({ type: 'decimal', precision: 18, scale: 2, transformer: moneyTransformer })
  amount: Money;

  @Column({ type: 'varchar', length: 3 })
  currency: string;

  /** Bridge's `date`, always present. */
  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'date', nullable: true })
  transactionDate: string | null;

  @Column({ type: 'date', nullable: true })
  bookingDate: string | null;

  @Column({ type: 'date', nullable: true })
  valueDate: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  operationType: string | null;

  @Column({ type: 'int', nullable: true })
  categoryId: number | null;

  @Column({ type: 'boolean', default: false })
  future: boolean;

  @Column({ type: 'boolean', default: false })
  deleted: boolean;

  @Column({ type: 'datetime', precision: 3 })
  bridgeUpdatedAt: Date;

  /**
   * The bank changed this row and its line (if any) has not been re-decided yet. Set in the transaction that writes the
   * mirror's new values, cleared in the one that re-decides the line: a sync stopped half-way leaves the work to the rerun.
   */
  @Column({ type: 'boolean', default: false })
  lineStale: boolean;

  /**
   * Filing examined this row and left it out: no statement line points at it, and it waits for a statement whose
   * period holds it (docs/rules.md#filing-lines-into-a-statement). Set when filing leaves the row out and when its line
   * is removed, cleared in the transaction that files its line. A row after the journal's `MirrorFilingCursor` is new
   * to filing and has it clear.
   */
  @Column({ type: 'boolean', default: false })
  unfiled: boolean;

  /**
   * The latest of the row's own dates (`date`, `transactionDate`, `bookingDate`, `valueDate`): a line is dated on one
   * of them, so filing bounds its index range with it. Written with the bank's values; nullable only so that a
   * migration could add it to the rows mirrored before, which it filled.
   */
  @Column({ type: 'date', nullable: true })
  latestDate: string | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
