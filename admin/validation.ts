import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError as ClassValidationError } from 'class-validator';
import type { ValidationError as AdminValidationErrorType } from 'adminjs';

import { DomainError } from '../src/common/errors/domain-errors.js';

// French messages per class-validator constraint; the field is shown by AdminJS next to the message.
const CONSTRAINTS: Record<string, string> = {
  isIban: 'IBAN invalide : vérifiez le code pays et la clé de contrôle (ISO 13616).',
  isBic: 'BIC invalide : 8 ou 11 caractères.',
  isSiren: 'SIREN invalide : 9 chiffres avec une clé de contrôle valide.',
  isEmail: 'Adresse e-mail invalide.',
  isNotEmpty: 'Ce champ est obligatoire.',
  isString: 'Ce champ est obligatoire.',
  isDefined: 'Ce champ est obligatoire.',
  isInt: 'Nombre entier attendu.',
  min: 'Valeur trop petite.',
  isBoolean: 'Oui ou non attendu.',
  isIn: 'Valeur non autorisée.',
  isMoney: 'Montant invalide : au plus 2 décimales, par exemple -1234.56.',
  isIsoDate: 'Date invalide (AAAA-MM-JJ).',
  maxLength: 'Texte trop long.',
  minLength: 'Texte trop court (le mot de passe demande au moins 12 caractères).',
  arrayMinSize: 'Au moins une valeur est attendue.',
  arrayUnique: 'Chaque valeur ne peut figurer qu’une fois.',
  isArray: 'Liste attendue.',
  whitelistValidation: 'Champ non modifiable ici.',
};
const FIELDS: Record<string, string> = {
  journalCode: 'Code journal : 1 à 16 majuscules, chiffres, _ ou -.',
  currency: 'Devise : code ISO 4217 de 3 lettres, par exemple EUR.',
  glAccount: 'Compte général : 3 à 20 chiffres ou majuscules, par exemple 512100.',
  suspenseAccount: 'Compte d’attente : 3 à 20 chiffres ou majuscules, par exemple 471000.',
  cardClearingAccount: 'Compte de liaison carte : 3 à 20 chiffres ou majuscules.',
  accountTypes: 'Types de comptes : mots en minuscules, par exemple checking, savings, card.',
  countryCodes: 'Codes pays ISO à 2 lettres, par exemple FR, BE.',
  url: 'URL de l’API : une origine http(s) comme https://api.bridgeapi.io, sans /v2 ni /v3.',
  login: 'Identifiant : lettres, chiffres ou . _ @ -, 100 caractères au plus.',
  cardDatingMode: 'Mode de datation : « transaction » ou « debit ».',
};
// Domain refusals (English in the API) that integrators meet in the back-office.
const DOMAIN: [RegExp, string, string][] = [
  [/^journalCode: journal .* already exists/, 'journalCode', 'Ce code journal existe déjà pour cette société.'],
  [/^login: .* already used/, 'login', 'Cet identifiant est déjà utilisé dans cette société.'],
  [/^siren: another company/, 'siren', 'Une autre société a déjà ce SIREN.'],
  [/^email: a back-office account already uses/, 'email', 'Un compte du back-office utilise déjà cette adresse.'],
  [/^password: must be at least 12/, 'password', 'Au moins 12 caractères.'],
  [/^Back-office account \d+ not found/, 'email', 'Compte introuvable.'],
  [/^companyIds?: Company (\d+) not found/, 'companyId', 'Société introuvable.'],
];

/** The shared rules carry their bounds in their English message ("at most 200 characters", "between 1 and 500"). */
function boundedMessage(constraint: string, english: string): string | null {
  const numbers = [...english.matchAll(/\d+/g)].map((match) => Number(match[0]).toLocaleString('fr-FR'));
  switch (constraint) {
    case 'isText':
      return `Ce champ est obligatoire (${numbers[0]} caractères au plus).`;
    case 'isIntegerBetween':
      return `Nombre entier attendu, entre ${numbers[0]} et ${numbers[1]}.`;
    case 'fitsJoined':
      return `Trop de valeurs : la liste doit tenir en ${numbers[0]} caractères.`;
    default:
      return null;
  }
}

// Domain refusals that concern no field: a French message for the whole form.
const GENERAL: [RegExp, string][] = [
  [/is busy: a Synchro or a change of one of its statements/, 'Une Synchro ou une modification d’un relevé de ce compte bancaire est en cours : réessayez quand elle sera terminée.'],
];

export type FieldErrors = Record<string, { message: string }>;

/** Validates an AdminJS payload with the same DTO as the REST API; French messages per field. */
export async function validatePayload<T extends object>(dto: new () => T, payload: Record<string, unknown>): Promise<{ value: T; errors: FieldErrors }> {
  const value = plainToInstance(dto, payload);
  const errors = await validate(value, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
  return { value, errors: toFieldErrors(errors) };
}

function toFieldErrors(errors: ClassValidationError[], parent = ''): FieldErrors {
  const result: FieldErrors = {};
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const constraint = Object.keys(error.constraints ?? {})[0];
    if (constraint) {
      const english = error.constraints![constraint]!;
      result[path] = {
        message: ((constraint === 'matches' || constraint === 'isApiOrigin') && FIELDS[error.property]) || boundedMessage(constraint, english) || CONSTRAINTS[constraint] || FIELDS[error.property] || 'Valeur invalide.',
      };
    }
    Object.assign(result, toFieldErrors(error.children ?? [], path));
  }
  return result;
}

/** A service refusal as field errors when it names a field, else as a general message. */
export function domainFieldErrors(error: unknown): { fields: FieldErrors; message: string } | null {
  if (!(error instanceof DomainError)) return null;
  for (const [pattern, field, message] of DOMAIN) {
    if (pattern.test(error.message)) return { fields: { [field]: { message } }, message: 'Corrigez les champs signalés.' };
  }
  for (const [pattern, message] of GENERAL) {
    if (pattern.test(error.message)) return { fields: {}, message };
  }
  const field = /^(\w+): /.exec(error.message)?.[1];
  const message = `Refusé : ${error.message}`;
  return { fields: field ? { [field]: { message } } : {}, message };
}

export function adminValidationError(ValidationError: typeof AdminValidationErrorType, fields: FieldErrors, message = 'Corrigez les champs signalés.') {
  return new ValidationError(fields, { message });
}
