import Big from 'big.js';

/** A no-break space: a thousands group never wraps onto the next line. */
const GROUP = '\u00a0';

/** A decimal string as a French amount: "1234.5" → "1 234,50", "-0.07" → "-0,07". Exact (big.js), never a float. */
export function frenchAmount(value: string): string {
  const fixed = new Big(value).toFixed(2);
  const negative = fixed.startsWith('-');
  const [units = '0', cents = '00'] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = units.replace(/\B(?=(\d{3})+(?!\d))/g, GROUP);
  return `${negative ? '-' : ''}${grouped},${cents}`;
}

/** An ISO day as a French date: "2026-11-14" → "14/11/2026" (unchanged when it is not one). */
export function frenchDate(value: string | null | undefined): string {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : value;
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
