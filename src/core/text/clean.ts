/**
 * Turns whatever a user typed into plain text the matcher can read. Channel adapters strip their own
 * platform markup first; this is the platform-neutral safety net (HTML, Markdown, chat mention syntax,
 * control characters, absurd lengths).
 */

/** Matching never looks further than this: a question is a few sentences, not a document. */
export const MAX_QUESTION_CHARS = 1000;

export function cleanText(raw: string): string {
  // Clip before any regex runs so the work stays bounded whatever arrives.
  const clipped = raw.length > MAX_QUESTION_CHARS * 4 ? raw.slice(0, MAX_QUESTION_CHARS * 4) : raw;
  const text = clipped
    .normalize('NFC')
    // <http://x|label> (Slack link syntax) keeps its label; other <…> (tags, <!channel>, <@U1>) go.
    .replace(/<[^<>|]*\|([^<>]*)>/g, ' $1 ')
    .replace(/<[^<>]*>/g, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|#39);/g, ' ')
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/[*_~`#>|[\]()]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > MAX_QUESTION_CHARS ? text.slice(0, MAX_QUESTION_CHARS) : text;
}
