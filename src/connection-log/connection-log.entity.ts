import { BaseEntity, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import { bigintTransformer } from '../database/column-transformers.js';

export const CONNECTION_ACTIONS = [
  'user_created',
  'authenticated',
  'funnel_opened',
  'callback_success',
  'callback_failure',
  'reauth_requested',
  'synced',
  'sync_failed',
  'account_choice_required',
] as const;
export type ConnectionAction = (typeof CONNECTION_ACTIONS)[number];

/** One user connection event with Bridge (required by Bridge; read-only once written). */
@Entity('connection_log')
@Index('IDX_connection_log_company_at', ['companyId', 'at'])
@Index('IDX_connection_log_config_at', ['bridgeConfigId', 'at'])
export class ConnectionLog extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index('IDX_connection_log_at')
  @Column({ type: 'datetime', precision: 3 })
  at: Date;

  @Column({ type: 'int', nullable: true })
  companyId: number | null;

  @Column({ type: 'int', nullable: true })
  bridgeConfigId: number | null;

  @Column({ type: 'int', nullable: true })
  userId: number | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  bridgeUserUuid: string | null;

  @Column({ type: 'varchar', length: 40 })
  action: ConnectionAction;

  @Column({ type: 'bigint', nullable: true, transformer: bigintTransformer })
  itemId: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintTransformer })
  bankId: number | null;

  @Column({ type: 'varchar', length: 20 })
  result: string;

  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Column({ type: 'varchar', length: 45, nullable: true })
  ip: string | null;
}
