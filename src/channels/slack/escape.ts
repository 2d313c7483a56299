/**
 * Slack's control characters in mrkdwn and plain text: `&`, `<` and `>`. Escaping them is what keeps
 * `<!channel>`, `<@U123>` and `<http://evil|harmless>` in echoed user text from pinging or spoofing.
 */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The editors' Markdown-light (`**bold**`, `- ` lists) in Slack's mrkdwn, escaped. */
export function toMrkdwn(text: string): string {
  return escapeSlack(text)
    .replace(/\*\*(.+?)\*\*/g, '*$1*')
    .replace(/^- /gm, '• ');
}

/** Cuts a text to a platform limit, on a word boundary, with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
