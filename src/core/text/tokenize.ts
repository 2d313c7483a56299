/** Text in Latin script with ordinary punctuation: the common case, tokenized without Unicode tables. */
const LATIN_TEXT = /^[\t\n\r -\u024f\u2000-\u206f]*$/;
const LATIN_WORD = /[a-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+/g;

/** Lower-cased words and numbers; everything else separates them. */
export function tokenize(text: string): string[] {
  const lower = text.toLowerCase();
  return (LATIN_TEXT.test(lower) ? lower.match(LATIN_WORD) : lower.match(/[\p{L}\p{N}]+/gu)) ?? [];
}

/**
 * Folds diacritics (å→a, ä→a, ö→o, é→e) so "Goteborg" finds "Göteborg". Used beside the original
 * form, never instead of it, since folding merges words such as "får" and "far".
 */
export function fold(word: string): string {
  // Most words are plain a–z: skip the Unicode work for them (this runs for every word of every question).
  if (/^[ -~]*$/.test(word)) return word;
  // Swedish letters by table; anything else through Unicode decomposition.
  let out = '';
  for (const ch of word) {
    const plain = FOLDED[ch];
    if (plain !== undefined) out += plain;
    else if (ch.charCodeAt(0) < 0x80) out += ch;
    else return word.normalize('NFD').replace(/\p{M}/gu, '');
  }
  return out;
}

const FOLDED: Record<string, string> = { å: 'a', ä: 'a', ö: 'o', é: 'e', è: 'e', ü: 'u', á: 'a', à: 'a' };

export function hasLetters(text: string): boolean {
  return /\p{L}/u.test(text);
}
