/**
 * Masks what identifies a person in a question before it is matched or stored: e-mail addresses, phone
 * numbers, personnummer and URLs with a query string (which often carry tokens or ids). The placeholders
 * are plain words in brackets, so a reader still sees that something was there, and the matcher reads
 * them as nothing (they are no topic words).
 */

/** Longest question text ever stored: enough for an editor to read it, not a document. */
export const MAX_STORED_CHARS = 500;

export const PLACEHOLDERS = {
  email: '[e-post]',
  phone: '[telefon]',
  personnummer: '[personnummer]',
  url: '[länk]',
} as const;

// Bounded patterns only (no nested quantifiers), so a hostile 100 KB text costs linear time.
const URL_WITH_QUERY = /\bhttps?:\/\/[^\s<>"]{1,2000}\?[^\s<>"]{0,2000}/giu;
const EMAIL = /[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,8}/gu;
// 19/20YYMMDD-XXXX, YYMMDD-XXXX, YYMMDD+XXXX and the same without the dash.
const PERSONNUMMER = /(?<!\d)(?:19|20)?\d{6}[-+ ]?\d{4}(?!\d)/g;
// +46 70 123 45 67, 070-123 45 67, 08-123 456 78, (0)19 12 34 56: 7 to 15 digits with separators.
const PHONE = /(?<![\p{L}\p{N}])(?:\+|00)?\d(?:[\s().-]{0,2}\d){6,14}(?![\p{L}\p{N}])/gu;

type Placeholders = Record<keyof typeof PLACEHOLDERS, string>;

/** For matching: the personal data gone without a trace, so it never counts as a topic word. */
export const BLANKS: Placeholders = { email: ' ', phone: ' ', personnummer: ' ', url: ' ' };

/** The text with personal data masked. Order matters: a URL or e-mail may contain digits. */
export function scrub(text: string, placeholders: Placeholders = PLACEHOLDERS): string {
  return text
    .replace(URL_WITH_QUERY, placeholders.url)
    .replace(EMAIL, placeholders.email)
    .replace(PERSONNUMMER, placeholders.personnummer)
    .replace(PHONE, placeholders.phone);
}

/** What may be stored of a question: scrubbed, then clipped to MAX_STORED_CHARS. */
export function scrubForStorage(text: string): string {
  const masked = scrub(text).trim();
  return masked.length > MAX_STORED_CHARS ? `${masked.slice(0, MAX_STORED_CHARS - 1)}…` : masked;
}
