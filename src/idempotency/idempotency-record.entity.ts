import { BaseEntity, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One POST sent with an `Idempotency-Key` (docs/rules.md#idempotency-key): the first request of a (caller, key) holds
 * the row while it runs, then stores its answer, encrypted since it may hold a freshly created API key.
 */
@Entity('idempotency_record')
@Index('UQ_idempotency_record_key', ['apiKeyId', 'key'], { unique: true })
@Index('IDX_idempotency_record_created', ['createdAt'])
export class IdempotencyRecord extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  /** The caller's API key (no foreign key: the record outlives nothing and is purged after a day). */
  @Column({ type: 'int' })
  apiKeyId: number;

  @Column({ type: 'varchar', length: 255 })
  key: string;

  /** SHA-256 of the method, path and body: the same key with another request is refused. */
  @Column({ type: 'varchar', length: 64 })
  requestHash: string;

  /** The answer's status; null while the first request is still running. */
  @Column({ type: 'int', nullable: true })
  status: number | null;

  /** The answer's body as JSON, encrypted with the SecretCipher; null while running. */
  @Column({ type: 'text', nullable: true })
  response: string | null;

  /** From the Clock; records older than a day are purged. */
  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;
}
