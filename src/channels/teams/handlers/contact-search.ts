import type { Lang } from '../../../core/lang';
import type { ContactCard, Reply } from '../../../core/reply/model';
import type { Answers } from '../../shared/answers';
import { adaptiveCard, CARD_CONTENT_TYPE, textBlock } from '../card';
import { contactContainer } from '../render';

/** The search command of the messaging extension (manifest: composeExtensions[0].commands[0].id). */
export const CONTACT_COMMAND = 'kontakt';

export interface ContactQuery {
  commandId?: string;
  parameters?: { name?: string; value?: unknown }[];
  queryOptions?: { skip?: number; count?: number };
}

/**
 * `composeExtension/query` for `kontakt`: contact persons as cards a user can insert into a message,
 * each with a thumbnail preview for the result list. The first run (no text yet) lists everyone; a
 * search that finds no one returns no results rather than everyone.
 */
export function searchContacts(engine: Answers, query: ContactQuery, lang: Lang | undefined) {
  const text = queryText(query);
  const reply = engine.lookupContacts(text, lang ? { lang } : {});
  const people = reply.kind === 'fallback' ? [] : reply.contacts;
  const skip = clampInt(query.queryOptions?.skip, 0, 0, 1000);
  const count = clampInt(query.queryOptions?.count, 25, 1, 25);
  return {
    composeExtension: {
      type: 'result',
      attachmentLayout: 'list',
      attachments: people.slice(skip, skip + count).map((c) => contactResult(c, sourceText(reply))),
    },
  };
}

function contactResult(contact: ContactCard, source: string) {
  const from = textBlock(source, { isSubtle: true, size: 'Small' });
  return {
    contentType: CARD_CONTENT_TYPE,
    content: adaptiveCard([contactContainer(contact), ...(source ? [from] : [])]),
    preview: {
      contentType: 'application/vnd.microsoft.card.thumbnail',
      content: { title: contact.name, subtitle: contact.organisation, text: contact.role },
    },
  };
}

/** A card inserted into a conversation still says where its details come from, and links the guide. */
function sourceText(reply: Reply): string {
  return reply.source ? `[${reply.source.title}](${reply.source.url})` : '';
}

/** The typed text; Teams' first run sends `initialRun` instead of the search parameter. */
function queryText(query: ContactQuery): string {
  const param = (query.parameters ?? []).find((p) => p.name !== 'initialRun');
  return typeof param?.value === 'string' ? param.value.trim() : '';
}

function clampInt(value: unknown, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && Number.isInteger(value)
    ? Math.min(max, Math.max(min, value))
    : fallback;
}
