import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, Matches } from 'class-validator';
import { ApiMoney } from '../../common/openapi/api-schema.js';

import type { Money } from '../../common/money/money.js';
import { CompanyPageQueryDto, QueryId } from '../../common/pagination/page.js';
import { integerText, trim } from '../../common/validation/transforms.js';
import { IsIntegerBetween, IsIsoDate, IsOmittable, IsText, MAX_ID } from '../../common/validation/validators.js';
import { ENTRY_KINDS, type EntryKind, type JournalEntry } from '../journal-entry.entity.js';

export class PostStatementDto {
  @ApiPropertyOptional({
    type: [Number],
    description: 'Only these lines of the statement (default: every unposted line)',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @IsIntegerBetween(1, MAX_ID, { each: true })
  lineIds?: number[];
}

export class PostingResponse {
  @ApiProperty({ description: 'Entries written by this call (0 when everything was posted already)' }) posted: number;
  @ApiProperty({ type: [Number] }) entryIds: number[];
}

export class AcceptBankChangeDto {
  @ApiPropertyOptional({ description: 'Why the change is accepted (kept with the line)' })
  @IsOmittable()
  @Transform(trim)
  @IsText(2000)
  comment?: string;
}

export class RejectBankChangeDto {
  @ApiProperty({ description: 'Why the posted values are kept' })
  @Transform(trim)
  @IsText(2000)
  comment: string;
}

export class BankChangeResultResponse {
  @ApiProperty({ nullable: true, type: Number, description: 'The reversal of the original entry' })
  reversalEntryId: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The entry of the new values (none for a deletion)' })
  entryId: number | null;
}

export class ListEntriesQueryDto extends CompanyPageQueryDto {
  @ApiPropertyOptional() @QueryId() bankAccountId?: number;
  @ApiPropertyOptional() @QueryId() statementId?: number;
  @ApiPropertyOptional() @QueryId() statementLineId?: number;

  @ApiPropertyOptional({ example: 'BQ1' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,16}$/, { message: 'must be a journal code of 1 to 16 letters, digits, _ or -' })
  journalCode?: string;

  @ApiPropertyOptional({ example: 2025 })
  @IsOptional()
  @Transform(integerText)
  @IsIntegerBetween(1900, 2999)
  fiscalYear?: number;

  @ApiPropertyOptional({
    example: '2025-01-01',
    description: 'Entry date from (included)',
    type: String,
    format: 'date',
  })
  @IsOptional()
  @IsIsoDate()
  from?: string;

  @ApiPropertyOptional({ example: '2025-12-31', description: 'Entry date to (included)', type: String, format: 'date' })
  @IsOptional()
  @IsIsoDate()
  to?: string;

  @ApiPropertyOptional({ enum: ENTRY_KINDS })
  @IsOptional()
  @IsIn(ENTRY_KINDS, { message: `must be one of ${ENTRY_KINDS.join(', ')}` })
  kind?: EntryKind;
}

export class EntryLineResponse {
  @ApiProperty({ example: '512100' }) account: string;
  @ApiProperty({ example: 'Banque BNP' }) accountLabel: string;
  @ApiMoney() debit: Money;
  @ApiMoney() credit: Money;
}

export class EntryResponse {
  @ApiProperty() id: number;
  @ApiProperty() companyId: number;
  @ApiProperty() bankAccountId: number;
  @ApiProperty({ example: 'BQ1-2025-000042', description: 'The FEC EcritureNum' }) number: string;
  @ApiProperty() journalCode: string;
  @ApiProperty() journalName: string;
  @ApiProperty({ example: 2025 }) fiscalYear: number;
  @ApiProperty({ example: '2025-03-14', type: String, format: 'date' }) date: string;
  @ApiProperty({ description: 'When it was posted (FEC ValidDate)' }) validatedAt: Date;
  @ApiProperty({ description: 'The Bridge transaction id' }) pieceRef: string;
  @ApiProperty({ example: '2025-03-13', type: String, format: 'date' }) pieceDate: string;
  @ApiProperty() label: string;
  @ApiProperty({ enum: ENTRY_KINDS }) kind: EntryKind;
  @ApiProperty({ nullable: true, type: Number }) reversalOfId: number | null;
  @ApiProperty() statementId: number;
  @ApiProperty() statementLineId: number;
  @ApiProperty({ nullable: true, type: Number }) ruleId: number | null;
  @ApiProperty({ type: [EntryLineResponse] }) lines: EntryLineResponse[];

  static from(entry: JournalEntry): EntryResponse {
    return {
      id: entry.id,
      companyId: entry.companyId,
      bankAccountId: entry.bankAccountId,
      number: entry.ecritureNum,
      journalCode: entry.journalCode,
      journalName: entry.journalName,
      fiscalYear: entry.fiscalYear,
      date: entry.date,
      validatedAt: entry.validatedAt,
      pieceRef: entry.pieceRef,
      pieceDate: entry.pieceDate,
      label: entry.label,
      kind: entry.kind,
      reversalOfId: entry.reversalOfId,
      statementId: entry.statementId,
      statementLineId: entry.statementLineId,
      ruleId: entry.ruleId,
      lines: [...(entry.lines ?? [])]
        .sort((a, b) => a.position - b.position)
        .map((line) => ({
          account: line.account,
          accountLabel: line.accountLabel,
          debit: line.debit,
          credit: line.credit,
        })),
    };
  }
}

/** The answer of reject-bank-change. */
export class RejectBankChangeResponse {
  @ApiProperty({ enum: [true] }) rejected: true;
}
