import { BaseEntity, Column, Entity, Index, OneToMany, PrimaryGeneratedColumn, type Relation } from 'typeorm';

import { CreatedAt } from '../database/timestamps.js';
import { JournalEntryLine } from './journal-entry-line.entity.js';

export const ENTRY_KINDS = ['posting', 'reversal'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/**
 * A bank accounting entry (écriture). Written once, in the transaction that numbers it, and never updated or deleted:
 * a correction is a reversal and a new entry (docs/rules.md#entries).
 */
@Entity('journal_entry')
@Index('UQ_journal_entry_number', ['companyId', 'journalCode', 'fiscalYear', 'number'], { unique: true })
@Index('UQ_journal_entry_posting_key', ['postingKey'], { unique: true })
// The FEC's order (validation time, journal, number) within a company's fiscal year: each page of its keyset reads
// on from the last one instead of sorting the rest of the year again.
@Index('IDX_journal_entry_fec_order', ['companyId', 'fiscalYear', 'validatedAt', 'journalCode', 'number'])
@Index('IDX_journal_entry_statement', ['statementId'])
@Index('IDX_journal_entry_line', ['statementLineId'])
export class JournalEntry extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  companyId: number;

  @Column({ type: 'int' })
  bankAccountId: number;

  @Column({ type: 'int' })
  statementId: number;

  @Column({ type: 'int' })
  statementLineId: number;

  @Column({ type: 'varchar', length: 16 })
  journalCode: string;

  @Column({ type: 'varchar', length: 200 })
  journalName: string;

  @Column({ type: 'int' })
  fiscalYear: number;

  /** The sequence number within the company, journal and fiscal year. */
  @Column({ type: 'int' })
  number: number;

  /** The FEC EcritureNum: `BQ1-2025-000042`. */
  @Column({ type: 'varchar', length: 40 })
  ecritureNum: string;

  /** The accounting date (the line's date). */
  @Column({ type: 'date' })
  date: string;

  /** The Bridge transaction id (or the line id when the line has none). */
  @Column({ type: 'varchar', length: 40 })
  pieceRef: string;

  @Column({ type: 'date' })
  pieceDate: string;

  @Column({ type: 'varchar', length: 500 })
  label: string;

  @Column({ type: 'varchar', length: 10 })
  kind: EntryKind;

  @Column({ type: 'int', nullable: true })
  reversalOfId: number | null;

  /** The counterpart rule that matched, if any (a snapshot: changing the rule later changes nothing here). */
  @Column({ type: 'int', nullable: true })
  ruleId: number | null;

  /** One posting per line revision and one reversal per entry: the database refuses a second. */
  @Column({ type: 'varchar', length: 64 })
  postingKey: string;

  /** When it was posted (the FEC ValidDate, and the file order). */
  @Column({ type: 'datetime', precision: 3 })
  validatedAt: Date;

  @OneToMany(() => JournalEntryLine, (line) => line.entry)
  lines: Relation<JournalEntryLine>[];

  @CreatedAt()
  createdAt: Date;
}
