import { BaseEntity, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * docs/rules.md#filing-lines-into-a-statement: per journal, the last mirror row (by id) that filing has examined. The
 * rows after it are new to filing; it moves in the transaction of each chunk filed, so a stopped run resumes exactly.
 */
@Entity('mirror_filing_cursor')
export class MirrorFilingCursor extends BaseEntity {
  @PrimaryColumn({ type: 'int' })
  bankAccountId: number;

  @Column({ type: 'int', default: 0 })
  examinedThroughId: number;
}
