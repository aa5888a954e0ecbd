import Big from 'big.js';

import type { BalanceCheckResponse } from '../src/statements/dto/balance-check.dto.js';
import { frenchAmount, frenchDate } from './french-format.js';

export type BalanceBadgeTone = 'ok' | 'diverged' | 'unknown';

export interface BalanceBadge {
  tone: BalanceBadgeTone;
  text: string;
}

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
      text: `Écart de ${frenchAmount(new Big(check.difference).abs().toFixed(2))} depuis le ${frenchDate(check.divergesFrom)}`,
    };
  }
  return { tone: 'unknown', text: 'Solde bancaire non vérifié (aucun relevé de solde)' };
}
