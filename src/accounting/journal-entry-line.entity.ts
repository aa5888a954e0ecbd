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
import { moneyTransformer } from '../database/column-transformers.js';
import { JournalEntry } from './journal-entry.entity.js';

/** A line of an entry: one account, one side (the other is zero). The account label is a snapshot. */
@Entity('journal_entry_line')
@Index('IDX_journal_entry_line_entry', ['entryId', 'position'])
export class JournalEntryLine extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  entryId: number;

  @ManyToOne(() => JournalEntry, (entry) => entry.lines, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'entryId' })
  entry: Relation<JournalEntry>;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 20 })
  account: string;

  @Column({ type: 'varchar', length: 200 })
  accountLabel: string;

  @Column({ type: 'decimal', precision: 18, scale: 2, transformer: moneyTransformer })
  debit: Money;

  @Column({ type: 'decimal', precision: 18, scale: 2, transformer: moneyTransformer })
  credit: Money;
}
