import { BaseEntity, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One HTTP exchange with Bridge, bodies redacted and kept as bounded excerpts (debugging aid). */
@Entity('api_log')
@Index('IDX_api_log_config_at', ['bridgeConfigId', 'at'])
@Index('IDX_api_log_company_at', ['companyId', 'at'])
export class ApiLog extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index('IDX_api_log_at')
  @Column({ type: 'datetime', precision: 3 })
  at: Date;

  @Column({ type: 'int', nullable: true })
  bridgeConfigId: number | null;

  /** The company the exchange was made for (a configuration may serve several); empty on rows older than this. */
  @Column({ type: 'int', nullable: true })
  companyId: number | null;

  @Column({ type: 'varchar', length: 10 })
  method: string;

  @Column({ type: 'varchar', length: 1000 })
  path: string;

  /** HTTP status; empty when no answer came (network error, timeout). */
  @Column({ type: 'int', nullable: true })
  status: number | null;

  @Column({ type: 'int' })
  durationMs: number;

  /** How many items the answer's list held (`resources`, e.g. a page of 500 operations); empty for other answers. */
  @Column({ type: 'int', nullable: true })
  rowCount: number | null;

  @Column({ type: 'text', nullable: true })
  requestBody: string | null;

  @Column({ type: 'text', nullable: true })
  responseBody: string | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;
}
