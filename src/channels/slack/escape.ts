export { clip } from '../shared/clip';

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
    .replace(/(^|[^*])\*([^*\s][^*]*?)\*(?!\*)/g, '$1_$2_') // *italic* → _italic_ first,
    .replace(/\*\*(.+?)\*\*/g, '*$1*') // then **bold** → *bold*
    .replace(/^- /gm, '• ');
}

/**
 * The editors' Markdown-light as the plain `text` of a message: what mobile notifications and screen
 * readers use (they draw no mrkdwn), so no `**`, `*`, `_` or backticks; `- ` lists become bullets.
 * Slack still reads `text` for `<…>` links and mentions, hence the escaping.
 */
export function toPlainText(text: string): string {
  return escapeSlack(
    text
      .replace(/\*\*(.+?)\*\*/g, '$1')
      .replace(/(^|[^*\w])\*([^*\s][^*]*?)\*(?![*\w])/g, '$1$2')
      .replace(/(^|[^\w])_([^_\s][^_]*?)_(?!\w)/g, '$1$2')
      .replace(/`([^`]*)`/g, '$1')
      .replace(/^- /gm, '• '),
  );
}
