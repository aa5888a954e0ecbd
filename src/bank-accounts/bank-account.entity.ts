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
import { bigintTransformer, stringListTransformer } from '../database/column-transformers.js';
import { CreatedAt, UpdatedAt } from '../database/timestamps.js';

export const CARD_DATING_MODES = ['transaction', 'debit'] as const;
export type CardDatingMode = (typeof CARD_DATING_MODES)[number];

/** A bank journal and its account, with the "Télécollecte bancaire" settings of docs/rules.md#account-options. */
@Entity('bank_account')
@Index('UQ_bank_account_company_journal', ['companyId', 'journalCode'], { unique: true })
export class BankAccount extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  companyId: number;

  @ManyToOne(() => Company, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'companyId' })
  company: Relation<Company>;

  @Column({ type: 'varchar', length: 16 })
  journalCode: string;

  @Column({ type: 'varchar', length: 200 })
  journalName: string;

  /** Electronic format (no spaces, upper case), ISO 13616 checksum verified. */
  @Index('IDX_bank_account_iban')
  @Column({ type: 'varchar', length: 34, nullable: true })
  iban: string | null;

  @Column({ type: 'varchar', length: 11, nullable: true })
  bic: string | null;

  @Column({ type: 'varchar', length: 3, default: 'EUR' })
  currency: string;

  @Column({ type: 'varchar', length: 20, default: '512000' })
  glAccount: string;

  /** CompteLib of `glAccount`; empty: "Banque <journal name>". */
  @Column({ type: 'varchar', length: 200, nullable: true })
  glAccountLabel: string | null;

  @Column({ type: 'varchar', length: 20, default: '471000' })
  suspenseAccount: string;

  /** CompteLib of `suspenseAccount`; empty: "Compte d'attente". */
  @Column({ type: 'varchar', length: 200, nullable: true })
  suspenseAccountLabel: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  cardClearingAccount: string | null;

  /** CompteLib of `cardClearingAccount`; empty: "Carte à débit différé <journal code>". */
  @Column({ type: 'varchar', length: 200, nullable: true })
  cardClearingAccountLabel: string | null;

  /** Bridge account types fed into this journal. */
  @Column({ type: 'varchar', length: 200, default: 'checking', transformer: stringListTransformer })
  accountTypes: string[];

  /** Forces the Bridge bank (provider) id and preselects it in the funnel. */
  @Column({ type: 'bigint', nullable: true, transformer: bigintTransformer })
  bridgeBankId: number | null;

  /** Forces the Bridge account when the IBAN is not found. */
  @Column({ type: 'bigint', nullable: true, transformer: bigintTransformer })
  bridgeAccountId: number | null;

  @Column({ type: 'boolean', default: false })
  includeOlderLines: boolean;

  @Column({ type: 'boolean', default: false })
  useCleanLabel: boolean;

  @Column({ type: 'varchar', length: 12, default: 'transaction' })
  cardDatingMode: CardDatingMode;

  @Column({ type: 'boolean', default: false })
  cardKeepDeferredTotal: boolean;

  @Column({ type: 'boolean', default: false })
  cardIncludeFuture: boolean;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
