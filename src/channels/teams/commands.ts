import type { Lang } from '../../core/lang';
import { parseTipsCommand, type TipsCommand } from '../../tips/command';

/**
 * What a Teams message asks for. The manifest's command list offers `fråga`, `kontakt`, `exempel`,
 * `hjälp` and `tips` (English clients see `ask`, `contact`, `examples`, `help`, `tips`); picking one puts
 * its word first in the message. Anything else is a question. `lang` is the language of the word, for
 * when the client's locale is not one Sofo speaks.
 */
export type Command =
  | { kind: 'ask'; question: string }
  | { kind: 'contacts'; query: string }
  | { kind: 'help'; lang: Lang }
  | { kind: 'cases'; lang: Lang }
  | { kind: 'tips'; command: TipsCommand };

export function parseCommand(text: string): Command {
  const [first = '', ...rest] = text.split(' ');
  const word = first.toLowerCase().replace(/[:!?.,]+$/, '');
  const tail = rest.join(' ').trim();
  switch (word) {
    case 'kontakt':
    case 'contact':
      return { kind: 'contacts', query: tail };
    case 'exempel':
    case 'examples':
      if (tail === '') return { kind: 'cases', lang: word === 'examples' ? 'en' : 'sv' };
      break;
    case 'hjälp':
    case 'help':
      // Only the word alone: "help with social requirements" is a question.
      if (tail === '') return { kind: 'help', lang: word === 'help' ? 'en' : 'sv' };
      break;
    case 'fråga':
    case 'ask':
      if (tail === '') return { kind: 'help', lang: word === 'ask' ? 'en' : 'sv' };
      return { kind: 'ask', question: tail };
    case 'tips': {
      const command = parseTipsCommand(text);
      if (command) return { kind: 'tips', command };
      break;
    }
  }
  return { kind: 'ask', question: text };
}
