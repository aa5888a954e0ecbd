import type { BridgeAccount, BridgeBank, BridgeItem } from '../bridge/bridge.types.js';
import type { Money } from '../common/money/money.js';

/** One of the user's Bridge accounts, offered to be linked to the journal (docs/rules.md#account-choice). */
export interface AccountCandidate {
  bridgeAccountId: number;
  itemId: number;
  name: string;
  type: string;
  bankName: string | null;
  balance: Money;
  currency: string;
  /** Country, check digits and the last four characters; null when the account carries no IBAN (cards). */
  ibanMasked: string | null;
}

export interface AccountChoice {
  status: 'account_choice_required';
  message: string;
  accounts: AccountCandidate[];
}

/**
 * `FR7630006000011234567890189` → `FR76 •••• •••• •••• •••• •••0 189`: the groups of four of the printed IBAN, every
 * character hidden but the country, the check digits and the last four.
 */
export function maskIban(iban: string | null): string | null {
  if (!iban) {
    return null;
  }
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  if (compact.length <= 8) {
    return compact;
  }
  const masked = compact.slice(0, 4) + '•'.repeat(compact.length - 8) + compact.slice(-4);
  return masked.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The accounts the user shares with us, in their items' order then by id, each with its bank's name when known. */
export function accountCandidates(
  accounts: BridgeAccount[],
  items: BridgeItem[],
  banks: BridgeBank[],
): AccountCandidate[] {
  const bankNames = new Map(banks.map((bank) => [bank.id, bank.name]));
  const itemIds = new Set(items.map((item) => item.id));
  return accounts
    .filter((account) => account.dataAccess !== 'disabled' && itemIds.has(account.itemId))
    .sort((a, b) => a.itemId - b.itemId || a.id - b.id)
    .map((account) => ({
      bridgeAccountId: account.id,
      itemId: account.itemId,
      name: account.name,
      type: account.type,
      bankName: bankNames.get(account.providerId) ?? null,
      balance: account.balance,
      currency: account.currency,
      ibanMasked: maskIban(account.iban),
    }));
}

export function accountChoice(journalCode: string, iban: string | null, candidates: AccountCandidate[]): AccountChoice {
  const message = iban
    ? `Aucun de vos comptes connectés chez Bridge ne porte l'IBAN ${maskIban(iban)} du journal ${journalCode} : associez l'un d'eux au journal, ou ajoutez une banque.`
    : `Le journal ${journalCode} n'a pas encore de compte Bridge : associez l'un de vos comptes connectés, ou ajoutez une banque.`;
  return { status: 'account_choice_required', message, accounts: candidates };
}
