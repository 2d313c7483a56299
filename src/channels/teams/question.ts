/**
 * The question in a Teams message: the bot's mentions removed (by the mention entity whose
 * `mentioned.id` is the bot, every occurrence, wherever it stands, whatever the bot is called in that
 * tenant), and Teams' HTML (`<at>`, tags, `&nbsp;` and other entities) reduced to plain text. Core
 * cleaning does the rest; this is the Teams-specific part of "normalise at the edge".
 */
export interface MentionedActivity {
  text?: string;
  recipient?: { id?: string };
  entities?: unknown[];
}

export function questionFromTeams(activity: MentionedActivity): string {
  let text = activity.text ?? '';
  for (const mention of botMentions(activity)) text = text.split(mention).join(' ');
  return plainText(text);
}

/** Whether the message mentions the bot (in channels and group chats Sofo only answers then). */
export function mentionsBot(activity: MentionedActivity): boolean {
  return botMentions(activity).length > 0;
}

interface MentionEntity {
  type?: unknown;
  text?: unknown;
  mentioned?: { id?: unknown; name?: unknown };
}

/** The forms the bot's mention takes in `text`: the entity's own text, or `<at>name</at>` when it has none. */
function botMentions(activity: MentionedActivity): string[] {
  const botId = activity.recipient?.id;
  const forms = new Set<string>();
  for (const entity of (activity.entities ?? []) as MentionEntity[]) {
    if (entity?.type !== 'mention' || !botId || entity.mentioned?.id !== botId) continue;
    if (typeof entity.text === 'string' && entity.text !== '') forms.add(entity.text);
    const name = entity.mentioned?.name;
    if (typeof name === 'string' && name !== '') {
      forms.add(`<at>${name}</at>`);
      forms.add(`<at>${escapeHtml(name)}</at>`);
    }
  }
  return [...forms];
}

/** Inline formatting joins its text to the words around it; any other tag separates words. */
const INLINE_TAG = /<\/?(?:b|i|u|s|em|strong|strike|span|a|code|at|font|sup|sub)\b[^>]*>/gi;

const ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

export function plainText(html: string): string {
  return html
    .replace(INLINE_TAG, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code =
          name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
        return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
