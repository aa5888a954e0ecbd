import { describe, expect, it } from '@jest/globals';

import { statementFigures, type StatementFiguresInput } from './statement-figures.js';

const NBSP = '\u00a0';
// Intl fr-FR groups thousands with a narrow no-break space.
const NNBSP = '\u202f';
const base: StatementFiguresInput = {
  statementId: 7,
  balanceStart: '49170.33',
  balanceEnd: '48458.56',
  bank: { balance: '48458.56', day: null, pastPeriod: false },
  bankBalanceAt: '2026-11-26T09:00:00.000Z',
  dateEnd: null,
  toReview: 0,
};

describe('statementFigures', () => {
  it('should show the figures in French with no gap when the computed end is the bank balance', () => {
    const figures = statementFigures(base);
    expect(figures).toMatchObject({
      opening: `49${NNBSP}170,33${NBSP}€`,
      computedEnd: `48${NNBSP}458,56${NBSP}€`,
      bank: `48${NNBSP}458,56${NBSP}€`,
      bankLabel: 'Solde bancaire du jour (synchro du 26/11/2026)',
      gap: `0,00${NBSP}€`,
      gapTone: 'ok',
      gapText: 'Aucun écart',
      toReviewText: 'Aucune ligne à revoir',
    });
  });

  it('should colour a gap and compare a past period with the balance at its end', () => {
    const figures = statementFigures({
      ...base,
      balanceEnd: '-711.77',
      bank: { balance: '48458.56', day: '2026-10-30', pastPeriod: true },
      dateEnd: '2026-10-31',
      toReview: 3,
    });
    expect(figures).toMatchObject({
      computedEnd: `-711,77${NBSP}€`,
      bankLabel: 'Solde bancaire en fin de période (au 30/10/2026)',
      gap: `-49${NNBSP}170,33${NBSP}€`,
      gapTone: 'gap',
      gapText: `Écart de -49${NNBSP}170,33${NBSP}€`,
      toReview: 3,
      toReviewText: '3 lignes à revoir',
      toReviewHref: '/admin/resources/StatementLine?filters.statementId=7&filters.reviewRequired=true',
    });
    expect(statementFigures({ ...base, toReview: 1 }).toReviewText).toBe('1 ligne à revoir');
  });

  it('should say when no bank balance is known, for the period or today', () => {
    expect(
      statementFigures({ ...base, bank: { balance: null, day: null, pastPeriod: true }, dateEnd: '2026-10-31' }),
    ).toMatchObject({
      bank: null,
      gap: null,
      gapTone: 'unknown',
      bankLabel: 'Solde bancaire en fin de période (aucune synchro entre le début de la période et le 31/10/2026)',
    });
    expect(
      statementFigures({ ...base, bank: { balance: null, day: null, pastPeriod: false }, bankBalanceAt: null })
        .bankLabel,
    ).toBe('Solde bancaire du jour (aucune synchro)');
  });
});
