import { BaseEntity, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last entry number given in a journal and fiscal year of a company. Incremented by an UPDATE in the transaction
 * that inserts the entries (the row lock serialises writers on both engines; a rollback gives the numbers back), so the
 * numbers have no gap (docs/rules.md#entry-numbers).
 */
@Entity('entry_sequence')
export class EntrySequence extends BaseEntity {
  @PrimaryColumn({ type: 'int' })
  companyId: number;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  journalCode: string;

  @PrimaryColumn({ type: 'int' })
  fiscalYear: number;

  @Column({ type: 'int', default: 0 })
  lastNumber: number;
}
