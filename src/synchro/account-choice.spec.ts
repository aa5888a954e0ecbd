import { describe, expect, it } from '@jest/globals';

import type { BridgeAccount } from '../bridge/bridge.types.js';
import { accountCandidates, accountChoice, maskIban } from './account-choice.js';

const account = (id: number, itemId: number, iban: string | null, dataAccess = 'enabled'): BridgeAccount => ({
  id,
  itemId,
  name: `Compte ${id}`,
  type: iban ? 'checking' : 'card',
  balance: '12.30',
  currency: 'EUR',
  iban,
  providerId: 574,
  pro: false,
  dataAccess,
  updatedAt: null,
});

describe('maskIban', () => {
  it('should keep the country, the check digits and the last four characters only', () => {
    expect(maskIban('FR7630006000011234567890189')).toBe('FR76 •••• •••• •••• •••• •••0 189');
    expect(maskIban('fr76 3000 6000 0112 3456 7890 189')).toBe('FR76 •••• •••• •••• •••• •••0 189');
    expect(maskIban('DE89370400440532013000')).toBe('DE89 •••• •••• •••• ••30 00');
  });

  it('should answer null without an IBAN', () => {
    expect(maskIban(null)).toBeNull();
    expect(maskIban('')).toBeNull();
  });
});

describe('accountCandidates', () => {
  it('should list the shared accounts of the items, by item then id, with the bank name and no full IBAN', () => {
    const candidates = accountCandidates(
      [
        account(7, 2, 'FR7630006000011234567890189'),
        account(5, 2, null),
        account(3, 1, null, 'disabled'),
        account(9, 8, null),
      ],
      [
        {
          id: 2,
          status: 0,
          statusCodeInfo: null,
          statusDescription: null,
          providerId: 574,
          authenticationExpiresAt: null,
        },
      ],
      [{ id: 574, name: 'BNP Paribas', countryCode: 'FR', logoUrl: null }],
    );
    expect(candidates).toEqual([
      {
        bridgeAccountId: 5,
        itemId: 2,
        name: 'Compte 5',
        type: 'card',
        bankName: 'BNP Paribas',
        balance: '12.30',
        currency: 'EUR',
        ibanMasked: null,
      },
      expect.objectContaining({ bridgeAccountId: 7, ibanMasked: 'FR76 •••• •••• •••• •••• •••0 189' }),
    ]);
  });

  it('should name the journal in French in the answer', () => {
    expect(accountChoice('BQ2', 'FR7630006000011234567890189', []).message).toContain('journal BQ2');
    expect(accountChoice('BQ2', null, []).message).toContain('journal BQ2');
  });
});
