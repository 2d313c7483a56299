import type { ContactCard, Reply } from '../../core/reply/model';
import type { Vote } from '../../storage/store';
import { clip } from '../shared/clip';
import { telephoneUri } from '../shared/tel';
import {
  type AdaptiveCard,
  actionSet,
  adaptiveCard,
  type CardAction,
  type CardElement,
  cardBytes,
  MAX_CARD_BYTES,
  textBlock,
} from './card';
import { chooseData, feedbackData, type Via } from './card-data';
import { toCardTexts } from './markdown';

const LABELS = {
  sv: {
    up: '👍 Bra',
    down: '👎 Inte bra',
    thanksUp: '👍 Tack för din återkoppling!',
    thanksDown: '👎 Tack! Vi använder det för att förbättra svaren.',
  },
  en: {
    up: '👍 Helpful',
    down: '👎 Not helpful',
    thanksUp: '👍 Thanks for your feedback!',
    thanksDown: '👎 Thanks! We use it to improve the answers.',
  },
} as const;

/** This channel's name in help.yaml's `usage:`: Teams users are told Teams' commands only. */
export const SURFACE = 'teams';

/** Teams shows about this much of a button title; more is cut. */
const MAX_BUTTON = 80;
const MAX_TEXT_BLOCK = 4000;
const MAX_CONTACTS = 10;
const MAX_LINKS = 6;

export const FEEDBACK_ID = 'sofo-feedback';

export interface RenderOptions {
  /** The question as asked: carried by the buttons. */
  question: string;
  /** How the reply was made (a feedback click makes it again to update the card). */
  via: Via;
  /** The vote already given: the 👍/👎 row becomes a thank-you line. */
  acknowledged?: Vote;
  /**
   * The card is seen by others too (a channel or group chat): votes are Universal Actions
   * (Action.Execute), whose answer changes the card for the voter alone.
   */
  shared?: boolean;
  /** Teams user id of the voter, on an acknowledged card: their client keeps showing their own state. */
  voter?: string;
}

/** The verbs of Sofo's Action.Execute buttons; a refresh re-draws a voter's card and records nothing. */
export const VERBS = { feedback: 'sofo.feedback', refresh: 'sofo.voted' } as const;

/** A Reply as an Adaptive Card: title, text, choices, people, links, source, feedback. */
export function renderCard(reply: Reply, options: RenderOptions): AdaptiveCard {
  const label = LABELS[reply.lang];
  const body: CardElement[] = [];
  if (reply.title) {
    body.push(textBlock(clip(reply.title, 200), { size: 'Medium', weight: 'Bolder', style: 'heading' }));
  }
  const usage = reply.usage?.[SURFACE] ?? '';
  for (const text of [...toCardTexts(reply.text), ...toCardTexts(usage)]) {
    body.push(textBlock(clip(text, MAX_TEXT_BLOCK)));
  }

  // Under an answer, alternatives are only related topics; elsewhere they are what the user may mean.
  const choices = reply.kind === 'answer' ? [] : reply.alternatives;
  if (choices.length > 0) {
    body.push(
      actionSet(
        choices.map((a) => submit(a.title, chooseData(a.id, reply.lang, options.question))),
        'sofo-choices',
      ),
    );
  }
  for (const contact of reply.contacts.slice(0, MAX_CONTACTS)) body.push(contactContainer(contact));
  if (reply.links.length > 0) {
    body.push(
      actionSet(
        reply.links
          .slice(0, MAX_LINKS)
          .map((l) => ({ type: 'Action.OpenUrl', title: clip(l.title, MAX_BUTTON), url: l.url })),
        'sofo-links',
      ),
    );
  }
  if (reply.source) {
    body.push(textBlock(`[${reply.source.title}](${reply.source.url})`, { isSubtle: true, size: 'Small' }));
  }
  if (reply.feedback) {
    if (options.acknowledged) {
      const thanks = options.acknowledged === 'up' ? label.thanksUp : label.thanksDown;
      body.push(textBlock(thanks, { id: FEEDBACK_ID, isSubtle: true, size: 'Small', separator: true }));
    } else {
      const vote = (v: Vote) => feedbackData(v, reply.id, reply.lang, options.question, options.via);
      const button = options.shared ? execute : submit;
      body.push(actionSet([button(label.up, vote('up')), button(label.down, vote('down'))], FEEDBACK_ID));
    }
  }
  const card = withinSize(adaptiveCard(body));
  if (options.acknowledged && options.voter) {
    // User-specific view: whenever the voter's client draws the card again it asks Sofo (a refresh
    // invoke) and gets this acknowledged card back; everyone else keeps the card as it was posted.
    card.refresh = {
      action: {
        type: 'Action.Execute',
        title: label.up,
        verb: VERBS.refresh,
        data: { ...feedbackData(options.acknowledged, reply.id, reply.lang, options.question, options.via) },
      },
      userIds: [options.voter],
    };
  }
  return card;
}

/** One person: name, role and organisation, e-mail and phone as links. */
export function contactContainer(contact: ContactCard): CardElement {
  const reach = [
    contact.email ? `[${contact.email}](mailto:${contact.email})` : '',
    contact.phone ? `[${contact.phone}](${telephoneUri(contact.phone)})` : '',
  ].filter(Boolean);
  return {
    type: 'Container',
    separator: true,
    items: [
      textBlock(`**${contact.name}**`),
      textBlock(`${contact.role}, ${contact.organisation}`, { isSubtle: true, spacing: 'None' }),
      ...(reach.length > 0 ? [textBlock(reach.join(' · '), { spacing: 'None' })] : []),
    ],
  };
}

export function submit(title: string, data: object): CardAction {
  return { type: 'Action.Submit', title: clip(title, MAX_BUTTON), data: { ...data } };
}

/** A Universal Action; clients that cannot run it fall back to the same button as Action.Submit. */
export function execute(title: string, data: object): CardAction {
  return {
    type: 'Action.Execute',
    title: clip(title, MAX_BUTTON),
    verb: VERBS.feedback,
    data: { ...data },
    fallback: submit(title, data),
  };
}

/**
 * Keeps a card under the size every Teams client accepts: people are dropped from the end first (the
 * best matches come first), then the longest texts are shortened.
 */
function withinSize(card: AdaptiveCard): AdaptiveCard {
  while (cardBytes(card) > MAX_CARD_BYTES) {
    const lastPerson = card.body.map((e) => e.type).lastIndexOf('Container');
    if (lastPerson >= 0) {
      card.body.splice(lastPerson, 1);
      continue;
    }
    const longest = card.body
      .filter((e) => e.type === 'TextBlock' && typeof e.text === 'string')
      .sort((a, b) => String(b.text).length - String(a.text).length)[0];
    if (!longest || String(longest.text).length < 200) break;
    longest.text = clip(String(longest.text), Math.floor(String(longest.text).length / 2));
  }
  return card;
}
