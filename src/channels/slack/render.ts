import type { types } from '@slack/bolt';
import type { Reply } from '../../core/reply/model';
import { telephoneUri } from '../shared/tel';
import { ACTIONS, encodeValue } from './actions';
import { clip, escapeSlack, toMrkdwn, toPlainText } from './escape';

type KnownBlock = types.KnownBlock;
type ActionsBlock = types.ActionsBlock;
type Button = types.Button;

/** This channel's name in help.yaml's `usage:`: Slack users are told Slack's commands only. */
export const SURFACE = 'slack';

/** Slack's limits (Block Kit reference): section text 3000, header 150, button text 75, 25 per actions. */
const LIMIT = { section: 3000, header: 150, button: 75, actions: 25 } as const;

const LABELS = {
  sv: {
    thanksUp: 'Bra',
    thanksDown: 'Inte bra',
    share: 'Dela i kanalen',
    feedback: 'Var svaret till hjälp?',
  },
  en: {
    thanksUp: 'Helpful',
    thanksDown: 'Not helpful',
    share: 'Share in channel',
    feedback: 'Was this helpful?',
  },
} as const;

export interface RenderOptions {
  /** The question as asked: carried by feedback and share buttons. */
  question: string;
  /** Offer a button that posts the (ephemeral) answer to the channel. */
  shareable?: boolean;
}

export interface SlackMessage {
  /** Notification and fallback text; Slack shows it where blocks cannot be shown. */
  text: string;
  blocks: KnownBlock[];
}

/** A Reply as a Block Kit message: title, text, choices, people, links, source, feedback. */
export function renderSlack(reply: Reply, options: RenderOptions): SlackMessage {
  const label = LABELS[reply.lang];
  const blocks: KnownBlock[] = [];
  if (reply.title)
    blocks.push({ type: 'header', text: { type: 'plain_text', text: clip(reply.title, LIMIT.header) } });
  if (reply.text) blocks.push(section(toMrkdwn(reply.text)));
  const usage = reply.usage?.[SURFACE];
  if (usage) blocks.push(section(toMrkdwn(usage)));

  const choices = reply.kind === 'answer' ? [] : reply.alternatives;
  if (choices.length > 0) {
    blocks.push(
      actions(
        'sofo_choices',
        choices.map((a, i) =>
          button(
            `sofo_choose:${i}`,
            a.title,
            encodeValue({ id: a.id, lang: reply.lang, q: options.question }),
          ),
        ),
      ),
    );
  }
  for (const c of reply.contacts.slice(0, 10)) {
    const reach = [
      c.email ? `<mailto:${c.email}|${escapeSlack(c.email)}>` : '',
      c.phone ? `<${telephoneUri(c.phone)}|${escapeSlack(c.phone)}>` : '',
    ].filter(Boolean);
    blocks.push(
      section(
        `*${escapeSlack(c.name)}*\n${escapeSlack(c.role)}, ${escapeSlack(c.organisation)}${reach.length ? `\n${reach.join(' · ')}` : ''}`,
      ),
    );
  }
  if (reply.links.length > 0) {
    blocks.push(
      actions(
        'sofo_links',
        reply.links.map((l, i) => ({ ...button(`sofo_link:${i}`, l.title), url: l.url })),
      ),
    );
  }
  if (reply.source) {
    const { title, url } = reply.source;
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `<${url}|${escapeSlack(title)}>` }] });
  }

  const footer: Button[] = [];
  if (reply.feedback) {
    const value = encodeValue({ id: reply.id, lang: reply.lang, q: options.question });
    footer.push(
      button('sofo_feedback_up', `👍 ${label.thanksUp}`, value),
      button('sofo_feedback_down', `👎 ${label.thanksDown}`, value),
    );
  }
  if (options.shareable) {
    footer.push(
      button(
        ACTIONS.share,
        label.share,
        encodeValue({ id: reply.id, lang: reply.lang, q: options.question }),
      ),
    );
  }
  if (footer.length > 0) blocks.push(actions('sofo_feedback', footer));

  const text = toPlainText([reply.title, reply.text, usage].filter(Boolean).join('\n'));
  return { text: clip(text, LIMIT.section), blocks };
}

/** What a voter is told. */
export function feedbackThanks(vote: 'up' | 'down', lang: 'sv' | 'en'): string {
  return {
    sv:
      vote === 'up' ? '👍 Tack för din återkoppling!' : '👎 Tack! Vi använder det för att förbättra svaren.',
    en: vote === 'up' ? '👍 Thanks for your feedback!' : '👎 Thanks! We use it to improve the answers.',
  }[lang];
}

/** The answer's blocks with the feedback row replaced by a thank-you line: the message updates in place. */
export function withFeedbackAcknowledged(
  blocks: readonly KnownBlock[],
  vote: 'up' | 'down',
  lang: 'sv' | 'en',
): KnownBlock[] {
  const thanks = feedbackThanks(vote, lang);
  return [
    ...blocks.filter((b) => b.block_id !== 'sofo_feedback'),
    { type: 'context', block_id: 'sofo_feedback_done', elements: [{ type: 'mrkdwn', text: thanks }] },
  ];
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(text, LIMIT.section) } };
}

function actions(blockId: string, elements: Button[]): ActionsBlock {
  return { type: 'actions', block_id: blockId, elements: elements.slice(0, LIMIT.actions) };
}

function button(actionId: string, text: string, value?: string): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: clip(text, LIMIT.button), emoji: true },
    ...(value !== undefined ? { value } : {}),
  };
}
