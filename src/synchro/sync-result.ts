import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

import { ApiInstant, ApiInteger, ApiMoney } from '../common/openapi/api-schema.js';
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

/** The Synchro imported the bank's operations. */
export class SyncSyncedResponse {
  @ApiProperty({ enum: ['synced'] }) status: 'synced';
  @ApiInteger({ description: 'New lines put into the statement' }) imported: number;
  @ApiInteger({ description: 'Unposted lines changed to follow the bank' }) updated: number;
  @ApiInteger({ description: 'Unposted lines removed because the bank deleted them' }) removed: number;
  @ApiInteger({ description: 'Fetched operations left out of this statement (another period, future, deleted)' })
  skipped: number;
  @ApiInteger({ description: 'Posted lines the bank changed or deleted: flagged for a person' }) reviewRequired: number;
  @ApiInteger({ description: 'Operations Bridge sent with an invalid value (named in the warnings), not imported' })
  rejected: number;
  @ApiMoney({ description: 'The balance the bank reports for the account' }) bankBalance: Money;
  @ApiInteger({ description: 'Bridge item (bank connection) used' }) itemId: number;
  @ApiInstant({ nullable: true, description: 'End of the 180-day SCA consent' }) consentExpiresAt: string | null;
  @ApiProperty({ type: [String] }) warnings: string[];
}

/** No bank connection yet: the user opens the funnel, then runs the Synchro again. */
export class SyncConnectRequiredResponse {
  @ApiProperty({ enum: ['connect_required'] }) status: 'connect_required';
  @ApiProperty({ description: "Bridge's funnel: open it in the user's browser" }) connectUrl: string;
}

/** The bank connection needs the user (SCA renewal, new credentials...): the funnel repairs it. */
export class SyncReauthRequiredResponse {
  @ApiProperty({ enum: ['reauth_required'] }) status: 'reauth_required';
  @ApiProperty({ description: "Bridge's funnel: open it in the user's browser" }) connectUrl: string;
  @ApiInteger({ description: 'Bridge item (bank connection) to repair' }) itemId: number;
  @ApiProperty({ enum: ['sca', 'credentials', 'bank_action', 'pro_validation'] }) reason: ItemSessionReason;
  @ApiProperty() message: string;
}

/** An account offered by `account_choice_required`. */
export class AccountCandidateResponse {
  @ApiInteger() bridgeAccountId: number;
  @ApiInteger() itemId: number;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'checking' }) type: string;
  @ApiProperty({ type: String, nullable: true }) bankName: string | null;
  @ApiMoney() balance: Money;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ type: String, nullable: true, example: 'FR76 •••• •••• •••• •••• •••0 189' }) ibanMasked:
    string | null;
}

/** None of the user's Bridge accounts carries the journal's IBAN: the user picks one to link (or adds a bank). */
export class SyncAccountChoiceRequiredResponse {
  @ApiProperty({ enum: ['account_choice_required'] }) status: 'account_choice_required';
  @ApiProperty() message: string;
  @ApiProperty({
    type: [AccountCandidateResponse],
    description: "The user's Bridge accounts, one of which can be linked",
  })
  accounts: AccountCandidateResponse[];
}

/** The answers of POST statements/:id/sync, by `status` (the OpenAPI `oneOf`; one class per SyncResult case). */
export const SYNC_RESPONSES = {
  synced: SyncSyncedResponse,
  connect_required: SyncConnectRequiredResponse,
  reauth_required: SyncReauthRequiredResponse,
  account_choice_required: SyncAccountChoiceRequiredResponse,
} satisfies Record<SyncResult['status'], unknown>;
