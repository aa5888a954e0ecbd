import {
  BaseEntity,
  Column,
  Entity,
  Index,
  JoinTable,
  ManyToMany,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';

import { Company } from '../companies/company.entity.js';
import { CreatedAt } from '../database/timestamps.js';

/** An API key: only its SHA-256 is stored (keys are long random strings, so a plain hash is enough to find and check them). */
@Entity('api_key')
export class ApiKey extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** The first characters of the key, to recognise it in lists. */
  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  @Index('UQ_api_key_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  hash: string;

  /** An editor key sees every company and may change subscriptions. */
  @Column({ type: 'boolean', default: false })
  editor: boolean;

  @ManyToMany(() => Company)
  @JoinTable({
    name: 'api_key_company',
    joinColumn: { name: 'apiKeyId', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'companyId', referencedColumnName: 'id' },
  })
  companies: Relation<Company>[];

  @CreatedAt()
  createdAt: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  revokedAt: Date | null;
}
