import { describe, expect, it } from '@jest/globals';

import { balanceBadgeOf } from './balance-badge.js';

describe('balanceBadgeOf (docs/rules.md#balance-check)', () => {
  it('should say until when the balance was right', () => {
    expect(balanceBadgeOf({ status: 'ok', correctUntil: '2026-11-30', divergesFrom: null, difference: null })).toEqual({
      tone: 'ok',
      text: "Solde conforme jusqu'au 30/11/2026",
    });
  });

  it('should give the difference in French euros and the first day of divergence', () => {
    const badge = balanceBadgeOf({
      status: 'diverged',
      correctUntil: '2026-11-14',
      divergesFrom: '2026-11-15',
      difference: '-12.34',
    });
    expect(badge).toEqual({ tone: 'diverged', text: 'Écart de 12,34\u00a0€ depuis le 15/11/2026' });
    const large = balanceBadgeOf({
      status: 'diverged',
      correctUntil: null,
      divergesFrom: '2026-01-02',
      difference: '9876543210123.45',
    });
    expect(large.text).toBe('Écart de 9\u202f876\u202f543\u202f210\u202f123,45\u00a0€ depuis le 02/01/2026');
  });

  it('should say the balance is not checked without snapshots', () => {
    expect(balanceBadgeOf({ status: 'unknown', correctUntil: null, divergesFrom: null, difference: null })).toEqual({
      tone: 'unknown',
      text: 'Solde bancaire non vérifié (aucun relevé de solde)',
    });
  });
});
