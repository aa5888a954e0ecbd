import Big from 'big.js';

import type { Money } from '../common/money/money.js';
import type { CounterpartRule } from './counterpart-rule.entity.js';

/** The texts a rule looks at: the line's label and both labels the bank gave. */
export interface MatchableLine {
  labels: string[];
  amount: Money;
}

export type RuleCriteria = Pick<
  CounterpartRule,
  'labelContains' | 'labelRegex' | 'sign' | 'amountMin' | 'amountMax' | 'active'
>;

/** Lower case without accents: "Prélèvement URSSAF" and "PRELEVEMENT urssaf" read the same. */
export function foldText(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Compiles a rule's regex as matching runs it (case- and accent-insensitive); throws a SyntaxError on a bad one. */
export function compileLabelRegex(source: string): RegExp {
  return new RegExp(foldText(source), 'iu');
}

/** docs/rules.md#counterpart-rules: whether an active rule matches a line (every criterion it sets must hold). */
export function ruleMatches(rule: RuleCriteria, line: MatchableLine, regex?: RegExp | null): boolean {
  if (!rule.active) {
    return false;
  }
  const amount = new Big(line.amount);
  if (amount.eq(0)) {
    return false;
  }
  if (rule.sign === 'debit' && amount.gt(0)) return false;
  if (rule.sign === 'credit' && amount.lt(0)) return false;
  const absolute = amount.abs();
  if (rule.amountMin !== null && absolute.lt(rule.amountMin)) return false;
  if (rule.amountMax !== null && absolute.gt(rule.amountMax)) return false;
  const texts = line.labels.filter((label) => label !== '').map(foldText);
  if (rule.labelContains !== null && rule.labelContains !== '') {
    const needle = foldText(rule.labelContains);
    if (!texts.some((text) => text.includes(needle))) return false;
  }
  if (rule.labelRegex !== null && rule.labelRegex !== '') {
    const compiled = regex ?? compileLabelRegex(rule.labelRegex);
    if (!texts.some((text) => compiled.test(text))) return false;
  }
  return true;
}

/** The first matching rule, rules being sorted by priority then id. */
export function firstMatchingRule<T extends RuleCriteria & { id: number; priority: number }>(
  rules: readonly T[],
  line: MatchableLine,
  compiled: ReadonlyMap<number, RegExp>,
): T | undefined {
  return rules.find((rule) => ruleMatches(rule, line, compiled.get(rule.id) ?? null));
}

export function sortRules<T extends { id: number; priority: number }>(rules: T[]): T[] {
  return [...rules].sort((a, b) => a.priority - b.priority || a.id - b.id);
}
