import { BaseEntity, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';

import { CreatedAt, UpdatedAt } from '../database/timestamps.js';
import { User } from '../users/user.entity.js';

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

  /** "scrypt$<salt>$<hash>" */
  @Column({ type: 'varchar', length: 200 })
  passwordHash: string;

  /** The ERP user whose Bridge e-mail this person uses for the Synchro (optional). */
  @Column({ type: 'int', nullable: true })
  userId: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', onUpdate: 'NO ACTION', nullable: true })
  @JoinColumn({ name: 'userId' })
  user: Relation<User> | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'int', default: 0 })
  failedAttempts: number;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  lastLoginAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
