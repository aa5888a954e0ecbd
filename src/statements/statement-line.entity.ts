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

import type { Money } from '../common/money/money.js';
import { bigintTransformer, moneyTransformer } from '../database/column-transformers.js';
import { CreatedAt, UpdatedAt } from '../database/timestamps.js';
import { BankStatement } from './bank-statement.entity.js';
import { BankTransaction } from './bank-transaction.entity.js';

/** A line of a statement; an imported line points at the mirrored Bridge transaction it came from. */
@Entity('statement_line')
@Index('IDX_statement_line_statement_date', ['statementId', 'date'])
@Index('UQ_statement_line_transaction', ['bankTransactionId'], { unique: true })
@Index('IDX_statement_line_change', ['statementId', 'changeSeq'])
export class StatementLine extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  statementId: number;

  @ManyToOne(() => BankStatement, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'statementId' })
  statement: Relation<BankStatement>;

  @Column({ type: 'int', nullable: true })
  bankTransactionId: number | null;

  @ManyToOne(() => BankTransaction, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION', nullable: true })
  @JoinColumn({ name: 'bankTransactionId' })
  bankTransaction: Relation<BankTransaction> | null;

  /** Accounting date of the line (follows the card dating mode for card lines). */
  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'varchar', length: 500 })
  label: string;

  @Column({ type: 'decimal', precision: 18, scale: 2, transformer: moneyTransformer })
  amount: Money;

  @Column({ type: 'varchar', length: 3 })
  currency: string;

  /** Set when the bank changed or deleted a line already posted: the new values wait for a person. */
  @Column({ type: 'boolean', default: false })
  reviewRequired: boolean;

  @Column({ type: 'text', nullable: true })
  reviewNote: string | null;

  /** The bank's new values while `reviewRequired` (a deletion: `reviewDeleted`); applied when the change is accepted. */
  @Column({ type: 'date', nullable: true })
  reviewDate: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reviewLabel: string | null;

  @Column({ type: 'decimal', precision: 18, scale: 2, nullable: true, transformer: moneyTransformer })
  reviewAmount: Money | null;

  @Column({ type: 'boolean', default: false })
  reviewDeleted: boolean;

  /** The last decision on a bank change (who accepted or rejected it, when, and the comment): the audit trail. */
  @Column({ type: 'text', nullable: true })
  reviewResolution: string | null;

  /** The bank deleted the operation after it was posted and the deletion was accepted: reversed, out of the balances. */
  @Column({ type: 'boolean', default: false })
  bankDeleted: boolean;

  /** When the line's current values were posted; null while they are not. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  postedAt: Date | null;

  /** Counts the accepted bank changes: each revision of the line is posted once (the entry's posting key). */
  @Column({ type: 'int', default: 0 })
  revision: number;

  /** The line-change sequence at its insertion, then at its last change (docs/rules.md#changes-feed). */
  @Column({ type: 'bigint', default: 0, transformer: bigintTransformer })
  createdSeq: number;

  @Column({ type: 'bigint', default: 0, transformer: bigintTransformer })
  changeSeq: number;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
