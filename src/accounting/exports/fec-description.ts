import type { FecEncoding } from './export-types.js';
import { FEC_COLUMNS } from './fec-writer.js';

export interface FecDescriptionInput {
  siren: string;
  companyName: string;
  fiscalYear: number;
  /** YYYY-MM-DD */
  startDate: string;
  /** YYYY-MM-DD */
  endDate: string;
  encoding: FecEncoding;
  fileName: string;
  entryCount: number;
  recordCount: number;
  journals: { code: string; name: string }[];
}

type FecColumn = (typeof FEC_COLUMNS)[number];

// Each zone as the product fills it: type and content of A47 A-1 VII 1°, and what our bank entries put there.
const ZONES: Record<FecColumn, { type: string; content: string }> = {
  JournalCode: { type: 'Alphanumérique', content: 'Code du journal de banque (code journal du compte bancaire).' },
  JournalLib: { type: 'Alphanumérique', content: 'Libellé du journal de banque.' },
  EcritureNum: {
    type: 'Alphanumérique',
    content: 'Numéro de l’écriture : <code journal>-<exercice>-<séquence à 6 chiffres> (voir la numérotation).',
  },
  EcritureDate: { type: 'Date (AAAAMMJJ)', content: 'Date de comptabilisation : date de l’opération sur le relevé.' },
  CompteNum: {
    type: 'Alphanumérique',
    content: 'Numéro de compte du plan comptable général, commençant par trois chiffres (classes 1 à 7).',
  },
  CompteLib: { type: 'Alphanumérique', content: 'Libellé du compte.' },
  CompAuxNum: { type: 'Alphanumérique', content: 'À blanc : aucun compte auxiliaire n’est utilisé.' },
  CompAuxLib: { type: 'Alphanumérique', content: 'À blanc : aucun compte auxiliaire n’est utilisé.' },
  PieceRef: {
    type: 'Alphanumérique',
    content: 'Référence de la pièce : identifiant de la transaction bancaire (« - » si la banque n’en fournit pas).',
  },
  PieceDate: { type: 'Date (AAAAMMJJ)', content: 'Date de la pièce : date de l’opération bancaire.' },
  EcritureLib: {
    type: 'Alphanumérique',
    content: 'Libellé de l’opération bancaire (« Opération bancaire » si la banque n’en fournit pas).',
  },
  Debit: {
    type: 'Numérique',
    content: 'Montant au débit, positif, virgule décimale, deux décimales, sans séparateur de milliers ; 0,00 si vide.',
  },
  Credit: {
    type: 'Numérique',
    content: 'Montant au crédit, même format ; une seule des zones Debit et Credit est non nulle par ligne.',
  },
  EcritureLet: { type: 'Alphanumérique', content: 'À blanc : pas de lettrage.' },
  DateLet: { type: 'Date (AAAAMMJJ)', content: 'À blanc : pas de lettrage.' },
  ValidDate: {
    type: 'Date (AAAAMMJJ)',
    content: 'Date de validation de l’écriture : jour de sa comptabilisation, heure de Paris.',
  },
  Montantdevise: { type: 'Numérique', content: 'À blanc : écritures tenues en euros.' },
  Idevise: { type: 'Alphanumérique', content: 'À blanc : écritures tenues en euros.' },
};

const CHARSETS: Record<FecEncoding, string> = {
  'iso-8859-15':
    'ISO 8859-15 (Latin-9). Les caractères absents de ce jeu sont translittérés (apostrophes, guillemets et tirets ' +
    'typographiques remplacés par leurs équivalents simples, ' +
    'les lettres accentuées absentes perdent leur accent) ou supprimés (émojis, symboles).',
  'utf-8': 'UTF-8 (ISO/CEI 10646), sans marque d’ordre des octets (BOM).',
};

function frenchDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}/${month}/${year}`;
}

/**
 * The description file that A47 A-1 XI requires beside a FEC: the zones, the codes, the charset and the structure,
 * in French, for the tax inspector and the accountant. Deterministic: the same input gives the same text.
 */
export function fecDescription(input: FecDescriptionInput): string {
  const lines = [
    'DESCRIPTION DU FICHIER DES ÉCRITURES COMPTABLES (FEC)',
    'Article A47 A-1 du livre des procédures fiscales, § XI',
    '',
    `Fichier : ${input.fileName}`,
    `Société : ${input.companyName} (SIREN ${input.siren})`,
    `Exercice : ${input.fiscalYear}, du ${frenchDate(input.startDate)} au ${frenchDate(input.endDate)}`,
    `Contenu : ${input.entryCount} écriture(s), ${input.recordCount} enregistrement(s) (lignes d’écriture)`,
    '',
    'STRUCTURE',
    `- Jeu de caractères : ${CHARSETS[input.encoding]}`,
    '- Fichier à plat, à organisation séquentielle, enregistrements de longueur variable.',
    '- Séparateur de zones : tabulation (caractère 09). Aucune zone ne contient de tabulation, de « | » ni de retour à la ligne.',
    '- Séparateur d’enregistrements : retour chariot suivi d’un saut de ligne (CR LF), sans saut de ligne après le dernier enregistrement.',
    '- Première ligne : noms des 18 zones, dans l’ordre ci-dessous.',
    '- Un enregistrement par ligne d’écriture ; les lignes d’une même écriture se suivent.',
    '- Enregistrements classés par date de validation (ValidDate), puis par journal et par numéro d’écriture.',
    '- Dates au format AAAAMMJJ, sans séparateur.',
    '- Montants en euros, en base 10, avec la virgule comme séparateur décimal et sans séparateur de milliers (ex. 1234,50).',
    '',
    'ZONES',
    ...FEC_COLUMNS.map((column, index) => {
      const zone = ZONES[column];
      return `${String(index + 1).padStart(2, ' ')}. ${column} (${zone.type}) : ${zone.content}`;
    }),
    '',
    'NUMÉROTATION DES ÉCRITURES (EcritureNum)',
    '- Forme : code journal, exercice, séquence à 6 chiffres, séparés par un tiret (ex. BQ1-2025-000042).',
    '- La séquence est continue, sans rupture, propre à chaque journal et à chaque exercice, et commence à 000001.',
    '- Le numéro est attribué à la validation (comptabilisation) de l’écriture, dans l’ordre de validation : il croît',
    '  avec la date de validation, et non avec la date de l’opération.',
    '- Une écriture validée n’est jamais modifiée ni supprimée : une correction passe par une écriture d’extourne',
    '  suivie d’une nouvelle écriture.',
    '',
    'DATE DE VALIDATION (ValidDate)',
    '- Jour, à l’heure de Paris, où l’écriture a été comptabilisée et figée ; elle ne change plus ensuite.',
    '',
    'JOURNAUX UTILISÉS',
    ...(input.journals.length === 0
      ? ['- Aucun (exercice sans écriture).']
      : input.journals.map((journal) => `- ${journal.code} : ${journal.name}`)),
    '',
  ];
  return lines.join('\r\n');
}
