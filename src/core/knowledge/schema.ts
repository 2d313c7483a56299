import { z } from 'zod';
import { ENTRY_TYPES, INTENT_IDS } from './model';

/**
 * The shapes of the files in knowledge/ and intents/. Strict objects: a misspelt field name
 * ("keyword:") is reported rather than silently ignored.
 */

const text = z.string().trim().min(1, 'must not be empty');
const id = z
  .string()
  .regex(
    /^[a-z0-9]+(-[a-z0-9]+)*$/,
    'must be lower-case letters a-z, digits and dashes (e.g. case-goteborg)',
  );
const bilingual = z.strictObject({ sv: text, en: text });
const phrases = z.strictObject({
  sv: z.array(text).min(1, 'needs at least one Swedish phrase'),
  en: z.array(text).min(1, 'needs at least one English phrase'),
});
const url = z.url({ protocol: /^https?$/, error: 'must be a full web address starting with https://' });

export const linkSchema = z.strictObject({
  title: z.union([text, bilingual], { error: 'must be a text, or sv: and en: texts' }),
  url,
});

export const entrySchema = z.strictObject({
  id,
  type: z.enum(ENTRY_TYPES, { error: `must be one of: ${ENTRY_TYPES.join(', ')}` }),
  title: bilingual,
  questions: phrases,
  keywords: z
    .strictObject({ sv: z.array(text).default([]), en: z.array(text).default([]) })
    .default({ sv: [], en: [] }),
  contacts: z.array(id).default([]),
  links: z.array(linkSchema).default([]),
  related: z.array(id).default([]),
});

export const contactSchema = z.strictObject({
  id,
  name: text,
  role: bilingual,
  organisation: text,
  places: z.array(text).default([]),
  topics: z.array(text).default([]),
  email: z.email({ error: 'must be an e-mail address such as name@example.se' }).optional(),
  phone: z
    .string()
    .regex(/^\+?[0-9][0-9 \-()]{5,20}$/, 'must be a phone number such as 031-366 37 65')
    .optional(),
});

export const contactsSchema = z.array(contactSchema);

export const intentSchema = z.strictObject({
  id: z.enum(INTENT_IDS, { error: `must be one of: ${INTENT_IDS.join(', ')}` }),
  phrases,
  reply: bilingual,
  /**
   * How to use Sofo where it is shown, keyed by surface: each channel shows only its own. The core
   * never reads the keys; they are the channels' names for themselves.
   */
  usage: z
    .record(z.string().regex(/^[a-z]+$/, 'must be the lower-case name of a channel Sofo runs in'), bilingual)
    .optional(),
});

export const fallbackSchema = z.strictObject({
  id: z.literal('fallback'),
  reply: bilingual,
  links: z.array(linkSchema).default([]),
});

export const contactCuesSchema = z.strictObject({
  id: z.literal('contact-cues'),
  phrases,
});

/** Tips go to team channels as a short nudge: long texts belong in the entry they point to. */
export const MAX_TIP_CHARS = 280;
const tipText = text.max(MAX_TIP_CHARS, `is too long: keep a tip under ${MAX_TIP_CHARS} characters`);

export const tipsSchema = z.array(
  z.strictObject({
    id: z
      .string()
      .regex(
        /^tip-[a-z0-9]+(-[a-z0-9]+)*$/,
        'must start with "tip-", then lower-case letters, digits and dashes',
      ),
    entry: id,
    text: z.strictObject({ sv: tipText, en: tipText }),
  }),
);

/** Friendlier words for zod's issue codes, in the terms of the files. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is missing';
  // "- Catering: kan vi …" is read as a field named "Catering", not as the text it is.
  if (issue.code === 'invalid_type' && issue.expected === 'string' && isPlainObject(issue.input)) {
    return 'contains ": " and was read as a field name – put the whole text in quotes, e.g. "Catering: kan vi …"';
  }
  if (issue.code === 'invalid_type') return `must be ${article(issue.expected)}`;
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  return issue.message;
}

function article(expected: string): string {
  const names: Record<string, string> = {
    string: 'a text',
    array: 'a list (lines starting with "- ")',
    object: 'a group of fields (sv:, en: …)',
    number: 'a number',
  };
  return names[expected] ?? expected;
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
