import type { AskOptions, Engine } from '../../core/engine';
import type { KnowledgeBase, Tip } from '../../core/knowledge/model';
import type { Lang } from '../../core/lang';
import type { Overview, Reply, TipMessage } from '../../core/reply/model';
import type { Recorder } from '../../inbox/recorder';
import type { Platform } from '../../storage/store';

/**
 * The engine as a channel uses it. A new question goes through `ask` and is recorded for editors
 * (counters, and the inbox for a fallback or clarify); a reply made again from a question already
 * asked (a card redrawn after a vote) goes through `replay` and is not counted twice.
 */
export interface Answers {
  readonly kb: KnowledgeBase;
  ask(text: string, options?: AskOptions): Reply;
  replay(text: string, options?: AskOptions): Reply;
  answer(id: string, lang: Lang): Reply | undefined;
  lookupContacts(query: string, options?: AskOptions): Reply;
  isReplyId(id: string): boolean;
  overview(lang: Lang): Overview;
  tipMessage(tip: Tip, lang: Lang): TipMessage;
}

/**
 * One channel's view of the engine. `engine` is asked for the live engine on every call, so a reloaded
 * knowledge base reaches every channel at once without the channels holding on to an old one.
 */
export function answersFor(channel: Platform, engine: () => Engine, recorder?: Recorder): Answers {
  return {
    get kb() {
      return engine().kb;
    },
    ask(text, options) {
      const live = engine();
      if (!recorder) return live.ask(text, options);
      // One pass gives the reply and, for the editors, every candidate with its score (also those too
      // weak to be offered); the recorder keeps the candidates of a fallback or a clarify only.
      const { reply, explanation } = live.explain(text, options);
      const candidates = explanation.candidates.map(({ id, score }) => ({ id, score }));
      if (reply.kind === 'fallback' || reply.kind === 'clarify')
        recorder.asked(channel, text, reply, candidates);
      else recorder.asked(channel, text, reply);
      return reply;
    },
    replay: (text, options) => engine().ask(text, options),
    answer: (id, lang) => engine().answer(id, lang),
    lookupContacts: (query, options) => engine().lookupContacts(query, options),
    isReplyId: (id) => engine().isReplyId(id),
    overview: (lang) => engine().overview(lang),
    tipMessage: (tip, lang) => engine().tipMessage(tip, lang),
  };
}
