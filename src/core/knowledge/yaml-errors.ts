import type { YAMLError } from 'yaml';

const TAB_INDENT = /^[ ]*\t/;

/**
 * The line of the first tab used for indentation, if any: the parser often reports such a line as
 * something else ("unexpected token"), which says nothing to an editor who cannot see the tab.
 */
export function firstTabIndent(source: string): number | undefined {
  const index = source.split('\n').findIndex((line) => TAB_INDENT.test(line));
  return index < 0 ? undefined : index + 1;
}

export const TAB_MESSAGE = 'a tab must not be used for indentation – use spaces';

/**
 * The YAML parser's first error in a file, said in an editor's words. Only the first: after one
 * mistake the parser misreads the rest of the file, and its further messages are echoes of the first.
 * English here; `sofo kb check` shows the Swedish from check/messages.ts.
 */
export function describeYamlError(error: YAMLError): string {
  if (/end with an? [\]}]/.test(error.message))
    return 'a list started with [ (or a group with {) is not closed – end it with ] (or }) on the same line';
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return TAB_MESSAGE;
    case 'BAD_INDENT':
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'the indentation does not line up with the lines above – indent with the same number of spaces as the other lines at that level';
    case 'MULTILINE_IMPLICIT_KEY':
    case 'UNEXPECTED_TOKEN':
      return 'this line cannot be read – is a colon missing after the field name, or does a text contain ": " without quotes around it?';
    case 'DUPLICATE_KEY':
      return 'a field name appears twice at the same level – remove one of them';
    case 'BAD_SCALAR_START':
      return 'a text starts with a special character (" * [ { # & ! | > @ `) – put the whole text in quotes';
    case 'MISSING_CHAR':
    case 'BAD_DQ_ESCAPE':
      return 'a bracket or quotation mark is not closed – end the list with ] or the text with the quote it starts with';
    default:
      return `the YAML cannot be read (${(error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}) – check the indentation, and quote texts containing ": "`;
  }
}
