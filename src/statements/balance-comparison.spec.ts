import { describe, expect, it } from '@jest/globals';

import { compareBalances, type SnapshotPoint } from './balance-comparison.js';

const snap = (day: string, balance: string): SnapshotPoint => ({ day, balance });
const journal = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('compareBalances (docs/rules.md#balance-check)', () => {
  it('should say unknown without snapshots or without a statement', () => {
    expect(compareBalances([], journal({}))).toEqual({ status: 'unknown', compared: [] });
    expect(compareBalances([snap('2026-11-26', '10.00')], null)).toEqual({ status: 'unknown', compared: [] });
  });

  it('should say ok up to the latest snapshot when it agrees, even after an old disagreement', () => {
    const verdict = compareBalances(
      [snap('2026-11-24', '100.00'), snap('2026-11-25', '90.00'), snap('2026-11-26', '80.5')],
      journal({ '2026-11-24': '100.00', '2026-11-25': '95.00', '2026-11-26': '80.50' }),
    );
    expect(verdict).toEqual({
      status: 'ok',
      correctUntil: '2026-11-26',
      compared: [
        { day: '2026-11-24', bankBalance: '100.00', journalBalance: '100.00', agrees: true },
        { day: '2026-11-25', bankBalance: '90.00', journalBalance: '95.00', agrees: false },
        { day: '2026-11-26', bankBalance: '80.50', journalBalance: '80.50', agrees: true },
      ],
    });
  });

  it('should name the first disagreeing day, the last agreeing one and the difference bank − journal', () => {
    const verdict = compareBalances(
      [snap('2026-11-14', '500.00'), snap('2026-11-15', '487.66'), snap('2026-11-16', '400.00')],
      journal({ '2026-11-14': '500.00', '2026-11-15': '500.00', '2026-11-16': '412.34' }),
    );
    expect(verdict).toMatchObject({
      status: 'diverged',
      correctUntil: '2026-11-14',
      divergesFrom: '2026-11-15',
      difference: '-12.34',
      bankBalance: '487.66',
      journalBalance: '500.00',
    });
  });

  it('should start the divergence at the latest run of disagreements once the journal had recovered', () => {
    const verdict = compareBalances(
      [
        snap('2026-11-10', '100.00'),
        snap('2026-11-11', '120.00'),
        snap('2026-11-12', '130.00'),
        snap('2026-11-13', '140.00'),
        snap('2026-11-14', '150.00'),
      ],
      journal({
        '2026-11-10': '100.00',
        '2026-11-11': '100.00',
        '2026-11-12': '130.00',
        '2026-11-13': '139.99',
        '2026-11-14': '149.99',
      }),
    );
    expect(verdict).toMatchObject({
      status: 'diverged',
      correctUntil: '2026-11-12',
      divergesFrom: '2026-11-13',
      difference: '0.01',
    });
  });

  it('should compare several snapshots of a day each with that day’s journal balance', () => {
    const days = journal({ '2026-11-20': '200.00', '2026-11-21': '210.00' });
    const agreedThenNot = compareBalances(
      [snap('2026-11-20', '200.00'), snap('2026-11-21', '210.00'), snap('2026-11-21', '215.00')],
      days,
    );
    expect(agreedThenNot).toMatchObject({
      status: 'diverged',
      correctUntil: '2026-11-21',
      divergesFrom: '2026-11-21',
      difference: '5.00',
    });
    const notThenAgreed = compareBalances(
      [snap('2026-11-20', '200.00'), snap('2026-11-21', '215.00'), snap('2026-11-21', '210.00')],
      days,
    );
    expect(notThenAgreed).toMatchObject({ status: 'ok', correctUntil: '2026-11-21' });
  });

  it('should have no correct day when no snapshot ever agreed', () => {
    const verdict = compareBalances(
      [snap('2026-11-20', '0.00'), snap('2026-11-21', '-3.00')],
      journal({ '2026-11-20': '1.00', '2026-11-21': '1.00' }),
    );
    expect(verdict).toMatchObject({
      status: 'diverged',
      correctUntil: null,
      divergesFrom: '2026-11-20',
      difference: '-1.00',
    });
  });

  it('should refuse a snapshot day it was given no journal balance for', () => {
    expect(() => compareBalances([snap('2026-11-20', '1.00')], journal({}))).toThrow('2026-11-20');
  });
});
