import { BaseEntity, Column, Entity, JoinTable, ManyToMany, PrimaryGeneratedColumn, type Relation } from 'typeorm';

import { Company } from '../companies/company.entity.js';
import { numberListTransformer, stringListTransformer } from '../database/column-transformers.js';
import { CreatedAt, UpdatedAt } from '../database/timestamps.js';

export const BRIDGE_VERSIONS = ['2025-01-15', '2021-06-01'] as const;
export type BridgeVersion = (typeof BRIDGE_VERSIONS)[number];

@Entity('bridge_config')
export class BridgeConfig extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  /** The companies served by these credentials (usually one; a group may share a server). */
  @ManyToMany(() => Company)
  @JoinTable({
    name: 'bridge_config_company',
    joinColumn: { name: 'bridgeConfigId', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'companyId', referencedColumnName: 'id' },
  })
  companies: Relation<Company>[];

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** API origin; the client appends /v2/... or /v3/aggregation/... */
  @Column({ type: 'varchar', length: 500, default: 'https://api.bridgeapi.io' })
  url: string;

  @Column({ type: 'varchar', length: 10, default: '2025-01-15' })
  version: BridgeVersion;

  @Column({ type: 'varchar', length: 200 })
  clientId: string;

  /** AES-256-GCM ciphertext of the client secret (never the secret itself). */
  @Column({ type: 'text' })
  clientSecretEncrypted: string;

  /** AES-256-GCM ciphertext of the webhook secret, when webhooks are configured. */
  @Column({ type: 'text', nullable: true })
  webhookSecretEncrypted: string | null;

  @Column({ type: 'varchar', length: 200, default: 'FR', transformer: stringListTransformer })
  countryCodes: string[];

  @Column({ type: 'varchar', length: 500, default: '', transformer: numberListTransformer })
  preselectedBankIds: number[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
