import { BaseEntity, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import type { Money } from '../common/money/money.js';
import { moneyTransformer } from '../database/column-transformers.js';
import { CreatedAt, UpdatedAt } from '../database/timestamps.js';

export const RULE_SIGNS = ['debit', 'credit', 'any'] as const;
/** `debit` = money out, `credit` = money in (the bank's view of the line). */
export type RuleSign = (typeof RULE_SIGNS)[number];

/** Gives the counterpart account of the lines it matches (docs/rules.md#counterpart-rules). */
@Entity('counterpart_rule')
@Index('IDX_counterpart_rule_company', ['companyId', 'priority'])
export class CounterpartRule extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  companyId: number;

  /** Null: every journal of the company. */
  @Column({ type: 'int', nullable: true })
  bankAccountId: number | null;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Lower first; ties by id. */
  @Column({ type: 'int', default: 100 })
  priority: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  labelContains: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  labelRegex: string | null;

  @Column({ type: 'varchar', length: 10, default: 'any' })
  sign: RuleSign;

  @Column({ type: 'decimal', precision: 18, scale: 2, nullable: true, transformer: moneyTransformer })
  amountMin: Money | null;

  @Column({ type: 'decimal', precision: 18, scale: 2, nullable: true, transformer: moneyTransformer })
  amountMax: Money | null;

  @Column({ type: 'varchar', length: 20 })
  account: string;

  @Column({ type: 'varchar', length: 200 })
  accountLabel: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
