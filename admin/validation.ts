import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError as ClassValidationError } from 'class-validator';

import { ERROR_CODES, frenchMessage, type ErrorCode } from '../src/common/errors/error-codes.js';
import { describeError } from '../src/common/filters/domain-exception.filter.js';

export const FIX_FIELDS = 'Corrigez les champs signalés.';

// French messages per class-validator constraint; the field is shown by AdminJS next to the message.
const CONSTRAINTS: Record<string, string> = {
  isIban: ERROR_CODES['iban.invalid'].fr,
  isBic: ERROR_CODES['bic.invalid'].fr,
  isSiren: ERROR_CODES['siren.invalid'].fr,
  isEmail: 'Adresse e-mail invalide.',
  isNotEmpty: 'Champ obligatoire.',
  isString: 'Champ obligatoire.',
  isDefined: 'Champ obligatoire.',
  isInt: 'Nombre entier attendu.',
  min: 'Valeur trop petite.',
  isBoolean: 'Oui ou non attendu.',
  isIn: 'Valeur non autorisée.',
  isMoney: 'Montant invalide : au plus 2 décimales, par exemple -1234.56.',
  isIsoDate: 'Date invalide (AAAA-MM-JJ).',
  isFiscalYearEnd: 'Date de clôture invalide : MM-JJ, par exemple 12-31 ou 06-30 (pas de 29 février : 02-28).',
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
  account: 'Compte : 3 à 20 chiffres ou majuscules commençant par une classe 1 à 7, par exemple 627000.',
  accountTypes: 'Types de comptes : mots en minuscules, par exemple checking, savings, card.',
  countryCodes: 'Codes pays ISO à 2 lettres, par exemple FR, BE.',
  url: 'URL de l’API : une origine http(s) comme https://api.bridgeapi.io, sans /v2 ni /v3.',
  login: 'Identifiant : lettres, chiffres ou . _ @ -, 100 caractères au plus.',
  cardDatingMode: 'Mode de datation : « transaction » ou « debit ».',
};
/** The shared rules carry their bounds in their English message ("at most 200 characters", "between 1 and 500"). */
function boundedMessage(constraint: string, english: string): string | null {
  const numbers = [...english.matchAll(/\d+/g)].map((match) => Number(match[0]).toLocaleString('fr-FR'));
  switch (constraint) {
    case 'isText':
      return `Champ obligatoire (${numbers[0]} caractères au plus).`;
    case 'isIntegerBetween':
      return `Nombre entier attendu, entre ${numbers[0]} et ${numbers[1]}.`;
    case 'fitsJoined':
      return `Trop de valeurs : la liste doit tenir en ${numbers[0]} caractères.`;
    default:
      return null;
  }
}

export type FieldErrors = Record<string, { message: string }>;

/** Validates an AdminJS payload with the same DTO as the REST API; French messages per field. */
export async function validatePayload<T extends object>(
  dto: new () => T,
  payload: Record<string, unknown>,
): Promise<{ value: T; errors: FieldErrors }> {
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
      // An empty field that must be filled says so, whatever rule its value would have had to follow.
      const empty = error.value === undefined || error.value === null || error.value === '';
      result[path] = {
        message:
          (empty && constraint !== 'whitelistValidation' && 'Champ obligatoire.') ||
          ((constraint === 'matches' || constraint === 'isApiOrigin') && FIELDS[error.property]) ||
          boundedMessage(constraint, english) ||
          CONSTRAINTS[constraint] ||
          FIELDS[error.property] ||
          'Valeur invalide.',
      };
    }
    Object.assign(result, toFieldErrors(error.children ?? [], path));
  }
  return result;
}

/**
 * A refusal of the service (domain rule, Bridge, busy database…): its code, its field, and its French message from the
 * code table. Null for an unexpected failure, which AdminJS reports as such.
 */
export function refusalOf(error: unknown): { code: ErrorCode; field: string | null; message: string } | null {
  const { code, field, params } = describeError(error);
  return code === 'internal_error' ? null : { code, field, message: frenchMessage(code, params) };
}
