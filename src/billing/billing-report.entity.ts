import { BaseEntity, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import type { Money } from '../common/money/money.js';
import { moneyTransformer } from '../database/column-transformers.js';
import { CreatedAt } from '../database/timestamps.js';

export const BILLING_KINDS = ['annual', 'monthly'] as const;
export type BillingKind = (typeof BILLING_KINDS)[number];

/** What the editor bills a company for one Bridge configuration and one period ("2027" or "2027-03"). */
@Entity('billing_report')
@Index('UQ_billing_report_period', ['companyId', 'bridgeConfigId', 'period'], { unique: true })
export class BillingReport extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  companyId: number;

  @Column({ type: 'int' })
  bridgeConfigId: number;

  @Column({ type: 'varchar', length: 7 })
  period: string;

  @Column({ type: 'varchar', length: 10 })
  kind: BillingKind;

  /** Billed e-mails, as a JSON array. */
  @Column({ type: 'text' })
  users: string;

  @Column({ type: 'int' })
  userCount: number;

  @Column({ type: 'decimal', precision: 18, scale: 2, transformer: moneyTransformer })
  unitPrice: Money;

  @Column({ type: 'decimal', precision: 18, scale: 2, transformer: moneyTransformer })
  amount: Money;

  @CreatedAt()
  createdAt: Date;
}
