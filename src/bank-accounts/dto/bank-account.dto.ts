import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  Matches,
  ValidateIf,
} from 'class-validator';

import { CompanyPageQueryDto } from '../../common/pagination/page.js';
import { integerText, trim } from '../../common/validation/transforms.js';
import {
  FitsJoined,
  IsBic,
  IsIban,
  IsIntegerBetween,
  IsOmittable,
  IsText,
  MAX_EXTERNAL_ID,
  MAX_ID,
  normalizeIban,
} from '../../common/validation/validators.js';
import { CARD_DATING_MODES, type BankAccount, type CardDatingMode } from '../bank-account.entity.js';

const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.replace(/\s+/g, '').toUpperCase() : value;
const lowerList = ({ value }: { value: unknown }) =>
  Array.isArray(value)
    ? value.map((item: unknown) => (typeof item === 'string' ? item.trim().toLowerCase() : item))
    : value;
/** A47 A-1 VII: CompteNum starts with three digits of the PCG; classes 1 to 7 only. */
export const GL_ACCOUNT = /^[1-7]\d{2}[0-9A-Z]{0,17}$/;
export const GL_ACCOUNT_MESSAGE =
  'must be a general-ledger account number: three digits of classes 1 to 7 then up to 17 digits or capital letters, e.g. 512100';

export class CreateBankAccountDto {
  @ApiProperty()
  @IsIntegerBetween(1, MAX_ID)
  companyId: number;

  @ApiProperty({ example: 'BQ1', description: 'Journal code, unique within the company' })
  @Transform(upper)
  @Matches(/^[A-Z0-9_-]{1,16}$/, { message: 'must be 1 to 16 capital letters, digits, _ or -' })
  journalCode: string;

  @ApiProperty({ example: 'Banque Populaire' })
  @Transform(trim)
  @IsText(200)
  journalName: string;

  @ApiPropertyOptional({
    example: 'FR76 3000 6000 0112 3456 7890 189',
    nullable: true,
    description: 'Stored in electronic format (no spaces, upper case)',
    type: String,
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? (value.trim() === '' ? null : normalizeIban(value)) : value,
  )
  @ValidateIf((_object, value) => value !== null)
  @IsIban()
  iban?: string | null;

  @ApiPropertyOptional({ example: 'AGRIFRPP', nullable: true, type: String })
  @IsOptional()
  @Transform(upper)
  @ValidateIf((_object, value) => value !== null && value !== '')
  @IsBic()
  bic?: string | null;

  @ApiPropertyOptional({ default: 'EUR' })
  @IsOmittable()
  @Transform(upper)
  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 currency code such as EUR' })
  currency?: string;

  @ApiPropertyOptional({ default: '512000' })
  @IsOmittable()
  @Transform(upper)
  @Matches(GL_ACCOUNT, { message: GL_ACCOUNT_MESSAGE })
  glAccount?: string;

  @ApiPropertyOptional({
    nullable: true,
    description: 'Label of glAccount in the entries (CompteLib); empty: "Banque <journal name>"',
    type: String,
  })
  @IsOptional()
  @Transform(trim)
  @ValidateIf((_object, value) => value !== null && value !== '')
  @IsText(200)
  glAccountLabel?: string | null;

  @ApiPropertyOptional({ default: '471000' })
  @IsOmittable()
  @Transform(upper)
  @Matches(GL_ACCOUNT, { message: GL_ACCOUNT_MESSAGE })
  suspenseAccount?: string;

  @ApiPropertyOptional({
    nullable: true,
    description: 'Label of suspenseAccount; empty: « Compte d’attente »',
    type: String,
  })
  @IsOptional()
  @Transform(trim)
  @ValidateIf((_object, value) => value !== null && value !== '')
  @IsText(200)
  suspenseAccountLabel?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Counterpart of card lines in debit dating mode' })
  @IsOptional()
  @Transform(upper)
  @ValidateIf((_object, value) => value !== null)
  @Matches(GL_ACCOUNT, { message: GL_ACCOUNT_MESSAGE })
  cardClearingAccount?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    description: 'Label of cardClearingAccount; empty: "Carte à débit différé <journal code>"',
    type: String,
  })
  @IsOptional()
  @Transform(trim)
  @ValidateIf((_object, value) => value !== null && value !== '')
  @IsText(200)
  cardClearingAccountLabel?: string | null;

  @ApiPropertyOptional({
    type: [String],
    default: ['checking'],
    example: ['checking', 'card'],
    description: 'Bridge account types fed into this journal',
  })
  @IsOmittable()
  @Transform(lowerList)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @Matches(/^[a-z_]{1,30}$/, {
    each: true,
    message: 'each account type must be a lowercase word such as checking, savings or card',
  })
  @FitsJoined(200)
  accountTypes?: string[];

  @ApiPropertyOptional({
    nullable: true,
    type: 'integer',
    description: 'Forces the Bridge bank (provider) id and preselects it in the funnel',
  })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @Transform(integerText)
  @IsIntegerBetween(1, MAX_EXTERNAL_ID, { nullable: true })
  bridgeBankId?: number | null;

  @ApiPropertyOptional({
    nullable: true,
    type: 'integer',
    description: 'Forces the Bridge account when the IBAN is not found',
  })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @Transform(integerText)
  @IsIntegerBetween(1, MAX_EXTERNAL_ID, { nullable: true })
  bridgeAccountId?: number | null;

  @ApiPropertyOptional({
    default: false,
    description: 'Put unassigned operations dated before the statement into the current statement',
  })
  @IsOmittable()
  @IsBoolean()
  includeOlderLines?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: "Use Bridge's cleaned label instead of the bank's original label",
  })
  @IsOmittable()
  @IsBoolean()
  useCleanLabel?: boolean;

  @ApiPropertyOptional({ enum: CARD_DATING_MODES, default: 'transaction' })
  @IsOmittable()
  @IsIn(CARD_DATING_MODES, { message: `must be one of ${CARD_DATING_MODES.join(', ')}` })
  cardDatingMode?: CardDatingMode;

  @ApiPropertyOptional({ default: false, description: 'Keep the deferred_debit_card compensation lines' })
  @IsOmittable()
  @IsBoolean()
  cardKeepDeferredTotal?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Import card lines still marked future' })
  @IsOmittable()
  @IsBoolean()
  cardIncludeFuture?: boolean;
}

export class UpdateBankAccountDto extends PartialType(OmitType(CreateBankAccountDto, ['companyId'] as const), {
  skipNullProperties: false,
}) {}

export class ListBankAccountsQueryDto extends CompanyPageQueryDto {
  @ApiPropertyOptional({ description: 'Find the account of an IBAN (any spacing or case)' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeIban(value) : value))
  @IsIban()
  iban?: string;
}

export class BankAccountResponse {
  @ApiProperty() id: number;
  @ApiProperty() companyId: number;
  @ApiProperty() journalCode: string;
  @ApiProperty() journalName: string;
  @ApiProperty({ nullable: true, type: String }) iban: string | null;
  @ApiProperty({ nullable: true, type: String }) bic: string | null;
  @ApiProperty() currency: string;
  @ApiProperty() glAccount: string;
  @ApiProperty({ nullable: true, type: String }) glAccountLabel: string | null;
  @ApiProperty() suspenseAccount: string;
  @ApiProperty({ nullable: true, type: String }) suspenseAccountLabel: string | null;
  @ApiProperty({ nullable: true, type: String }) cardClearingAccount: string | null;
  @ApiProperty({ nullable: true, type: String }) cardClearingAccountLabel: string | null;
  @ApiProperty({ type: [String] }) accountTypes: string[];
  @ApiProperty({ nullable: true, type: Number }) bridgeBankId: number | null;
  @ApiProperty({ nullable: true, type: Number }) bridgeAccountId: number | null;
  @ApiProperty() includeOlderLines: boolean;
  @ApiProperty() useCleanLabel: boolean;
  @ApiProperty({ enum: CARD_DATING_MODES }) cardDatingMode: CardDatingMode;
  @ApiProperty() cardKeepDeferredTotal: boolean;
  @ApiProperty() cardIncludeFuture: boolean;

  static from(account: BankAccount): BankAccountResponse {
    return {
      id: account.id,
      companyId: account.companyId,
      journalCode: account.journalCode,
      journalName: account.journalName,
      iban: account.iban,
      bic: account.bic,
      currency: account.currency,
      glAccount: account.glAccount,
      glAccountLabel: account.glAccountLabel,
      suspenseAccount: account.suspenseAccount,
      suspenseAccountLabel: account.suspenseAccountLabel,
      cardClearingAccount: account.cardClearingAccount,
      cardClearingAccountLabel: account.cardClearingAccountLabel,
      accountTypes: account.accountTypes,
      bridgeBankId: account.bridgeBankId,
      bridgeAccountId: account.bridgeAccountId,
      includeOlderLines: account.includeOlderLines,
      useCleanLabel: account.useCleanLabel,
      cardDatingMode: account.cardDatingMode,
      cardKeepDeferredTotal: account.cardKeepDeferredTotal,
      cardIncludeFuture: account.cardIncludeFuture,
    };
  }
}
