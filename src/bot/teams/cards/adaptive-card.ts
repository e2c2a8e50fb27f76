import type { TPersonRef } from '../../views/case-view.js';
import { stripBidiControls } from '../../bidi-controls.js';

/** An Adaptive Card element or action: loosely typed, checked by the schema test instead. */
export type TElement = { type: string; [key: string]: unknown };
export type TAction = { type: `Action.${string}`; title: string; [key: string]: unknown };

/** A Teams mention: `<at>Name</at>` in the card text plus this entity; Teams matches them by text. */
export interface TMentionEntity {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string };
}

export interface TAdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: TElement[];
  actions?: TAction[];
  msteams?: { width?: 'Full'; entities?: TMentionEntity[] };
}

/** Teams renders cards up to schema 1.5 and refuses messages past ~100 KB; we keep well under. */
export const CARD_LIMITS = { version: '1.5', maxBytes: 80 * 1024, postText: 3000, quote: 2000 } as const;

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * Wraps body and actions into a 1.5 card. Mentions are collected from the rendered text so an entity
 * exists exactly for each `<at>` tag we wrote.
 */
export function adaptiveCard(body: TElement[], opts: { actions?: TAction[]; mentions?: TMentionEntity[] } = {}): TAdaptiveCard {
  const entities = [...new Map((opts.mentions ?? []).map((m) => [m.text, m])).values()];
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(opts.actions?.length && { actions: opts.actions }),
    msteams: { width: 'Full', ...(entities.length && { entities }) },
  };
}

/** The message attachment Teams expects for a card. */
export const cardAttachment = (card: TAdaptiveCard) => ({ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card });

/**
 * A message activity carrying one card; `summary` is what notifications and the chat list show. Summaries quote
 * authors (handles, names), so they get the plain-text treatment: no direction overrides, and no `<at>`, HTML tag,
 * markdown link or `{{DATE()}}` a client could act on.
 */
export function cardActivity(card: TAdaptiveCard, summary: string) {
  return { type: 'message' as const, summary: plainSummary(summary), attachments: [cardAttachment(card)] };
}

const ZWSP = '\u200B';
function plainSummary(text: string): string {
  const chars = [...stripBidiControls(text).replace(/\s+/g, ' ')];
  const cut = chars.length <= 200 ? chars.join('') : `${chars.slice(0, 199).join('')}…`;
  return cut.replace(/</g, `<${ZWSP}`).replace(/\]\(/g, `]${ZWSP}(`).replace(/\{\{/g, `{${ZWSP}{`);
}

/** Collects the mentions a renderer writes, so the card can carry matching entities. */
export class Mentions {
  readonly entities: TMentionEntity[] = [];

  /** `<at>Name</at>` when the org chart knows the person's Teams id, else their name in bold. */
  who(p: TPersonRef, escape: (s: string) => string): string {
    if (!p.teamsUserId) return `**${escape(p.name)}**`;
    // The tag text must equal the entity's text; names come from the org chart, not from social users.
    const name = p.name.replace(/[<>]/g, '');
    const text = `<at>${name}</at>`;
    this.entities.push({ type: 'mention', text, mentioned: { id: p.teamsUserId, name } });
    return text;
  }
}
