/**
 * The question in a Slack message: the text with user, channel and special mentions removed (the bot's
 * own mention can stand anywhere) and Slack's link syntax reduced to its label. Core cleaning handles
 * the rest; this is the Slack-specific part of "normalise at the edge".
 */
export function questionFromSlack(text: string | undefined): string {
  return (text ?? '')
    .replace(/<[@#!][^<>]*>/g, ' ')
    .replace(/<(?:https?:|mailto:)[^<>|]*\|([^<>]*)>/g, '$1')
    .replace(/<((?:https?:|mailto:)[^<>]*)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
