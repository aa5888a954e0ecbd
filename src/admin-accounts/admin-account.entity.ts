import {
  BaseEntity,
  Column,
  Entity,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';

import { Company } from '../companies/company.entity.js';
import { CreatedAt, UpdatedAt } from '../database/timestamps.js';
import { User } from '../users/user.entity.js';

export const ADMIN_ROLES = ['editor', 'integrator'] as const;
/** An editor sees and changes every company (and billing); an integrator only the companies given to it. */
export type AdminRole = (typeof ADMIN_ROLES)[number];

/** A back-office (AdminJS) login. The password is stored as a scrypt hash only. */
@Entity('admin_account')
export class AdminAccount extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index('UQ_admin_account_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** "scrypt$<salt>$<hash>"; never loaded unless asked for (the back-office lists must not carry it). */
  @Column({ type: 'varchar', length: 200, select: false })
  passwordHash: string;

  // The safe default: an account nobody gave a role to sees no company.
  @Column({ type: 'varchar', length: 20, default: 'integrator' })
  role: AdminRole;

  /** The companies an integrator sees (an editor sees all of them). */
  @ManyToMany(() => Company)
  @JoinTable({
    name: 'admin_account_company',
    joinColumn: { name: 'adminAccountId', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'companyId', referencedColumnName: 'id' },
  })
  companies: Relation<Company>[];

  /** The ERP user whose Bridge e-mail this person uses for the Synchro (optional). */
  @Column({ type: 'int', nullable: true })
  userId: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', onUpdate: 'NO ACTION', nullable: true })
  @JoinColumn({ name: 'userId' })
  user: Relation<User> | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  lastLoginAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
