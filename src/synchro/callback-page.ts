/** The French status page shown in the user's browser when Bridge sends them back. */
export interface CallbackPageParams {
  success: boolean;
  step: string | null;
  statementName: string | null;
  returnUrl: string | null;
  /** Why the callback was not (or only partly) taken into account. */
  notice?: CallbackNotice | null;
  /** What the Synchro run at once after a successful callback did. */
  synchro?: CallbackSynchro | null;
}

/** The Synchro after the callback: its answer's status (or `failed`), and what to tell the user about it. */
export type CallbackSynchro =
  | { outcome: 'synced'; imported: number }
  | { outcome: 'account_choice_required'; accounts: number; message: string }
  | { outcome: 'connect_required' | 'reauth_required' | 'failed'; message: string };

export type CallbackNotice = 'unrecognised' | 'expired' | 'used' | 'unconfirmed' | 'unconfirmed-item';

const NOTICES: Record<CallbackNotice, string> = {
  unrecognised:
    "Ce retour de Bridge n'est pas reconnu : rien n'a été enregistré. Relancez la Synchro depuis le relevé.",
  expired: "Ce lien de retour a expiré : rien n'a été enregistré. Relancez la Synchro depuis le relevé.",
  used: 'Ce retour de Bridge a déjà été enregistré : il ne compte qu’une fois. Revenez au relevé et relancez la Synchro si besoin.',
  unconfirmed:
    "Bridge n'a pas pu confirmer la connexion pour l'instant : rechargez cette page dans quelques minutes, ou relancez la Synchro depuis le relevé.",
  'unconfirmed-item':
    "Bridge ne confirme aucune connexion bancaire pour ce retour : rien n'a été connecté. Relancez la Synchro depuis le relevé.",
};

// A Map, not an object: the step comes from the query, and "constructor" or "__proto__" must find nothing.
const STEPS = new Map<string, string>(
  Object.entries({
    highlighted_banks: 'choix de la banque',
    list_banks: 'choix de la banque',
    sub_banks_list: 'choix de la banque',
    bank_creds_form: 'saisie des identifiants bancaires',
    edit_bank_creds_form: 'correction des identifiants bancaires',
    otp_form: 'authentification forte (code reçu de la banque)',
    sync_in_progress: 'synchronisation en cours',
    sync_pending: 'synchronisation en attente',
    sync_error: 'synchronisation',
    link_iban_error: 'rapprochement des IBAN',
    email_validation_form: "validation de l'adresse e-mail",
    pro_validation_form: 'validation des comptes professionnels',
    sync_success: 'synchronisation',
  }),
);

/** A step of Bridge's funnel (the `step` of a failed callback). */
export function isFunnelStep(step: string): boolean {
  return STEPS.has(step);
}

function operations(count: number): string {
  return count === 1 ? '1 opération importée' : `${count} opérations importées`;
}

function successTitle(synchro: CallbackSynchro | null | undefined): string {
  if (!synchro) {
    return 'Synchronisation effectuée';
  }
  switch (synchro.outcome) {
    case 'synced':
      return `Banque connectée : ${operations(synchro.imported)}`;
    case 'account_choice_required':
      return 'Banque connectée : choisissez le compte du journal';
    case 'connect_required':
    case 'reauth_required':
      return 'Banque connectée : une action reste à faire';
    case 'failed':
      return "Banque connectée, mais la Synchro n'a pas abouti";
  }
}

function successDetail(params: CallbackPageParams): string {
  const statement = params.statementName ? ` pour le relevé «\u00a0${escape(params.statementName)}\u00a0»` : '';
  const synchro = params.synchro;
  if (!synchro) {
    return `Votre banque est connectée${statement}. Revenez au relevé et cliquez de nouveau sur <strong>Synchro</strong>\u00a0: les opérations arrivent.`;
  }
  switch (synchro.outcome) {
    case 'synced':
      return `Votre banque est connectée${statement} et la Synchro est faite\u00a0: ${operations(synchro.imported)}. Revenez au relevé pour les lire.`;
    case 'account_choice_required':
      return `Votre banque est connectée${statement}, mais aucun de ses comptes ne porte l'IBAN du journal. ${escape(synchro.message)} Revenez au relevé et cliquez sur <strong>Synchro</strong>\u00a0: ${synchro.accounts} compte(s) vous y sont proposés.`;
    case 'connect_required':
    case 'reauth_required':
    case 'failed':
      return `Votre banque est connectée${statement}, mais la Synchro demande autre chose\u00a0: ${escape(synchro.message)} Revenez au relevé et relancez la <strong>Synchro</strong>.`;
  }
}

export function callbackPage(params: CallbackPageParams): string {
  const title = params.success ? successTitle(params.synchro) : "La connexion à la banque n'a pas abouti";
  const detail = params.success
    ? successDetail(params)
    : params.notice
      ? escape(NOTICES[params.notice])
      : `La connexion s'est arrêtée à l'étape\u00a0: <strong>${escape((params.step && STEPS.get(params.step)) || 'inconnue')}</strong>. Revenez au relevé et relancez la <strong>Synchro</strong> pour reprendre.`;
  const button = params.returnUrl
    ? `<p><a class="button" id="back-to-statement" href="${escape(params.returnUrl)}">Retour au relevé</a></p>`
    : '';
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – Télécollecte bancaire</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #f4f6f8; color: #1f2933; margin: 0; }
  main { max-width: 34rem; margin: 4rem auto; background: #fff; border-radius: 8px; padding: 2rem 2.5rem; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
  h1 { font-size: 1.4rem; color: ${params.success && (!params.synchro || params.synchro.outcome === 'synced') ? '#1a7f37' : '#b42318'}; }
  .button { display: inline-block; background: #2454a6; color: #fff; padding: .7rem 1.4rem; border-radius: 6px; text-decoration: none; font-weight: 600; }
  .hint { color: #52606d; font-size: .9rem; border-top: 1px solid #e4e7eb; padding-top: 1rem; margin-top: 1.5rem; }
</style>
</head>
<body>
<main>
  <h1 id="status" data-success="${params.success}" data-synchro="${params.synchro?.outcome ?? ''}">${title}</h1>
  <p>${detail}</p>
  ${button}
  <p class="hint">Si le bouton ne fonctionne pas (par exemple derrière un VPN), revenez dans votre ERP, rechargez la page du relevé puis cliquez sur Synchro.</p>
</main>
</body>
</html>`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
