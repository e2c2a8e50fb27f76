import { stripBidiControls } from '../bidi-controls.js';
import type { TPersonRef } from '../views/case-view.js';

/**
 * Neutralises Slack's control sequences in text we did not write. Slack parses `<!channel>`, `<@U…>`, `<#C…>`
 * and `<url|label>` only from a literal `<`; escaping `&`, `<` and `>` (Slack's own rule) makes them show as
 * typed and notify no one. Direction overrides go too (see bidi-controls.ts).
 */
export function escapeMrkdwn(text: string): string {
  return stripBidiControls(text).replace(/[&<>]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : '&gt;'));
}

const ELLIPSIS = '…';

/**
 * Escapes, then fits `max` characters without cutting an entity (`&amp;`) or a surrogate pair in half.
 * Truncated text ends with an ellipsis so staff know to open the original.
 */
export function escapeAndTruncate(text: string, max: number): string {
  const full = escapeMrkdwn(text);
  if (full.length <= max) return full;
  let out = '';
  for (const ch of text) {
    const piece = escapeMrkdwn(ch);
    if (out.length + piece.length > max - ELLIPSIS.length) break;
    out += piece;
  }
  return out + ELLIPSIS;
}

/** Quote block: every line prefixed so multi-line posts stay visibly quoted. */
export function quote(text: string, max: number): string {
  const body = escapeAndTruncate(text.replace(/\r\n?/g, '\n'), max - 2 * Math.min(40, text.split('\n').length));
  return body
    .split('\n')
    .slice(0, 40)
    .map((l) => `>${l}`)
    .join('\n');
}

/** Text for plain_text objects (button labels, modal titles): Slack does not parse them, but it limits them. */
export function plain(text: string, max: number): string {
  const chars = [...stripBidiControls(text)];
  return chars.length <= max ? chars.join('') : chars.slice(0, max - 1).join('') + ELLIPSIS;
}

/** A link whose label is user text: the label is escaped and `|` removed so it cannot smuggle a second link. */
export function link(url: string, label: string): string {
  const safeUrl = url.replace(/[<>|\s]/g, encodeURIComponent);
  return `<${safeUrl}|${escapeMrkdwn(label.replace(/\|/g, '¦'))}>`;
}

/** Slack renders `<!date>` in each viewer's own time zone; the fallback is what clients without it show. */
export function slackDate(at: Date, format = '{date_short_pretty} at {time}'): string {
  return `<!date^${Math.floor(at.getTime() / 1000)}^${format}|${at.toISOString().slice(0, 16).replace('T', ' ')} UTC>`;
}

/** Mentions a colleague by Slack id when the org chart knows it, else by name. */
export function who(p: TPersonRef): string {
  return p.slackUserId ? `<@${p.slackUserId}>` : `*${escapeMrkdwn(p.name)}*`;
}
