/** The Bridge account types (BRIDGE-API.md §16), as the back-office shows them. */
export const ACCOUNT_TYPE_LABELS: Record<string, string> = {
  checking: 'Compte courant',
  savings: 'Épargne',
  brokerage: 'Compte-titres',
  card: 'Carte',
  loan: 'Prêt',
  shared_saving_plan: 'Plan d’épargne salariale',
  pending: 'En attente',
  life_insurance: 'Assurance vie',
  special: 'Compte spécial',
  unknown: 'Inconnu',
};

/** The Bridge operation types (BRIDGE-API.md, operation_type), as the back-office shows them. */
export const OPERATION_TYPE_LABELS: Record<string, string> = {
  card: 'Carte',
  deferred_debit_card: 'Carte à débit différé',
  transfer: 'Virement',
  direct_debit: 'Prélèvement',
  check: 'Chèque',
  withdrawal: 'Retrait',
  deposit: 'Dépôt',
  unknown: 'Inconnu',
};

/** "checking" → "Compte courant"; a type Bridge adds later is shown as it comes ("this list can evolve"). */
export function accountTypeLabel(type: string | null | undefined): string {
  return type ? (ACCOUNT_TYPE_LABELS[type] ?? type) : '';
}

export function operationTypeLabel(type: string | null | undefined): string {
  return type ? (OPERATION_TYPE_LABELS[type] ?? type) : '';
}

/** A comma-separated list of account types ("checking,card") → "Compte courant, Carte". */
export function accountTypesLabel(types: string | null | undefined): string {
  return (types ?? '')
    .split(',')
    .map((type) => type.trim())
    .filter(Boolean)
    .map(accountTypeLabel)
    .join(', ');
}
