// biome-ignore lint/suspicious/noExplicitAny: Block Kit payloads are free-form JSON that tests reach into
type Json = Record<string, any>;

/** Slack's control sequences Sofo writes on purpose: links with a label, and a user mention. */
const CONTROL = /<(?:mailto:|tel:|https?:\/\/)[^<>\s|]+\|[^<>]*>|<@[UW][A-Z0-9]+>/g;

/**
 * What is wrong with a mrkdwn string: a `<`, `>` or `&` that is not escaped (Slack's formatting
 * reference: they must be `&lt;`, `&gt;`, `&amp;` unless they are a control sequence).
 */
export function mrkdwnProblems(text: string): string[] {
  const rest = text.replace(CONTROL, '');
  const problems: string[] = [];
  if (/[<>]/.test(rest)) problems.push(`unescaped < or > in ${JSON.stringify(text.slice(0, 120))}`);
  if (/&(?!amp;|lt;|gt;)/.test(rest)) problems.push(`unescaped & in ${JSON.stringify(text.slice(0, 120))}`);
  return problems;
}

/**
 * What is wrong with a message's top-level `text`, which notifications and screen readers show as it
 * is: Markdown markers (`**`, `*…*`, `_…_`, backticks) or raw `<…>`.
 */
export function plainTextProblems(text: string): string[] {
  const problems: string[] = [];
  if (/\*\*/.test(text)) problems.push('**');
  if (/(^|\W)\*\S[^*]*\*(\W|$)/.test(text)) problems.push('*…*');
  if (/(^|\W)_\S[^_]*_(\W|$)/.test(text)) problems.push('_…_');
  if (/`/.test(text)) problems.push('`');
  if (/</.test(text)) problems.push('<');
  return problems.map((p) => `${p} in text ${JSON.stringify(text.slice(0, 160))}`);
}

/** Every mrkdwn text object in blocks, at any depth. */
export function mrkdwnTexts(blocks: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Json;
      if (n.type === 'mrkdwn' && typeof n.text === 'string') out.push(n.text);
      for (const value of Object.values(n)) if (typeof value === 'object') walk(value);
    }
  };
  walk(blocks);
  return out;
}

/** All that is wrong with one message: its `text` and every mrkdwn string in its blocks. */
export function messageProblems(message: { text?: unknown; blocks?: unknown }): string[] {
  return [
    ...(typeof message.text === 'string' && message.blocks ? plainTextProblems(message.text) : []),
    ...mrkdwnTexts(message.blocks).flatMap(mrkdwnProblems),
  ];
}
