/** Lower-cased words and numbers; everything else separates them. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Folds diacritics (å→a, ä→a, ö→o, é→e) so "Goteborg" finds "Göteborg". Used beside the original
 * form, never instead of it, since folding merges words such as "får" and "far".
 */
export function fold(word: string): string {
  // Most words are plain a–z: skip the Unicode work for them (this runs for every word of every question).
  if (/^[\x00-\x7f]*$/.test(word)) return word;
  return word.normalize('NFD').replace(/\p{M}/gu, '');
}

export function hasLetters(text: string): boolean {
  return /\p{L}/u.test(text);
}
