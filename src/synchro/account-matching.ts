import type { BridgeAccount } from '../bridge/bridge.types.js';

export interface JournalAccountSettings {
  /** The journal's IBAN, electronic format. */
  iban: string | null;
  /** Forced Bridge account: wins over the IBAN. */
  bridgeAccountId: number | null;
  /** Bridge account types fed into the journal. */
  accountTypes: string[];
}

export interface AccountMatch {
  /** The account carrying the journal's IBAN (or the forced one): its item is the bank connection to use. */
  main: BridgeAccount;
  /** The accounts whose transactions feed the journal: the main one first. */
  feeding: BridgeAccount[];
}

/**
 * docs/rules.md#iban-matching: the account with the journal's IBAN (or the forced account id), plus the accounts of the same item
 * whose type is listed and that carry no IBAN or the same IBAN (card accounts carry none). An account with another
 * IBAN belongs to another journal; an account the user stopped sharing feeds nothing.
 */
export function matchAccounts(accounts: BridgeAccount[], settings: JournalAccountSettings): AccountMatch | null {
  const shared = accounts.filter((account) => account.dataAccess !== 'disabled');
  const main =
    (settings.bridgeAccountId !== null
      ? shared.find((account) => account.id === settings.bridgeAccountId)
      : undefined) ?? pickByIban(shared, settings);
  if (!main) {
    return null;
  }
  const feeding = shared.filter(
    (account) =>
      account.id !== main.id &&
      account.itemId === main.itemId &&
      settings.accountTypes.includes(account.type) &&
      (account.iban === null || account.iban === main.iban),
  );
  return { main, feeding: [main, ...feeding] };
}

// Sub-accounts may share one IBAN: prefer one whose type the journal takes, then the lowest id (stable).
function pickByIban(accounts: BridgeAccount[], settings: JournalAccountSettings): BridgeAccount | undefined {
  if (!settings.iban) {
    return undefined;
  }
  const candidates = accounts.filter((account) => account.iban === settings.iban).sort((a, b) => a.id - b.id);
  return candidates.find((account) => settings.accountTypes.includes(account.type)) ?? candidates[0];
}
