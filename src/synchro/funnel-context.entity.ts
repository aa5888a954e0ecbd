import { BaseEntity, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import { CreatedAt } from '../database/timestamps.js';

/**
 * One opening of the Bridge funnel, named by the nonce given to Bridge as `context` and echoed on the callback: who
 * opened it for which statement, with which Bridge user. Accepted once, before it expires.
 */
@Entity('funnel_context')
@Index('UQ_funnel_context_nonce', ['nonce'], { unique: true })
export class FunnelContext extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  /** 128 random bits, hex. */
  @Column({ type: 'varchar', length: 32 })
  nonce: string;

  @Column({ type: 'int' })
  statementId: number;

  @Column({ type: 'int' })
  userId: number;

  @Column({ type: 'int' })
  companyId: number;

  @Column({ type: 'int' })
  bridgeConfigId: number;

  /** The e-mail of the Bridge user at the time (v2 derives its password from it). */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 64 })
  bridgeUserUuid: string;

  @Column({ type: 'datetime', precision: 3 })
  expiresAt: Date;

  /** When the callback used it; a second callback with the same context is refused. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  consumedAt: Date | null;

  @CreatedAt()
  createdAt: Date;
}
