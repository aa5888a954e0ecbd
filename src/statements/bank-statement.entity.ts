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

export const STATEMENT_STATES = ['open', 'closed'] as const;
export type StatementState = (typeof STATEMENT_STATES)[number];

/** A bank statement (relevé); its end balance is derived from the start balance and the lines. */
@Entity('bank_statement')
@Index('IDX_bank_statement_account_start', ['bankAccountId', 'dateStart'])
export class BankStatement extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  bankAccountId: number;

  @ManyToOne(() => BankAccount, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'bankAccountId' })
  bankAccount: Relation<BankAccount>;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'date' })
  dateStart: string;

  /** Empty while the statement is open-ended. */
  @Column({ type: 'date', nullable: true })
  dateEnd: string | null;

  @Column({ type: 'decimal', precision: 18, scale: 2, default: 0, transformer: moneyTransformer })
  balanceStart: Money;

  /** Balance reported by the bank at the last sync. */
  @Column({ type: 'decimal', precision: 18, scale: 2, nullable: true, transformer: moneyTransformer })
  bankBalance: Money | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  bankBalanceAt: Date | null;

  @Column({ type: 'varchar', length: 10, default: 'open' })
  state: StatementState;

  /** Why a statement was closed although its end balance differs from the bank balance. */
  @Column({ type: 'text', nullable: true })
  closeComment: string | null;

  /**
   * The opening balance is the bank's: set at the first Synchro that reads the bank balance, to that balance minus the
   * lines it filed (docs/rules.md#the-statement-page). The demo's statement, whose bank history nobody knows beforehand.
   */
  @Column({ type: 'boolean', default: false })
  openingFromBank: boolean;

  /** Closed with `forceClose`: the end balance differed from the bank's (recorded with the comment). */
  @Column({ type: 'boolean', default: false })
  forcedClose: boolean;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  closedAt: Date | null;

  /**
   * docs/rules.md#statement-totals: the lines in the balance (all but those reversed by an accepted bank deletion),
   * those reversed, and the balance lines' sum in cents, kept in the transaction of every change of a line, so that no
   * read of a statement aggregates its lines.
   */
  @Column({ type: 'int', default: 0 })
  lineCount: number;

  @Column({ type: 'int', default: 0 })
  reversedLineCount: number;

  @Column({ type: 'bigint', default: 0, transformer: bigintTransformer })
  lineTotalCents: number;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
