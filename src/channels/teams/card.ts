/**
 * The small part of the Adaptive Card schema Sofo draws with. Version 1.5 is the highest Teams renders
 * (research notes T7); a bot message should stay under about 28 KB to be accepted everywhere (T8).
 */
export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const CARD_VERSION = '1.5';
export const MAX_CARD_BYTES = 28 * 1024;

export interface CardElement {
  type: string;
  id?: string;
  [key: string]: unknown;
}

export interface CardAction {
  type: 'Action.Submit' | 'Action.OpenUrl' | 'Action.Execute';
  title: string;
  data?: Record<string, unknown>;
  url?: string;
  [key: string]: unknown;
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: typeof CARD_VERSION;
  body: CardElement[];
  actions?: CardAction[];
  /** Universal Actions: which users' clients ask the bot for their own view of the card. */
  refresh?: { action: CardAction; userIds: string[] };
  msteams?: { width: 'Full' };
}

export function adaptiveCard(body: CardElement[]): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body,
    msteams: { width: 'Full' },
  };
}

export function textBlock(text: string, style: Record<string, unknown> = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...style };
}

export function actionSet(actions: CardAction[], id?: string): CardElement {
  return { type: 'ActionSet', ...(id ? { id } : {}), actions };
}

export function cardBytes(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
