import { BaseEntity, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import { bigintTransformer } from '../database/column-transformers.js';

/** A statement line removed (the bank deleted an unposted line): what the changes feed answers as `removed`. */
@Entity('statement_line_tombstone')
@Index('IDX_statement_line_tombstone_change', ['statementId', 'changeSeq'])
export class StatementLineTombstone extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  /** The removed line's id (the line is gone: no foreign key). */
  @Column({ type: 'int' })
  lineId: number;

  @Column({ type: 'int' })
  statementId: number;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  changeSeq: number;

  @Column({ type: 'datetime', precision: 3 })
  removedAt: Date;
}
