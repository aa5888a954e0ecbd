import Big from 'big.js';

import type { BalanceCheckResponse } from '../src/statements/dto/balance-check.dto.js';

export type BalanceBadgeTone = 'ok' | 'diverged' | 'unknown';

export interface BalanceBadge {
  tone: BalanceBadgeTone;
  text: string;
}

const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/** docs/rules.md#balance-check: the statement page's badge, in French, from the bank account's balance check. */
export function balanceBadgeOf(
  check: Pick<BalanceCheckResponse, 'status' | 'correctUntil' | 'divergesFrom' | 'difference'>,
): BalanceBadge {
  if (check.status === 'ok' && check.correctUntil) {
    return { tone: 'ok', text: `Solde conforme jusqu'au ${frenchDate(check.correctUntil)}` };
  }
  if (check.status === 'diverged' && check.divergesFrom && check.difference !== null) {
    return {
      tone: 'diverged',
      text: `Écart de ${frenchEuros(new Big(check.difference).abs().toFixed(2))} depuis le ${frenchDate(check.divergesFrom)}`,
    };
  }
  return { tone: 'unknown', text: 'Solde bancaire non vérifié (aucun relevé de solde)' };
}

/** "2026-11-30" → "30/11/2026", as fr-FR writes it. */
export function frenchDate(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}

/** A decimal string in euros the fr-FR way ("1 234,56 €"); Intl formats the string exactly, never through a float. */
export function frenchEuros(amount: string): string {
  return EUROS.format(amount as unknown as number);
}
