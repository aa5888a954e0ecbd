/**
 * Amounts live as integer cents everywhere in the sandbox; they only become JSON numbers (euros) when a
 * response is rendered, because Bridge sends amounts as JSON numbers (e.g. -12.34).
 */

/** Integer cents → the JSON number Bridge would send. `cents / 100` is the closest double to the decimal, and
 * JSON.stringify prints its shortest round-trip form, so -1234 renders exactly as -12.34. */
export function centsToJson(cents: number): number {
  return cents / 100;
}

const DECIMAL = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/;

/** Parses "-12.34", "12", "-0.5" or a JSON number into integer cents without float arithmetic; null if invalid. */
export function parseCents(value: unknown): number | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    text = String(value); // shortest round-trip form: 12.34 → "12.34"
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return null;
  }
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const [, sign, units, fraction = ''] = match;
  const cents = Number(units) * 100 + Number(fraction.padEnd(2, '0'));
  return sign === '-' ? -cents : cents;
}
