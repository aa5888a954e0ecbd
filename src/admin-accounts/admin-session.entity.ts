import { BaseEntity, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Back-office sessions, in the database so that every instance shares them and a restart keeps them. */
@Entity('admin_session')
export class AdminSession extends BaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 128 })
  sid: string;

  @Index('IDX_admin_session_expires')
  @Column({ type: 'datetime', precision: 3 })
  expiresAt: Date;

  @Column({ type: 'text' })
  data: string;
}
