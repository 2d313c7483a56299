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
