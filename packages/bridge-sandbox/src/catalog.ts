/**
 * Static reference data: providers (banks), categories and item statuses. Ids are stable across runs so tests,
 * demos and fixtures can name them (BNP Paribas is 574, as in Bridge's documentation).
 */

/** Which of the optional transaction dates a bank fills, and which one becomes `date`. Banks differ. */
export interface DateProfile {
  bookingDate: boolean;
  transactionDate: boolean;
  valueDate: boolean;
  /** Source of `date` for lines other than card purchases. */
  dateFrom: 'booking' | 'value';
}

export interface Provider {
  id: number;
  name: string;
  countryCode: 'FR' | 'BE';
  groupName: string;
  /** National bank code used to build IBANs (5 digits in France, 3 in Belgium). */
  bankCode: string;
  /** Business-only banks: accounts are `pro`. */
  pro: boolean;
  cardName: string;
  checkingName: string;
  savingsName: string;
  color: string;
  dates: DateProfile;
}

const FULL: DateProfile = { bookingDate: true, transactionDate: true, valueDate: true, dateFrom: 'booking' };
const NO_OPERATION_DATE: DateProfile = {
  bookingDate: true,
  transactionDate: false,
  valueDate: true,
  dateFrom: 'booking',
};
const VALUE_ONLY: DateProfile = { bookingDate: false, transactionDate: true, valueDate: true, dateFrom: 'value' };
const BOOKING_ONLY: DateProfile = { bookingDate: true, transactionDate: false, valueDate: false, dateFrom: 'booking' };

export const PROVIDERS: readonly Provider[] = [
  {
    id: 574,
    name: 'BNP Paribas',
    countryCode: 'FR',
    groupName: 'BNP Paribas',
    bankCode: '30004',
    pro: false,
    cardName: 'Carte Visa Premier',
    checkingName: 'Compte de chèques',
    savingsName: 'Livret A',
    color: '#00915a',
    dates: FULL,
  },
  {
    id: 507,
    name: 'Crédit Agricole',
    countryCode: 'FR',
    groupName: 'Crédit Agricole',
    bankCode: '18206',
    pro: false,
    cardName: 'Carte Mastercard Gold',
    checkingName: 'Compte courant',
    savingsName: 'Livret A',
    color: '#006a4e',
    dates: NO_OPERATION_DATE,
  },
  {
    id: 179,
    name: 'Société Générale',
    countryCode: 'FR',
    groupName: 'Société Générale',
    bankCode: '30003',
    pro: false,
    cardName: 'Carte Visa Premier',
    checkingName: 'Compte courant',
    savingsName: 'Livret A',
    color: '#e60028',
    dates: FULL,
  },
  {
    id: 487,
    name: 'LCL',
    countryCode: 'FR',
    groupName: 'Crédit Agricole',
    bankCode: '30002',
    pro: false,
    cardName: 'Carte Visa Premier',
    checkingName: 'Compte de dépôt',
    savingsName: 'Livret A',
    color: '#003c7d',
    dates: NO_OPERATION_DATE,
  },
  {
    id: 218,
    name: "Caisse d'Épargne",
    countryCode: 'FR',
    groupName: 'BPCE',
    bankCode: '17515',
    pro: false,
    cardName: 'Carte Visa Premier',
    checkingName: 'Compte de dépôt',
    savingsName: 'Livret A',
    color: '#d6001c',
    dates: VALUE_ONLY,
  },
  {
    id: 215,
    name: 'Banque Populaire',
    countryCode: 'FR',
    groupName: 'BPCE',
    bankCode: '10207',
    pro: false,
    cardName: 'Carte Mastercard Platinum',
    checkingName: 'Compte courant',
    savingsName: 'Livret A',
    color: '#0050a0',
    dates: VALUE_ONLY,
  },
  {
    id: 163,
    name: 'La Banque Postale',
    countryCode: 'FR',
    groupName: 'La Banque Postale',
    bankCode: '20041',
    pro: false,
    cardName: 'Carte Visa Premier',
    checkingName: 'CCP',
    savingsName: 'Livret A',
    color: '#ffc800',
    dates: BOOKING_ONLY,
  },
  {
    id: 183,
    name: 'Crédit Mutuel',
    countryCode: 'FR',
    groupName: 'Crédit Mutuel Alliance Fédérale',
    bankCode: '10278',
    pro: false,
    cardName: 'Carte Mastercard Gold',
    checkingName: 'Compte chèque',
    savingsName: 'Livret Bleu',
    color: '#004b93',
    dates: FULL,
  },
  {
    id: 180,
    name: 'CIC',
    countryCode: 'FR',
    groupName: 'Crédit Mutuel Alliance Fédérale',
    bankCode: '30066',
    pro: false,
    cardName: 'Carte Visa Premier',
    checkingName: 'Compte courant',
    savingsName: 'Livret A',
    color: '#00a3e0',
    dates: FULL,
  },
  {
    id: 152,
    name: 'Boursorama',
    countryCode: 'FR',
    groupName: 'Société Générale',
    bankCode: '40618',
    pro: false,
    cardName: 'Carte Visa Ultim',
    checkingName: 'Compte Boursorama',
    savingsName: 'Livret A',
    color: '#ce0058',
    dates: NO_OPERATION_DATE,
  },
  {
    id: 421,
    name: 'Qonto',
    countryCode: 'FR',
    groupName: 'Qonto',
    bankCode: '16958',
    pro: true,
    cardName: 'Carte Mastercard One',
    checkingName: 'Compte principal',
    savingsName: 'Compte à terme',
    color: '#1d1d1b',
    dates: BOOKING_ONLY,
  },
  {
    id: 429,
    name: 'Shine',
    countryCode: 'FR',
    groupName: 'Société Générale',
    bankCode: '16798',
    pro: true,
    cardName: 'Carte Mastercard Business',
    checkingName: 'Compte Shine',
    savingsName: 'Épargne Shine',
    color: '#0b5fff',
    dates: BOOKING_ONLY,
  },
  {
    id: 1022,
    name: 'BNP Paribas Fortis',
    countryCode: 'BE',
    groupName: 'BNP Paribas',
    bankCode: '001',
    pro: false,
    cardName: 'Carte Visa Classic',
    checkingName: 'Compte à vue',
    savingsName: "Compte d'épargne",
    color: '#00915a',
    dates: FULL,
  },
  {
    id: 1037,
    name: 'KBC',
    countryCode: 'BE',
    groupName: 'KBC Group',
    bankCode: '734',
    pro: false,
    cardName: 'Carte Mastercard Gold',
    checkingName: 'Compte à vue',
    savingsName: "Compte d'épargne",
    color: '#00aeef',
    dates: NO_OPERATION_DATE,
  },
  {
    id: 1045,
    name: 'Belfius',
    countryCode: 'BE',
    groupName: 'Belfius',
    bankCode: '068',
    pro: false,
    cardName: 'Carte Visa Classic',
    checkingName: 'Compte à vue',
    savingsName: "Compte d'épargne",
    color: '#c30045',
    dates: VALUE_ONLY,
  },
];

export function findProvider(id: number): Provider | undefined {
  return PROVIDERS.find((provider) => provider.id === id);
}

export interface Category {
  id: number;
  name: string;
  children: { id: number; name: string }[];
}

/** Parent categories with their children, French names. Child ids known from public clients are kept. */
export const CATEGORIES: readonly Category[] = [
  {
    id: 1,
    name: 'Non catégorisé',
    children: [
      { id: 282, name: 'Autres dépenses' },
      { id: 283, name: 'Autres revenus' },
    ],
  },
  {
    id: 2,
    name: 'Revenus',
    children: [
      { id: 230, name: 'Salaires' },
      { id: 231, name: 'Ventes et prestations' },
      { id: 232, name: 'Intérêts' },
    ],
  },
  {
    id: 3,
    name: 'Alimentation & Restauration',
    children: [
      { id: 273, name: 'Supermarché / Épicerie' },
      { id: 260, name: 'Restaurants' },
    ],
  },
  {
    id: 4,
    name: 'Auto & Transports',
    children: [
      { id: 87, name: 'Carburant' },
      { id: 197, name: 'Train' },
      { id: 198, name: 'Péages' },
    ],
  },
  {
    id: 5,
    name: 'Logement',
    children: [
      { id: 217, name: 'Électricité' },
      { id: 218, name: 'Téléphone / Internet' },
    ],
  },
  {
    id: 6,
    name: 'Banque',
    children: [
      { id: 79, name: 'Frais bancaires' },
      { id: 85, name: 'Retraits' },
      { id: 326, name: 'Virements internes' },
      { id: 327, name: 'Débit différé carte' },
    ],
  },
  { id: 7, name: 'Impôts & Taxes', children: [{ id: 206, name: 'Cotisations sociales' }] },
  {
    id: 8,
    name: 'Achats & Shopping',
    children: [
      { id: 243, name: 'Achats en ligne' },
      { id: 244, name: 'Fournitures de bureau' },
    ],
  },
  {
    id: 9,
    name: 'Divers',
    children: [
      { id: 249, name: 'Chèques' },
      { id: 250, name: 'Dépôts' },
    ],
  },
];

export interface StatusInfo {
  /** Lower-case info code (v3 form); v2 renders it upper-case. */
  info: string | null;
  /** French description (the product sends Accept-Language: fr). */
  description: string | null;
}

/** Item statuses (BRIDGE-API.md §2.5). */
export const ITEM_STATUSES: Readonly<Record<number, StatusInfo>> = {
  0: { info: null, description: null },
  [-2]: { info: null, description: 'Connexion ajoutée, première synchronisation en cours.' },
  [-3]: { info: null, description: 'Identifiants mis à jour, synchronisation en cours.' },
  402: { info: 'invalid_creds', description: 'Identifiants bancaires incorrects : veuillez les mettre à jour.' },
  429: {
    info: 'tos_to_validate',
    description: 'Une action est requise sur le site de votre banque (conditions à accepter).',
  },
  1003: {
    info: 'cnt_crash',
    description: "La synchronisation n'a pas pu aboutir ; une nouvelle tentative aura lieu plus tard.",
  },
  1005: { info: 'otp_not_supported', description: "Ce compte ou ce mode d'authentification n'est pas pris en charge." },
  1007: { info: null, description: 'La synchronisation de cette banque est temporairement désactivée.' },
  1009: { info: null, description: 'Synchronisation incomplète : le solde a changé sans nouvelles opérations.' },
  1010: {
    info: 'otp_required',
    description:
      'Votre banque demande une authentification forte (SMS, notification…) pour continuer la synchronisation.',
  },
  1099: { info: null, description: 'Cette connexion est en cours de migration vers une autre banque.' },
  1100: {
    info: 'pro_account_locked',
    description: 'Des comptes professionnels ont été détectés : ils doivent être validés.',
  },
};

export const COUNTRY_CODES = [
  'FR',
  'ES',
  'IT',
  'PT',
  'DE',
  'BE',
  'NL',
  'LU',
  'PL',
  'HU',
  'IE',
  'MT',
  'CZ',
  'NO',
  'BG',
  'SE',
  'DK',
  'AT',
  'SK',
  'FI',
  'GB',
  'GR',
  'EE',
  'IS',
  'CY',
  'HR',
  'LV',
  'RO',
  'LT',
  'SI',
] as const;
