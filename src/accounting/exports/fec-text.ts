import iconv from 'iconv-lite';

import type { FecEncoding } from './export-types.js';

// FEC fields have no quoting (A47 A-1 VI 1°): a separator inside a field would shift every column after it. Tab and
// "|" (both legal separators), CR, LF, every other control character and the other Unicode line and space characters
// become a plain space.
const UNSAFE_IN_FIELD = /[\p{Cc}|\s]/gu;
const SPACE_RUNS = / {2,}/g;

/** One FEC field as text: no separator, no line break, no control character, single spaces, trimmed. */
export function cleanFecField(value: string): string {
  return value.replace(UNSAFE_IN_FIELD, ' ').replace(SPACE_RUNS, ' ').trim();
}

// The 256 characters of ISO-8859-15, read from iconv-lite's own table so that "can be written" means what the encoder
// will do.
const ISO_8859_15 = new Set(iconv.decode(Buffer.from(Array.from({ length: 256 }, (_, byte) => byte)), 'iso-8859-15'));

// What NFKD does not decompose: typographic punctuation (Word and bank labels are full of it) and a few letters.
// œ, Œ, Ÿ, € and ß are in ISO-8859-15 and never reach this table.
const TRANSLITERATIONS: Readonly<Record<string, string>> = {
  '\u2018': "'", // ‘
  '\u2019': "'", // ’
  '\u201A': "'", // ‚
  '\u201B': "'", // ‛
  '\u2032': "'", // ′
  '\u201C': '"', // “
  '\u201D': '"', // ”
  '\u201E': '"', // „
  '\u201F': '"', // ‟
  '\u2033': '"', // ″
  '\u2010': '-', // ‐
  '\u2011': '-', // non-breaking hyphen
  '\u2012': '-', // ‒
  '\u2013': '-', // –
  '\u2014': '-', // —
  '\u2015': '-', // ―
  '\u2212': '-', // − (minus sign)
  '\u2026': '...', // …
  '\u2044': '/', // ⁄ (what NFKD makes of ¼ ½ ¾'s slash)
  '\u0141': 'L', // Ł
  '\u0142': 'l', // ł
  '\u0110': 'D', // Đ
  '\u0111': 'd', // đ
  '\u0131': 'i', // ı
};
const COMBINING_MARK = /\p{M}/u;
const UNICODE_SPACE = /\p{Zs}/u;

function transliterateCharacter(character: string): string {
  if (ISO_8859_15.has(character)) return character;
  const mapped = TRANSLITERATIONS[character];
  if (mapped !== undefined) return mapped;
  if (UNICODE_SPACE.test(character)) return ' ';
  // NFKD splits "ő" into "o" + a combining mark, "ﬁ" into "fi", "™" into "TM"; whatever still cannot be written
  // (emoji, other scripts, symbols) is dropped.
  let result = '';
  for (const part of character.normalize('NFKD')) {
    if (COMBINING_MARK.test(part)) continue;
    if (ISO_8859_15.has(part)) result += part;
    else result += TRANSLITERATIONS[part] ?? '';
  }
  return result;
}

/**
 * The text with every character ISO-8859-15 cannot hold replaced by its closest writable form, or removed. Spaces
 * left doubled by a removal are collapsed, and those it leaves next to a tab or a line break (the edge of a FEC
 * field) or at an end of the text are dropped: "Café ☕" becomes "Café", not "Café ".
 */
export function transliterateToIso885915(text: string): string {
  let result = '';
  let changed = false;
  for (const character of text) {
    const written = transliterateCharacter(character);
    if (written !== character) changed = true;
    result += written;
  }
  if (!changed) return text;
  return result.replace(SPACE_RUNS, ' ').replace(/ +(?=[\t\r\n]|$)|(?<=^|[\t\r\n]) +/g, '');
}

/**
 * The bytes of a FEC text: UTF-8 as it is, or ISO-8859-15 after transliteration. iconv-lite writes "?" for what the
 * charset lacks; the round trip proves that never happened (a "?" of the text itself round-trips as itself).
 */
export function encodeFec(text: string, encoding: FecEncoding): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'iso-8859-15': {
      const transliterated = transliterateToIso885915(text);
      const encoded = iconv.encode(transliterated, 'iso-8859-15');
      if (iconv.decode(encoded, 'iso-8859-15') !== transliterated)
        throw new Error('FEC text has characters that ISO-8859-15 cannot hold after transliteration');
      return encoded;
    }
  }
}
