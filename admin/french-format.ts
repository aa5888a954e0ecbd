import Big from 'big.js';

const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * A decimal string as a French amount in euros, as Intl fr-FR writes it: "48458.56" → "48 458,56 €" (narrow no-break
 * space between thousands, no-break space before €). Exact: Intl formats the decimal string itself, never a float.
 */
export function frenchAmount(value: string): string {
  return EUROS.format(new Big(value).toFixed(2) as unknown as number);
}

/** A decimal string in another currency, as Intl fr-FR writes it ("1234.5", "USD" → "1 234,50 $US"); euros as frenchAmount. */
export function frenchMoney(value: string, currency: string): string {
  if (currency === 'EUR') return frenchAmount(value);
  const amount = new Big(value).toFixed(2) as unknown as number;
  try {
    return new Intl.NumberFormat('fr-FR', { style: 'currency', currency }).format(amount);
  } catch {
    // A code Intl does not know (Bridge sends what the bank gives): the number in French, then the code.
    return `${new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2 }).format(amount)} ${currency}`;
  }
}

/**
 * A decimal string as an edit form shows it, French and exact: "50490.16" → "50 490,16", "-0.125" → "-0,125" (every
 * decimal kept, so that saving the form unchanged changes nothing). parseFrenchAmount reads it back.
 */
export function frenchEditableAmount(value: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return value;
  const [, sign = '', whole = '', decimals] = match;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return `${sign}${grouped}${decimals === undefined ? '' : `,${decimals}`}`;
}

/** True for a decimal string such as "-1234.5" (what the API stores and answers). */
export function isDecimalString(value: unknown): value is string {
  return typeof value === 'string' && DECIMAL.test(value);
}

/**
 * An amount typed the French way as a decimal string: "1 520,35", "1520,35", "-12,5", "1 520,35 €" → "1520.35",
 * "-12.5". Spaces of any kind (no-break, narrow) group thousands. Null when it is not an amount.
 */
export function parseFrenchAmount(input: string): string | null {
  const compact = input.replace(/[\s\u00a0\u202f]/g, '').replace(/€$/, '');
  if (!/^[-+]?\d+([.,]\d+)?$/.test(compact)) return null;
  return new Big(compact.replace(',', '.').replace(/^\+/, '')).toString();
}

/** An ISO day as a French date: "2026-11-14" → "14/11/2026" (unchanged when it is not one). */
export function frenchDate(value: string | null | undefined): string {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : value;
}

/** A day typed JJ/MM/AAAA (or already ISO) as an ISO day: "01/11/2026" → "2026-11-01". Null when not a real day. */
export function parseFrenchDate(input: string): string | null {
  const trimmed = input.trim();
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const [year, month, day] = french
    ? [Number(french[3]), Number(french[2]), Number(french[1])]
    : iso
      ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
      : [NaN, NaN, NaN];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (Number.isNaN(date.getTime()) || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

const PARIS = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** An instant as French people read it, in Paris time: "14/11/2026 10:32". */
export function frenchDateTime(value: Date | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? '' : PARIS.format(date).replace(',', '');
}
