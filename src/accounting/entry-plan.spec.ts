import { describe, expect, it } from '@jest/globals';

import {
  ecritureNum,
  entryLines,
  linePosting,
  reversedLines,
  type JournalAccounts,
  type PostableLine,
} from './entry-plan.js';

const bank = { account: '512100', accountLabel: 'Banque BNP' };
const suspense = { account: '471000', accountLabel: "Compte d'attente" };
const clearing = { account: '467100', accountLabel: 'Carte à débit différé' };
const accounts = (cardClearing: JournalAccounts['cardClearing'] = null): JournalAccounts => ({
  journalCode: 'BQ1',
  journalName: 'BNP',
  currency: 'EUR',
  bank,
  suspense,
  cardClearing,
});
const line = (overrides: Partial<PostableLine> = {}): PostableLine => ({
  id: 1,
  statementId: 1,
  date: '2025-03-01',
  label: 'X',
  amount: '-12.35',
  currency: 'EUR',
  revision: 0,
  bridgeTransactionId: 36000000000001,
  accountType: 'checking',
  operationType: 'card',
  transactionDate: null,
  operationDate: '2025-03-01',
  cleanLabel: null,
  originalLabel: null,
  ...overrides,
});

describe('entry plan', () => {
  it('should debit the bank for money in and credit it for money out, with absolute amounts', () => {
    expect(entryLines('1520.35', bank, suspense)).toEqual([
      { ...bank, debit: '1520.35', credit: '0.00' },
      { ...suspense, debit: '0.00', credit: '1520.35' },
    ]);
    expect(entryLines('-0.05', bank, suspense)).toEqual([
      { ...suspense, debit: '0.05', credit: '0.00' },
      { ...bank, debit: '0.00', credit: '0.05' },
    ]);
  });

  it('should swap the sides of a reversal', () => {
    expect(reversedLines(entryLines('-3.00', bank, suspense))).toEqual([
      { ...suspense, debit: '0.00', credit: '3.00' },
      { ...bank, debit: '3.00', credit: '0.00' },
    ]);
  });

  it('should post nothing for a zero amount', () => {
    expect(linePosting(line({ amount: '0.00' }), accounts())).toEqual({ kind: 'none', reason: 'zero' });
  });

  it('should post card lines against the bank without card clearing', () => {
    expect(linePosting(line({ accountType: 'card' }), accounts())).toEqual({
      kind: 'entry',
      bankSide: bank,
      counterpart: 'rule',
    });
  });

  it('should post card purchases against the clearing account, and clear it with the deferred total', () => {
    expect(linePosting(line({ accountType: 'card' }), accounts(clearing))).toEqual({
      kind: 'entry',
      bankSide: clearing,
      counterpart: 'rule',
    });
    expect(linePosting(line({ operationType: 'deferred_debit_card', amount: '-90.00' }), accounts(clearing))).toEqual({
      kind: 'entry',
      bankSide: bank,
      counterpart: clearing,
    });
    expect(
      linePosting(
        line({ accountType: 'card', operationType: 'deferred_debit_card', amount: '90.00' }),
        accounts(clearing),
      ),
    ).toEqual({
      kind: 'none',
      reason: 'card_settlement',
    });
  });

  it('should number entries with the journal, the fiscal year and six digits', () => {
    expect(ecritureNum('BQ1', 2025, 42)).toBe('BQ1-2025-000042');
  });
});
