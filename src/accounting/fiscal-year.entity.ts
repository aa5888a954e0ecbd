import { BaseEntity, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import { CreatedAt, UpdatedAt } from '../database/timestamps.js';

export const FISCAL_YEAR_STATES = ['open', 'closed'] as const;
export type FiscalYearState = (typeof FISCAL_YEAR_STATES)[number];

/**
 * A fiscal year of a company, named by the calendar year of its end date (docs/rules.md#fiscal-years). Created when
 * the first entry falls into it; a closed year takes no entry any more.
 */
@Entity('fiscal_year')
@Index('UQ_fiscal_year_company_year', ['companyId', 'year'], { unique: true })
export class FiscalYear extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  companyId: number;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'date' })
  endDate: string;

  @Column({ type: 'varchar', length: 10, default: 'open' })
  state: FiscalYearState;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  closedAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
