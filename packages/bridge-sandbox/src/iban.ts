/**
 * IBAN construction for generated accounts. The product matches Bridge accounts to its bank accounts by IBAN and
 * validates them (ISO 13616), so generated IBANs must be real-looking and pass every check.
 */

/** ISO 7064 mod 97-10 of a digit string, computed in chunks (the number is far beyond 2^53). */
export function mod97(digits: string): number {
  let remainder = 0;
  for (let i = 0; i < digits.length; i += 7) {
    remainder = Number(String(remainder) + digits.slice(i, i + 7)) % 97;
  }
  return remainder;
}

/** Letters → numbers as ISO 13616 says (A=10 … Z=35). */
function toIsoDigits(text: string): string {
  return text
    .toUpperCase()
    .split('')
    .map((char) => (/[A-Z]/.test(char) ? String(char.charCodeAt(0) - 55) : char))
    .join('');
}

/** The two IBAN check digits for a country code and BBAN. */
export function ibanCheckDigits(countryCode: string, bban: string): string {
  const remainder = mod97(toIsoDigits(bban + countryCode + '00'));
  return String(98 - remainder).padStart(2, '0');
}

export function isValidIbanChecksum(iban: string): boolean {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(compact)) return false;
  return mod97(toIsoDigits(compact.slice(4) + compact.slice(0, 4))) === 1;
}

/** French RIB account numbers may hold letters; the RIB key maps them to digits with this table. */
function ribDigits(text: string): string {
  const table: Record<string, string> = {};
  'ABCDEFGHI'.split('').forEach((c, i) => (table[c] = String(i + 1)));
  'JKLMNOPQR'.split('').forEach((c, i) => (table[c] = String(i + 1)));
  'STUVWXYZ'.split('').forEach((c, i) => (table[c] = String(i + 2)));
  return text
    .toUpperCase()
    .split('')
    .map((char) => table[char] ?? char)
    .join('');
}

/** "Clé RIB": 97 − ((89 × bank + 15 × branch + 3 × account) mod 97). BigInt keeps it exact. */
export function ribKey(bankCode: string, branchCode: string, accountNumber: string): string {
  const sum = 89n * BigInt(bankCode) + 15n * BigInt(branchCode) + 3n * BigInt(ribDigits(accountNumber));
  return String(97n - (sum % 97n)).padStart(2, '0');
}

/** A French IBAN (27 characters): FRkk BBBBB GGGGG CCCCCCCCCCC KK. */
export function frenchIban(bankCode: string, branchCode: string, accountNumber: string): string {
  const bban = bankCode + branchCode + accountNumber + ribKey(bankCode, branchCode, accountNumber);
  return 'FR' + ibanCheckDigits('FR', bban) + bban;
}

/** A Belgian IBAN (16 characters): BEkk BBBA AAAA AACC, CC = first ten digits mod 97 (97 when 0). */
export function belgianIban(bankCode: string, accountNumber: string): string {
  const ten = bankCode + accountNumber;
  const check = mod97(ten) || 97;
  const bban = ten + String(check).padStart(2, '0');
  return 'BE' + ibanCheckDigits('BE', bban) + bban;
}
