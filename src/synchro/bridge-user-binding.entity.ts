import { BaseEntity, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import { CreatedAt } from '../database/timestamps.js';

/**
 * Which company a Bridge user belongs to. The Bridge user of an e-mail on a configuration (v2: the e-mail with its
 * computed password; v3: the e-mail as external_user_id) sees every bank that e-mail connected, so it is bound to the
 * company that first used it: another company served by the same configuration cannot reach it with the same e-mail.
 */
@Entity('bridge_user_binding')
@Index('UQ_bridge_user_binding_config_email', ['bridgeConfigId', 'email'], { unique: true })
export class BridgeUserBinding extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  bridgeConfigId: number;

  /** Lower-case, as users store it. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Index('IDX_bridge_user_binding_company')
  @Column({ type: 'int' })
  companyId: number;

  @CreatedAt()
  createdAt: Date;
}
