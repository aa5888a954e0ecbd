import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, ValidateIf } from 'class-validator';
import { ApiMoney } from '../../common/openapi/api-schema.js';
import { AfterCursor } from '../../common/pagination/keyset.js';

import type { Money } from '../../common/money/money.js';
import { CompanyPageQueryDto, PageQueryDto, QueryId } from '../../common/pagination/page.js';
import { trim } from '../../common/validation/transforms.js';
import {
  IsIntegerBetween,
  IsIsoDate,
  IsMoney,
  IsOmittable,
  IsText,
  MAX_ID,
} from '../../common/validation/validators.js';
import { STATEMENT_STATES, type StatementState } from '../bank-statement.entity.js';

export class CreateStatementDto {
  @ApiProperty()
  @IsIntegerBetween(1, MAX_ID)
  bankAccountId: number;

  @ApiPropertyOptional({ example: 'Relevé BQ1 2026-11', description: 'Defaults to "Relevé <journal> <YYYY-MM>"' })
  @IsOmittable()
  @Transform(trim)
  @IsText(200)
  name?: string;

  @ApiProperty({ example: '2026-11-01', type: String, format: 'date' })
  @IsIsoDate()
  dateStart: string;

  @ApiPropertyOptional({
    example: '2026-11-30',
    nullable: true,
    description: 'Empty: the statement is open-ended',
    type: String,
    format: 'date',
  })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsIsoDate()
  dateEnd?: string | null;

  @ApiMoney({ default: '0.00', description: 'Decimal string', required: false })
  @IsOmittable()
  @IsMoney()
  balanceStart?: Money;
}

export class UpdateStatementDto extends PartialType(OmitType(CreateStatementDto, ['bankAccountId'] as const), {
  skipNullProperties: false,
}) {
  @ApiPropertyOptional({ enum: STATEMENT_STATES })
  @IsOmittable()
  @IsIn(STATEMENT_STATES, { message: `must be one of ${STATEMENT_STATES.join(', ')}` })
  state?: StatementState;

  @ApiPropertyOptional({
    description: 'Close although the end balance differs from the bank balance (needs closeComment)',
  })
  @IsOmittable()
  @IsBoolean()
  forceClose?: boolean;

  @ApiPropertyOptional({
    nullable: true,
    description: 'Why the statement is closed with a balance difference',
    type: String,
  })
  @IsOptional()
  @Transform(trim)
  @ValidateIf((_object, value) => value !== null)
  @IsText(2000)
  closeComment?: string | null;
}

export class ListStatementsQueryDto extends CompanyPageQueryDto {
  @ApiPropertyOptional()
  @QueryId()
  bankAccountId?: number;

  @ApiPropertyOptional({ enum: STATEMENT_STATES })
  @IsOptional()
  @IsIn(STATEMENT_STATES, { message: `must be one of ${STATEMENT_STATES.join(', ')}` })
  state?: StatementState;
}

export class StatementResponse {
  @ApiProperty() id: number;
  @ApiProperty() bankAccountId: number;
  @ApiProperty() name: string;
  @ApiProperty({ example: '2026-11-01', type: String, format: 'date' }) dateStart: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) dateEnd: string | null;
  @ApiMoney() balanceStart: Money;
  @ApiMoney({ description: 'Start balance plus the lines' }) balanceEnd: Money;
  @ApiMoney({ nullable: true, description: 'Balance reported by the bank at the last sync' })
  bankBalance: Money | null;
  @ApiProperty({ enum: STATEMENT_STATES }) state: StatementState;
  @ApiProperty({ nullable: true, type: String }) closeComment: string | null;
  @ApiProperty({ description: 'Closed with forceClose although the end balance differed from the bank balance' })
  forcedClose: boolean;
  @ApiProperty({ nullable: true, type: Date }) closedAt: Date | null;
  @ApiProperty() lineCount: number;
}

/** The bank's new values of a posted line, waiting for accept-bank-change or reject-bank-change. */
export class BankChangeResponse {
  @ApiProperty({ description: 'The bank deleted the operation' }) deleted: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) date: string | null;
  @ApiProperty({ nullable: true, type: String }) label: string | null;
  @ApiMoney({ nullable: true }) amount: Money | null;
}

export class StatementLineResponse {
  @ApiProperty() id: number;
  @ApiProperty() statementId: number;
  @ApiProperty({ example: '2026-11-12', type: String, format: 'date' }) date: string;
  @ApiProperty() label: string;
  @ApiProperty({ nullable: true, type: String }) cleanLabel: string | null;
  @ApiProperty({ nullable: true, type: String }) originalLabel: string | null;
  @ApiMoney() amount: Money;
  @ApiProperty() currency: string;
  @ApiProperty({ nullable: true, type: Number }) bridgeAccountId: number | null;
  @ApiProperty({ nullable: true, type: Number }) bridgeTransactionId: number | null;
  @ApiProperty({ nullable: true, type: String }) accountType: string | null;
  @ApiProperty({ nullable: true, type: String }) operationType: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) transactionDate: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) bookingDate: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) valueDate: string | null;
  @ApiProperty() reviewRequired: boolean;
  @ApiProperty({ nullable: true, type: String }) reviewNote: string | null;
  @ApiProperty({ nullable: true, type: BankChangeResponse }) bankChange: BankChangeResponse | null;
  @ApiProperty({ nullable: true, type: String, description: 'The last decision on a bank change, with its comment' })
  reviewResolution: string | null;
  @ApiProperty({
    description: 'Deleted by the bank after posting, the deletion accepted: reversed, out of the balance',
  })
  bankDeleted: boolean;
  @ApiProperty({ nullable: true, type: Date, description: 'When the line’s current values were posted' })
  postedAt: Date | null;
}

export class ListLinesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: '0',
    description:
      'The changes feed: the changes of the statement’s lines after this cursor, in order (`0` from the beginning, then ' +
      'the `nextCursor` of the previous answer). Without it, the lines in date order. `offset` is ignored with it.',
  })
  @IsOptional()
  @IsText(100)
  changedSince?: string;

  @AfterCursor()
  after?: string;
}

export const LINE_CHANGE_KINDS = ['created', 'updated', 'removed'] as const;
export type LineChangeKind = (typeof LINE_CHANGE_KINDS)[number];

export class LineChangeResponse {
  @ApiProperty({ enum: LINE_CHANGE_KINDS }) change: LineChangeKind;
  @ApiProperty({ description: 'The line’s id' }) id: number;
  @ApiProperty({ nullable: true, type: StatementLineResponse, description: 'The line as it is now; null when removed' })
  line: StatementLineResponse | null;
}

export class LineChangesPage {
  @ApiProperty({ type: [LineChangeResponse] }) items: LineChangeResponse[];
  @ApiProperty({ description: 'Send it as changedSince to read what follows (the same cursor when nothing changed)' })
  nextCursor: string;
  @ApiProperty({ description: 'More changes wait after this page: ask again at once with nextCursor' })
  hasMore: boolean;
}
