import { cardActivity, CARD_LIMITS, type TAdaptiveCard } from './adaptive-card.js';

/**
 * Teams shows an image attachment at its own size (no high-density scaling as in Slack), and the picture travels
 * inside the message as base64, so it is drawn at 1×: about a third of the 2× PNG's bytes.
 */
export const TEAMS_DIGEST_CHART_SCALE = 1;

/**
 * The digest for a 1:1 chat: the report card, then the chart as an inline image — a `data:` URI, which is how Teams
 * takes an image that exists only in this process (no public URL to host it, no Graph upload). The whole message must
 * stay under Teams' size limit; past our budget the chart is left out rather than the digest refused.
 */
export function digestActivity(card: TAdaptiveCard, summary: string, png: Buffer, date: string) {
  return cardWithImage(card, summary, png, `earshot-digest-${date}.png`);
}

/** A card followed by an inline PNG (a `data:` URI); the card alone when the picture would pass the size budget. */
export function cardWithImage(card: TAdaptiveCard, summary: string, png: Buffer, name: string) {
  const base = cardActivity(card, summary);
  const image = { contentType: 'image/png', contentUrl: `data:image/png;base64,${png.toString('base64')}`, name };
  const withImage = { ...base, attachments: [...base.attachments, image] };
  return Buffer.byteLength(JSON.stringify(withImage)) <= CARD_LIMITS.maxBytes ? withImage : base;
}
