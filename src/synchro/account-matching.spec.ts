import { describe, expect, it } from '@jest/globals';

import type { BridgeAccount } from '../bridge/bridge.types.js';
import { matchAccounts } from './account-matching.js';

const IBAN = 'FR7630006000011234567890189';
const account = (id: number, type: string, iban: string | null, itemId = 1, dataAccess = 'enabled'): BridgeAccount => ({
  id,
  itemId,
  name: `${type} ${id}`,
  type,
  balance: '0.00',
  currency: 'EUR',
  iban,
  providerId: 574,
  pro: false,
  dataAccess,
  updatedAt: null,
});

describe('matchAccounts', () => {
  const accounts = [
    account(10, 'checking', IBAN),
    account(11, 'card', null),
    account(12, 'savings', 'FR7630006000011234567890100'),
    account(13, 'card', null, 2),
    account(14, 'loan', null),
  ];

  it('should take the IBAN account and the listed types of its item without another IBAN', () => {
    const match = matchAccounts(accounts, {
      iban: IBAN,
      bridgeAccountId: null,
      accountTypes: ['checking', 'card', 'savings'],
    })!;
    expect(match.main.id).toBe(10);
    expect(match.feeding.map((item) => item.id)).toEqual([10, 11]);
  });

  it('should keep only the IBAN account when the types list has only checking', () => {
    expect(
      matchAccounts(accounts, { iban: IBAN, bridgeAccountId: null, accountTypes: ['checking'] })!.feeding.map(
        (item) => item.id,
      ),
    ).toEqual([10]);
  });

  it('should let a forced account id win over the IBAN, and fall back to the IBAN when it is gone', () => {
    expect(
      matchAccounts(accounts, { iban: IBAN, bridgeAccountId: 13, accountTypes: ['card'] })!.feeding.map(
        (item) => item.id,
      ),
    ).toEqual([13]);
    expect(matchAccounts(accounts, { iban: IBAN, bridgeAccountId: 999, accountTypes: ['checking'] })!.main.id).toBe(10);
  });

  it('should find nothing for an unknown IBAN or an account no longer shared', () => {
    expect(
      matchAccounts(accounts, { iban: 'DE89370400440532013000', bridgeAccountId: null, accountTypes: ['checking'] }),
    ).toBeNull();
    expect(
      matchAccounts([account(10, 'checking', IBAN, 1, 'disabled')], {
        iban: IBAN,
        bridgeAccountId: null,
        accountTypes: ['checking'],
      }),
    ).toBeNull();
    expect(matchAccounts(accounts, { iban: null, bridgeAccountId: null, accountTypes: ['checking'] })).toBeNull();
  });
});
