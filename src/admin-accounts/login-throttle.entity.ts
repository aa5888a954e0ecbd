import { BaseEntity, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failed back-office logins per client address and per (e-mail, client address), in the database so that every
 * instance counts them together. The e-mail is hashed: the table names nobody.
 */
@Entity('admin_login_throttle')
export class LoginThrottle extends BaseEntity {
  /** "ip:<address>" or "account:<sha256 of the e-mail>:<address>" */
  @PrimaryColumn({ type: 'varchar', length: 120 })
  subject: string;

  @Column({ type: 'int', default: 0 })
  failures: number;

  @Column({ type: 'datetime', precision: 3 })
  windowStart: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  blockedUntil: Date | null;
}
