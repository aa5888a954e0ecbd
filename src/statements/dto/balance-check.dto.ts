import { ApiProperty } from '@nestjs/swagger';
import { ApiInstant, ApiMoney } from '../../common/openapi/api-schema.js';

import type { Money } from '../../common/money/money.js';

export const BALANCE_CHECK_STATUSES = ['ok', 'diverged', 'unknown'] as const;
export type BalanceCheckStatus = (typeof BALANCE_CHECK_STATUSES)[number];

export class BalanceCheckSnapshotResponse {
  @ApiProperty({ example: '2026-11-26', description: 'Europe/Paris day of the Synchro', type: String, format: 'date' })
  day: string;
  @ApiInstant() takenAt: string;
  @ApiMoney({ description: 'The bank balance Bridge gave' }) bankBalance: Money;
  @ApiMoney({ description: 'The journal balance on that day' }) journalBalance: Money;
  @ApiProperty() agrees: boolean;
}

export class BalanceCheckSuspectResponse {
  @ApiProperty({
    enum: ['line', 'bank_transaction'],
    description: 'A statement line, or a mirrored operation on no statement line',
  })
  source: 'line' | 'bank_transaction';
  @ApiProperty({ description: 'The id of the line, or of the mirrored operation when it is on no line' }) id: number;
  @ApiProperty({ nullable: true, type: Number }) statementId: number | null;
  @ApiProperty({ nullable: true, type: Number }) bankTransactionId: number | null;
  @ApiProperty({ example: '2026-11-27', type: String, format: 'date' }) date: string;
  @ApiProperty() label: string;
  @ApiMoney() amount: Money;
  @ApiProperty({ description: 'False for an operation imported from the bank but on no statement line' })
  filed: boolean;
  @ApiProperty({ description: 'Its absolute amount is the absolute difference' }) matchesDifference: boolean;
}

/** docs/rules.md#balance-check */
export class BalanceCheckResponse {
  @ApiProperty() bankAccountId: number;
  @ApiProperty({ enum: BALANCE_CHECK_STATUSES }) status: BalanceCheckStatus;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '2026-11-26',
    description: 'The last day both agree',
    format: 'date',
  })
  correctUntil: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '2026-11-27',
    description: 'The day of the first snapshot of the latest run of disagreeing snapshots',
    format: 'date',
  })
  divergesFrom: string | null;
  @ApiMoney({ nullable: true, description: 'Bank − journal at divergesFrom' })
  difference: Money | null;
  @ApiMoney({ nullable: true, description: 'The bank balance at divergesFrom' })
  bankBalance: Money | null;
  @ApiMoney({ nullable: true, description: 'The journal balance at divergesFrom' })
  journalBalance: Money | null;
  @ApiProperty({
    type: [BalanceCheckSuspectResponse],
    description: 'The lines and unfiled operations dated after correctUntil up to divergesFrom',
  })
  suspects: BalanceCheckSuspectResponse[];
  @ApiProperty({ type: [BalanceCheckSnapshotResponse], description: 'The last 30 snapshots, oldest first' })
  snapshots: BalanceCheckSnapshotResponse[];
}
