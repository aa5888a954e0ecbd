import { describe, expect, it } from '@jest/globals';

import {
  compileLabelRegex,
  firstMatchingRule,
  ruleMatches,
  sortRules,
  type RuleCriteria,
} from './counterpart-matching.js';

const rule = (overrides: Partial<RuleCriteria> = {}): RuleCriteria => ({
  labelContains: null,
  labelRegex: null,
  sign: 'any',
  amountMin: null,
  amountMax: null,
  active: true,
  ...overrides,
});

describe('counterpart rule matching', () => {
  it('should match a label case- and accent-insensitively, on any of the line labels', () => {
    expect(
      ruleMatches(rule({ labelContains: 'prélèvement urssaf' }), {
        labels: ['PRELEVEMENT URSSAF 11/2026'],
        amount: '-12.00',
      }),
    ).toBe(true);
    expect(
      ruleMatches(rule({ labelContains: 'URSSAF' }), {
        labels: ['PRLV SEPA 123', 'Urssaf Île-de-France'],
        amount: '-1.00',
      }),
    ).toBe(true);
    expect(ruleMatches(rule({ labelContains: 'URSSAF' }), { labels: ['PRLV SEPA 123'], amount: '-1.00' })).toBe(false);
  });

  it('should match a regex the same way', () => {
    const regex = rule({ labelRegex: '^carte x\\d{4} .*relève' });
    expect(ruleMatches(regex, { labels: ['CARTE X1234 RELEVE DIFFERE'], amount: '-50.00' })).toBe(true);
    expect(ruleMatches(regex, { labels: ['VIR CARTE X1234'], amount: '-50.00' })).toBe(false);
    expect(() => compileLabelRegex('(unclosed')).toThrow(SyntaxError);
  });

  it('should follow the sign: debit is money out, credit money in', () => {
    expect(ruleMatches(rule({ sign: 'debit' }), { labels: ['x'], amount: '-0.05' })).toBe(true);
    expect(ruleMatches(rule({ sign: 'debit' }), { labels: ['x'], amount: '0.05' })).toBe(false);
    expect(ruleMatches(rule({ sign: 'credit' }), { labels: ['x'], amount: '1520.35' })).toBe(true);
    expect(ruleMatches(rule({ sign: 'credit' }), { labels: ['x'], amount: '-1520.35' })).toBe(false);
  });

  it('should bound the absolute amount, bounds included', () => {
    const bounded = rule({ amountMin: '10.00', amountMax: '1000.00' });
    expect(ruleMatches(bounded, { labels: ['x'], amount: '-10.00' })).toBe(true);
    expect(ruleMatches(bounded, { labels: ['x'], amount: '1000.00' })).toBe(true);
    expect(ruleMatches(bounded, { labels: ['x'], amount: '-9.99' })).toBe(false);
    expect(ruleMatches(bounded, { labels: ['x'], amount: '1000.01' })).toBe(false);
  });

  it('should skip inactive rules and never match a zero amount', () => {
    expect(ruleMatches(rule({ active: false }), { labels: ['x'], amount: '1.00' })).toBe(false);
    expect(ruleMatches(rule(), { labels: ['x'], amount: '0.00' })).toBe(false);
  });

  it('should take the first rule by priority, ties by id', () => {
    const rules = sortRules([
      { ...rule({ labelContains: 'frais' }), id: 3, priority: 10 },
      { ...rule({ labelContains: 'frais' }), id: 2, priority: 10 },
      { ...rule(), id: 1, priority: 50 },
    ]);
    expect(firstMatchingRule(rules, { labels: ['FRAIS TENUE'], amount: '-3.00' }, new Map())?.id).toBe(2);
    expect(firstMatchingRule(rules, { labels: ['VIR'], amount: '-3.00' }, new Map())?.id).toBe(1);
  });
});
