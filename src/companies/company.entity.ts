import { BaseEntity, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import { CreatedAt, UpdatedAt } from '../database/timestamps.js';

@Entity('company')
export class Company extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** French company identifier (9 digits, Luhn checksum); unique when present. */
  @Index('UQ_company_siren', { unique: true })
  @Column({ type: 'varchar', length: 9, nullable: true })
  siren: string | null;

  /** `MM-DD`: the last day of the fiscal year (a fiscal year is named by the year it ends in). */
  @Column({ type: 'varchar', length: 5, default: '12-31' })
  fiscalYearEnd: string;

  /** Set by the editor when the annual payment is received; gates the Synchro. */
  @Column({ type: 'boolean', default: false })
  subscriptionActive: boolean;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
