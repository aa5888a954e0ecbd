import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

import { IsIntegerBetween, IsOmittable, MAX_EXTERNAL_ID, MAX_ID } from '../common/validation/validators.js';

import type { ItemSessionReason } from '../bridge/bridge.types.js';
import type { Money } from '../common/money/money.js';
import type { AccountChoice } from './account-choice.js';

export class SyncRequestDto {
  @ApiProperty({ description: 'The ERP user whose e-mail connects to Bridge' })
  @IsIntegerBetween(1, MAX_ID)
  userId: number;

  @ApiPropertyOptional({
    description: "Open a new funnel to connect another bank, even when the user's items already hold accounts",
  })
  @IsOmittable()
  @IsBoolean()
  addBank?: boolean;
}

/** Link one of the user's Bridge accounts to the statement's journal (its `bridgeAccountId`), then run the Synchro. */
export class LinkAccountRequestDto {
  @ApiProperty({ description: 'The ERP user whose e-mail connects to Bridge' })
  @IsIntegerBetween(1, MAX_ID)
  userId: number;

  @ApiProperty({ description: 'One of the accounts of an `account_choice_required` answer' })
  @IsIntegerBetween(1, MAX_EXTERNAL_ID)
  bridgeAccountId: number;
}

export interface SyncCounts {
  /** New lines put into the statement. */
  imported: number;
  /** Unposted lines changed to follow the bank. */
  updated: number;
  /** Unposted lines removed because the bank deleted them. */
  removed: number;
  /** Fetched operations left out of this statement (another period, future, deferred totals, deleted). */
  skipped: number;
  /** Posted lines the bank changed or deleted: flagged for a person. */
  reviewRequired: number;
  /** Operations Bridge sent with a value that cannot be stored (listed in the warnings): left at Bridge, not imported. */
  rejected: number;
}

export type SyncResult =
  | ({
      status: 'synced';
      bankBalance: Money;
      itemId: number;
      consentExpiresAt: string | null;
      warnings: string[];
    } & SyncCounts)
  | { status: 'connect_required'; connectUrl: string }
  | { status: 'reauth_required'; connectUrl: string; itemId: number; reason: ItemSessionReason; message: string }
  | AccountChoice;

/** An account offered by `account_choice_required`. */
export class AccountCandidateResponse {
  @ApiProperty() bridgeAccountId: number;
  @ApiProperty() itemId: number;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'checking' }) type: string;
  @ApiProperty({ type: String, nullable: true }) bankName: string | null;
  @ApiProperty({ example: '1520.35' }) balance: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ type: String, nullable: true, example: 'FR76 •••• •••• •••• •••• •••0 189' }) ibanMasked:
    string | null;
}

/** OpenAPI shape of the four answers (one object with optional fields). */
export class SyncResponse {
  @ApiProperty({ enum: ['synced', 'connect_required', 'reauth_required', 'account_choice_required'] }) status: string;
  @ApiPropertyOptional() imported?: number;
  @ApiPropertyOptional() updated?: number;
  @ApiPropertyOptional() removed?: number;
  @ApiPropertyOptional() skipped?: number;
  @ApiPropertyOptional() reviewRequired?: number;
  @ApiPropertyOptional({
    description: 'Operations Bridge sent with an invalid value (named in the warnings), not imported',
  })
  rejected?: number;
  @ApiPropertyOptional({ example: '1520.35' }) bankBalance?: string;
  @ApiPropertyOptional({ description: 'Bridge item (bank connection) used or to repair' }) itemId?: number;
  @ApiPropertyOptional({ description: 'End of the 180-day SCA consent' }) consentExpiresAt?: string | null;
  @ApiPropertyOptional({ type: [String] }) warnings?: string[];
  @ApiPropertyOptional({ description: "Bridge's funnel: open it in the user's browser" }) connectUrl?: string;
  @ApiPropertyOptional({ enum: ['sca', 'credentials', 'bank_action', 'pro_validation'] }) reason?: string;
  @ApiPropertyOptional() message?: string;
  @ApiPropertyOptional({
    type: [AccountCandidateResponse],
    description: "account_choice_required: the user's Bridge accounts, one of which can be linked",
  })
  accounts?: AccountCandidateResponse[];
}
