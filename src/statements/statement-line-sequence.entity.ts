import { BaseEntity, Column, Entity, PrimaryColumn } from 'typeorm';

import { bigintTransformer } from '../database/column-transformers.js';

/** One row (id 1): the last number given to a change of a statement line (docs/rules.md#changes-feed). */
@Entity('statement_line_sequence')
export class StatementLineSequence extends BaseEntity {
  @PrimaryColumn({ type: 'int' })
  id: number;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  value: number;
}
