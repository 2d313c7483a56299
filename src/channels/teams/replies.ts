import type { Lang } from '../../core/lang';
import type { Reply } from '../../core/reply/model';
import type { Answers } from '../shared/answers';
import type { Via } from './card-data';
import type { Command } from './commands';

/** A reply and how it was made. */
export interface Made {
  reply: Reply;
  via: Via;
  /** What the buttons carry as the question. */
  question: string;
}

/** The engine's reply to a message, by what the message asks for (tips commands are handled apart). */
export function replyTo(
  engine: Answers,
  command: Exclude<Command, { kind: 'tips' }>,
  locale: Lang | undefined,
): Made {
  switch (command.kind) {
    case 'contacts':
      return { reply: engine.lookupContacts(command.query), via: 'contacts', question: command.query };
    case 'help':
      return entry(engine, 'help', locale ?? command.lang);
    case 'cases':
      return entry(engine, 'list-cases', locale ?? command.lang);
    case 'ask':
      return { reply: engine.ask(command.question), via: 'ask', question: command.question };
  }
}

/**
 * The reply a card showed, made again from what its buttons carry: the engine is deterministic, so the
 * same question gives the same reply. Undefined when the knowledge has changed so that it no longer
 * does (the card is then left as it is).
 */
export function replayReply(
  engine: Answers,
  data: { id: string; lang: Lang; q: string; via: Via },
): Reply | undefined {
  const again =
    data.via === 'ask'
      ? engine.replay(data.q, { lang: data.lang })
      : data.via === 'contacts'
        ? engine.lookupContacts(data.q, { lang: data.lang })
        : engine.answer(data.id, data.lang);
  if (again?.id === data.id) return again;
  return engine.answer(data.id, data.lang);
}

function entry(engine: Answers, id: string, lang: Lang): Made {
  const reply = engine.answer(id, lang);
  if (!reply) throw new Error(`the knowledge base has no "${id}" intent`);
  return { reply, via: 'entry', question: id };
}
