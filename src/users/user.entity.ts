import {
  BaseEntity,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';

import { Company } from '../companies/company.entity.js';
import { CreatedAt, UpdatedAt } from '../database/timestamps.js';

/** An ERP user; the e-mail is the identity used with Bridge and counted for billing. */
@Entity('user')
@Index('UQ_user_company_login', ['companyId', 'login'], { unique: true })
export class User extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  companyId: number;

  @ManyToOne(() => Company, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'companyId' })
  company: Relation<Company>;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 100 })
  login: string;

  /** The e-mail used for Bridge (lower-cased); absent means the user cannot run a Synchro. */
  @Index('IDX_user_email')
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** When the user was last deactivated: the billing counts users "enabled at a date" from it. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  deactivatedAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
