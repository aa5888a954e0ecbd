// Text for the XML exports (camt.053, OFX). XML 1.0 cannot carry control characters other than tab, CR and LF, nor
// lone surrogates or U+FFFE/U+FFFF, and the schemas count lengths in characters: a label is cleaned, then cut on
// code points so that an emoji is never split in half.
const NOT_XML = /[\p{Cc}\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

/** The text on one line, without what XML refuses, at most `maxLength` characters; '' when nothing is left. */
export function xmlText(value: string, maxLength: number): string {
  const cleaned = value.replace(NOT_XML, ' ').replace(/\s+/g, ' ').trim();
  const characters = Array.from(cleaned);
  return characters.length <= maxLength ? cleaned : characters.slice(0, maxLength).join('').trimEnd();
}
