/**
 * The one table of error codes. Every error the service answers with carries one of these codes: the REST API sends it
 * (`{ statusCode, error, code, message, field }`, message in English), the back-office shows the French text kept here,
 * and the OpenAPI document lists them. A code never changes meaning once published; add a new one instead.
 *
 * - `status`: the HTTP status the code answers with (a `sync.interrupted` answers with the status of Bridge's failure);
 * - `summary`: what it means, in English, for the OpenAPI document;
 * - `fr`: the back-office's message; `{name}` placeholders are filled from the error's parameters.
 */
export interface ErrorCodeEntry {
  readonly status: number;
  readonly summary: string;
  readonly fr: string;
}

export const ERROR_CODES = {
  // Input (400)
  'validation.failed': {
    status: 400,
    summary: 'A field breaks a rule of the request (the field and the rule are named)',
    fr: 'Valeur invalide.',
  },
  'iban.invalid': {
    status: 400,
    summary: 'The IBAN is not a valid ISO 13616 IBAN',
    fr: 'IBAN invalide : vérifiez le code pays et la clé de contrôle (ISO 13616).',
  },
  'bic.invalid': {
    status: 400,
    summary: 'The BIC is not 8 or 11 characters of a valid BIC',
    fr: 'BIC invalide : 8 ou 11 caractères.',
  },
  'siren.invalid': {
    status: 400,
    summary: 'The SIREN is not 9 digits with a valid check digit',
    fr: 'SIREN invalide : 9 chiffres avec une clé de contrôle valide.',
  },
  'request.invalid': {
    status: 400,
    summary: 'The request cannot be read (malformed JSON, wrong content)',
    fr: 'Requête illisible.',
  },
  'request.too_large': {
    status: 413,
    summary: 'The request body is over the size limit',
    fr: 'Requête trop volumineuse.',
  },
  'date_range.invalid': {
    status: 400,
    summary: 'An end date comes before its start date',
    fr: 'La date de fin doit suivre la date de début.',
  },
  'billing_period.invalid': {
    status: 400,
    summary: 'The billing period is neither a year nor a month of a year',
    fr: 'Période invalide : une année (2027) ou un mois (2027-03).',
  },
  'billing_period.not_over': {
    status: 400,
    summary: 'A month is billed once it is over, a year once it has begun: its report would be frozen too early',
    fr: 'Période pas encore facturable : un mois se facture une fois terminé, une année une fois commencée.',
  },
  'password.too_short': {
    status: 400,
    summary: 'A back-office password is shorter than 12 characters',
    fr: 'Au moins 12 caractères.',
  },
  'api_key.company_required': {
    status: 400,
    summary: 'An API key that is not an editor key needs at least one company',
    fr: 'Une clé d’API qui n’est pas une clé éditeur a besoin d’au moins une société.',
  },
  'api_key.unknown_company': {
    status: 400,
    summary: 'An API key names a company that does not exist',
    fr: 'Société inconnue.',
  },
  'bridge_config.url_not_allowed': {
    status: 400,
    summary: 'The Bridge URL is not one of the origins the server allows (BRIDGE_ALLOWED_ORIGINS)',
    fr: 'URL de l’API : cette origine n’est pas autorisée par le serveur (BRIDGE_ALLOWED_ORIGINS).',
  },
  'user.other_company': {
    status: 400,
    summary: 'The user does not belong to the company of the statement',
    fr: 'Cet utilisateur n’appartient pas à la société du relevé.',
  },
  'user.email_missing': {
    status: 400,
    summary: 'The user has no e-mail, which Bridge needs',
    fr: 'Cet utilisateur n’a pas d’e-mail Bridge : renseignez-le dans Utilisateurs.',
  },
  'idempotency_key.invalid': {
    status: 400,
    summary: 'The Idempotency-Key header is empty, longer than 255 characters or holds non-printable characters',
    fr: 'En-tête Idempotency-Key invalide : 1 à 255 caractères imprimables.',
  },
  'cursor.invalid': {
    status: 400,
    summary: 'The changedSince cursor is not one this service gave (use 0 or a nextCursor)',
    fr: 'Curseur de modifications invalide : repartez de 0 ou du dernier nextCursor reçu.',
  },
  'page_cursor.invalid': {
    status: 400,
    summary: 'The after cursor is not a nextCursor this list gave',
    fr: 'Curseur de page invalide : repartez de la première page, puis du dernier nextCursor reçu.',
  },
  'bank_account.bridge_account_unknown': {
    status: 400,
    summary: 'The Bridge account is not one the user shares through Bridge',
    fr: 'Ce compte Bridge n’est pas l’un des comptes connectés de l’utilisateur : choisissez-en un dans la liste proposée.',
  },

  // Authentication and rights (401, 403)
  'api_key.missing': { status: 401, summary: 'No API key was sent', fr: 'Clé d’API manquante.' },
  'api_key.invalid': {
    status: 401,
    summary: 'The API key is unknown or revoked',
    fr: 'Clé d’API inconnue ou révoquée.',
  },
  'access.forbidden': { status: 403, summary: 'The caller may not do this', fr: 'Accès refusé.' },
  'subscription.editor_only': {
    status: 403,
    summary: 'Only an editor key may change the subscription of a company',
    fr: 'Seul l’éditeur peut changer l’abonnement d’une société.',
  },
  'subscription.inactive': {
    status: 403,
    summary: 'The subscription of the company is not active: no Synchro',
    fr: 'L’abonnement de la société n’est pas actif : la Synchro s’ouvre quand l’éditeur l’active.',
  },
  'billing.editor_only': {
    status: 403,
    summary: 'Billing is for editor keys',
    fr: 'La facturation est réservée à l’éditeur.',
  },
  'user.inactive': { status: 403, summary: 'The user is inactive', fr: 'Cet utilisateur est inactif.' },
  'bridge_config.inactive': {
    status: 403,
    summary: 'The Bridge configuration of the company is inactive',
    fr: 'La configuration Bridge de la société est inactive : activez-la dans Configuration de bridgeapi.',
  },
  'bridge_config.out_of_scope': {
    status: 403,
    summary: 'The Bridge configuration also serves companies outside the caller’s scope',
    fr: 'Cette configuration Bridge sert aussi des sociétés hors de votre périmètre : seul l’éditeur peut la modifier.',
  },
  'api_key.editor_only': {
    status: 403,
    summary: 'Only an editor key may manage API keys',
    fr: 'Seul l’éditeur peut gérer les clés d’API.',
  },

  // Not found (404)
  'line_ids.unknown': {
    status: 400,
    summary: 'Some of the line ids given are not lines of the statement',
    fr: 'Certaines lignes indiquées n’appartiennent pas à ce relevé.',
  },
  'label_regex.invalid': {
    status: 400,
    summary: 'The rule’s labelRegex is not a valid regular expression',
    fr: 'Expression régulière invalide : corrigez le motif du libellé.',
  },
  'rule.criteria_invalid': {
    status: 400,
    summary:
      'The rule’s criteria contradict each other (amountMin above amountMax, or both labelContains and labelRegex)',
    fr: 'Les critères de la règle se contredisent (montant minimum supérieur au maximum, ou deux critères de libellé).',
  },
  'siren.missing': {
    status: 400,
    summary: 'The company has no SIREN: the FEC file is named after it',
    fr: 'La société n’a pas de SIREN : le FEC porte le SIREN dans son nom. Renseignez-le d’abord.',
  },
  'route.not_found': { status: 404, summary: 'No such route', fr: 'Adresse inconnue.' },
  'company.not_found': {
    status: 404,
    summary: 'No such company (or not in the caller’s scope)',
    fr: 'Société introuvable.',
  },
  'user.not_found': {
    status: 404,
    summary: 'No such user (or not in the caller’s scope)',
    fr: 'Utilisateur introuvable.',
  },
  'bank_account.not_found': {
    status: 404,
    summary: 'No such bank account (or not in the caller’s scope)',
    fr: 'Compte bancaire introuvable.',
  },
  'statement.not_found': {
    status: 404,
    summary: 'No such statement (or not in the caller’s scope)',
    fr: 'Relevé introuvable.',
  },
  'bridge_config.not_found': {
    status: 404,
    summary: 'No such Bridge configuration (or not in the caller’s scope)',
    fr: 'Configuration Bridge introuvable.',
  },
  'admin_account.not_found': {
    status: 404,
    summary: 'No such back-office account',
    fr: 'Compte du back-office introuvable.',
  },

  'statement_line.not_found': {
    status: 404,
    summary: 'No such line in this statement',
    fr: 'Ligne de relevé introuvable.',
  },
  'entry.not_found': {
    status: 404,
    summary: 'No such accounting entry (or not in the caller’s scope)',
    fr: 'Écriture introuvable.',
  },
  'counterpart_rule.not_found': {
    status: 404,
    summary: 'No such counterpart rule (or not in the caller’s scope)',
    fr: 'Règle d’affectation introuvable.',
  },
  'fiscal_year.not_found': {
    status: 404,
    summary: 'No such fiscal year (or not in the caller’s scope)',
    fr: 'Exercice introuvable.',
  },
  'api_key.not_found': {
    status: 404,
    summary: 'No such API key',
    fr: 'Clé d’API introuvable.',
  },

  // Conflicts with the stored state (409)
  'siren.taken': {
    status: 409,
    summary: 'Another company already has this SIREN',
    fr: 'Une autre société a déjà ce SIREN.',
  },
  'login.taken': {
    status: 409,
    summary: 'Another user of the company already has this login',
    fr: 'Cet identifiant est déjà utilisé dans cette société.',
  },
  'journal_code.taken': {
    status: 409,
    summary: 'The company already has a bank account with this journal code',
    fr: 'Ce code journal existe déjà pour cette société.',
  },
  'email.taken': {
    status: 409,
    summary: 'A back-office account already uses this e-mail',
    fr: 'Un compte du back-office utilise déjà cette adresse.',
  },
  'unique.violation': {
    status: 409,
    summary: 'A unique value is already used by another record',
    fr: 'Cet enregistrement existe déjà (une valeur unique est déjà utilisée).',
  },
  'statement.closed': {
    status: 409,
    summary: 'The statement is closed: reopen it first',
    fr: 'Le relevé est clôturé : rouvrez-le pour le modifier ou lancer la Synchro.',
  },
  'statement.unbalanced': {
    status: 409,
    summary: 'The statement’s end balance differs from the bank balance: closing needs forceClose and a comment',
    fr: 'Le solde final du relevé diffère du solde de la banque : la clôture est refusée. Pour clôturer quand même, utilisez l’action « Clôturer malgré l’écart » et donnez-en le motif.',
  },
  'statement.review_pending': {
    status: 409,
    summary: 'Lines of the statement await a decision on a bank change: accept or reject each first',
    fr: 'Des lignes du relevé attendent une décision sur une modification de la banque : acceptez-la ou rejetez-la d’abord.',
  },
  'statement.unposted_lines': {
    status: 409,
    summary: 'Lines of the statement are not posted to the accounts yet: post the statement first',
    fr: 'Des lignes du relevé ne sont pas comptabilisées : lancez « Comptabiliser » d’abord.',
  },
  'entry.immutable': {
    status: 409,
    summary: 'Accounting entries are never changed or deleted: a correction is a reversal and a new entry',
    fr: 'Une écriture validée ne se modifie ni ne se supprime : elle se contre-passe.',
  },
  'fiscal_year.closed': {
    status: 409,
    summary: 'The fiscal year is closed: it takes no new entry',
    fr: 'L’exercice est clôturé : il ne reçoit plus d’écriture.',
  },
  'fiscal_year.conflict': {
    status: 409,
    summary: 'The company’s fiscal year end changed after fiscal years were opened: the dates no longer fit them',
    fr: 'La date de clôture de l’exercice a changé après l’ouverture d’exercices : les dates ne correspondent plus.',
  },
  'accounting.card_clearing_missing': {
    status: 409,
    summary: 'Card lines in debit dating mode post against the card clearing account, which the bank account lacks',
    fr: 'Les lignes de carte en mode « débit » passent par le compte d’attente carte : renseignez-le sur le compte bancaire.',
  },
  'accounting.currency_unsupported': {
    status: 409,
    summary: 'Only EUR lines are posted (the FEC is kept in euros)',
    fr: 'Seules les lignes en euros sont comptabilisées (le FEC est tenu en euros).',
  },
  'line.no_bank_change': {
    status: 409,
    summary: 'The line awaits no decision on a bank change',
    fr: 'Cette ligne n’attend aucune décision sur une modification de la banque.',
  },
  'statement.overlap': {
    status: 409,
    summary: 'The period overlaps another statement of the bank account',
    fr: 'La période chevauche un autre relevé de ce compte bancaire.',
  },
  'statement.lines_outside_period': {
    status: 409,
    summary: 'Lines of the statement would fall outside the new period',
    fr: 'Des lignes du relevé sortiraient de la nouvelle période.',
  },
  'bank_account.iban_missing': {
    status: 409,
    summary: 'The bank account has no IBAN (nor a forced Bridge account id)',
    fr: 'Le compte bancaire n’a pas d’IBAN : renseignez-le dans Comptes bancaires.',
  },
  'bridge_config.missing': {
    status: 409,
    summary: 'No Bridge configuration serves the company',
    fr: 'Aucune configuration Bridge ne sert cette société : créez-en une dans Configuration de bridgeapi.',
  },
  'user.bridge_identity_taken': {
    status: 409,
    summary: 'The user’s e-mail is already the Bridge identity of another company',
    fr: 'L’e-mail de cet utilisateur est déjà l’identité Bridge d’une autre société : donnez-lui une adresse à lui.',
  },
  'sync.busy': {
    status: 409,
    summary: 'A Synchro or a change of a statement of the bank account is running: try again when it has finished',
    fr: 'Une Synchro ou une modification d’un relevé de ce compte bancaire est déjà en cours : réessayez quand elle sera terminée.',
  },
  'database.lock_timeout': {
    status: 409,
    summary: 'Another task holds the lock: try again when it has finished',
    fr: 'Une autre tâche est en cours : réessayez quand elle sera terminée.',
  },
  'bridge.origin_not_allowed': {
    status: 409,
    summary: 'The Bridge configuration points at a host the server does not allow: nothing was sent',
    fr: 'La configuration Bridge pointe vers une adresse que le serveur n’autorise pas : rien n’a été envoyé.',
  },
  'bridge.item_action_required': {
    status: 409,
    summary: 'The bank connection needs the user (SCA, new credentials, an action at the bank)',
    fr: 'La connexion bancaire demande une action de l’utilisateur : relancez la Synchro pour ouvrir le parcours Bridge.',
  },
  'api_key.self_revoke': {
    status: 409,
    summary: 'An API key cannot revoke itself: revoke it with another editor key',
    fr: 'Une clé d’API ne peut pas se révoquer elle-même : utilisez une autre clé éditeur.',
  },
  'idempotency_key.in_progress': {
    status: 409,
    summary: 'A request with this Idempotency-Key is still running: retry once it has answered',
    fr: 'Une requête avec cette clé d’idempotence est encore en cours : réessayez dans un instant.',
  },

  // Unprocessable (422)
  'idempotency_key.reused': {
    status: 422,
    summary: 'This Idempotency-Key was already used for another request (method, path or body differ)',
    fr: 'Cette clé d’idempotence a déjà servi pour une autre requête.',
  },

  // Bridge and the database (5xx)
  'bridge.authentication_failed': {
    status: 502,
    summary: 'Bridge refused the client id or secret of the configuration',
    fr: 'Bridge refuse l’identifiant ou le secret client de la configuration : corrigez-les dans Configuration de bridgeapi.',
  },
  'bridge.token_rejected': {
    status: 502,
    summary: 'Bridge refused the user’s access token',
    fr: 'Bridge a refusé le jeton de l’utilisateur : relancez la Synchro.',
  },
  'bridge.request_refused': {
    status: 502,
    summary: 'Bridge refused the request (its HTTP status and code are in the message)',
    fr: 'Bridge a refusé la requête (HTTP {status}) : rien n’a été modifié.',
  },
  'bridge.invalid_data': {
    status: 502,
    summary: 'Bridge sent operations none of which can be stored: nothing was stored',
    fr: 'Bridge a envoyé des opérations aux valeurs invalides : aucune n’a été enregistrée ; réessayez quand Bridge les aura corrigées.',
  },
  'bridge.rate_limited': {
    status: 503,
    summary: 'Bridge limits the number of requests: try again later (Retry-After)',
    fr: 'Bridge limite le nombre d’appels : réessayez dans quelques minutes.',
  },
  'bridge.unavailable': {
    status: 503,
    summary: 'Bridge did not answer usefully after the retries: try again later (Retry-After)',
    fr: 'Bridge ne répond pas pour le moment : rien n’a été modifié, réessayez dans quelques minutes.',
  },
  'bridge.unexpected_answer': {
    status: 503,
    summary: 'Bridge sent an answer the service cannot read (the field is named in the message)',
    fr: 'Bridge a envoyé une réponse inattendue : rien n’a été modifié, réessayez plus tard.',
  },
  'sync.interrupted': {
    status: 503,
    summary:
      'Bridge stopped the Synchro after some pages were saved: they are kept and the next Synchro resumes (status of Bridge’s failure)',
    fr: 'Bridge s’est interrompu pendant la Synchro : les opérations déjà reçues sont conservées ; relancez la Synchro, elle reprendra là où elle s’est arrêtée.',
  },
  'database.busy': {
    status: 503,
    summary: 'Every database connection is busy: try again in a moment (Retry-After)',
    fr: 'La base de données est saturée pour le moment : réessayez dans un instant.',
  },
  internal_error: {
    status: 500,
    summary: 'Unexpected failure: the operation was not completed (see the server log)',
    fr: 'Erreur interne : l’opération n’a pas abouti.',
  },
} as const satisfies Record<string, ErrorCodeEntry>;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * Warnings: what an answer carries beside a success (`warnings: [{ code, message }]`, message in English) when
 * something done is allowed but probably a mistake. The back-office shows the French text kept here.
 */
export const WARNING_CODES = {
  'bridge_config.several_active': {
    summary:
      'A company is served by two or more active Bridge configurations: it is billed once, but one is probably a leftover',
    fr: 'La société {company} a {count} configurations Bridge actives : elle n’est facturée qu’une fois, mais désactivez celles qui ne servent pas.',
  },
} as const satisfies Record<string, Omit<ErrorCodeEntry, 'status'>>;

export type WarningCode = keyof typeof WARNING_CODES;

export interface Warning {
  code: WarningCode;
  message: string;
}

/** The codes that answer with HTTP `S`: a class of error (ConflictError…) takes only codes of its own status. */
export type ErrorCodeWithStatus<S extends number> = {
  [C in ErrorCode]: (typeof ERROR_CODES)[C]['status'] extends S ? C : never;
}[ErrorCode];

export const ALL_ERROR_CODES = Object.keys(ERROR_CODES) as ErrorCode[];

export type ErrorParams = Readonly<Record<string, string | number>>;

/** The back-office's French message of a code, its `{name}` placeholders filled from `params`. */
export function frenchMessage(code: ErrorCode, params: ErrorParams = {}): string {
  return ERROR_CODES[code].fr.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in params ? String(params[name]) : placeholder,
  );
}

/** The codes as a Markdown table, for the OpenAPI document. */
export function errorCodesMarkdown(): string {
  const rows = ALL_ERROR_CODES.map(
    (code) => `| \`${code}\` | ${ERROR_CODES[code].status} | ${ERROR_CODES[code].summary} |`,
  );
  return ['| code | status | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}
