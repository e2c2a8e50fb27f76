import { stripBidiControls } from '../../bidi-controls.js';
import type { TElement } from './adaptive-card.js';

const ELLIPSIS = '…';
const ZWSP = '\u200B';

/**
 * Neutralises Adaptive Card markdown in text we did not write, for TextBlocks and facts: links (`[`), emphasis,
 * code, list and heading markers become literal (CommonMark backslash escapes), `<` is broken with a
 * zero-width space so `<at>…</at>` cannot become a mention, and `{{` cannot start a DATE()/TIME() function.
 */
export function escapeCardMarkdown(text: string): string {
  return stripBidiControls(text)
    .replace(/\r\n?/g, '\n')
    .replace(/[\\*_[\]`~]/g, (ch) => `\\${ch}`)
    .replace(/</g, `<${ZWSP}`)
    .replace(/\{\{/g, `{${ZWSP}{`)
    .replace(/^(\s*)([#>+-]|\d+[.)])/gm, (_all, indent: string, marker: string) => `${indent}${marker.replace(/^[#>+-]|[.)]$/, (m) => `\\${m}`)}`);
}

/** Cuts to `max` code points (never a surrogate half) and marks the cut. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, Math.max(0, max - 1)).join('') + ELLIPSIS;
}

export const escapeAndTruncate = (text: string, max: number) => escapeCardMarkdown(truncate(text, max));

/**
 * Text shown exactly as typed: a RichTextBlock's TextRun does not parse markdown, so a post reads as the
 * customer wrote it. `{{` and `<at>` are still broken: hosts expand DATE()/TIME() and mentions in runs too.
 */
export function literalBlock(text: string, max: number, extra: Record<string, unknown> = {}): TElement {
  const safe = truncate(stripBidiControls(text).replace(/\r\n?/g, '\n'), max).replace(/\{\{/g, `{${ZWSP}{`).replace(/</g, `<${ZWSP}`);
  return { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: safe || ' ', ...extra }] };
}

/** A quoted, literal block: the text in an emphasised container, as Slack shows a `>` quote. */
export function quoteBlock(text: string, max: number): TElement {
  return { type: 'Container', style: 'emphasis', items: [literalBlock(text || '(no text)', max)] };
}

/** Only http(s) links, with characters that could end a markdown link encoded. */
export function safeUrl(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    return u.toString().replace(/[()\s<>[\]]/g, (ch) => encodeURIComponent(ch));
  } catch {
    return null;
  }
}

/** A markdown link whose label is escaped; a URL that is not http(s) shows as the label alone. */
export function link(url: string | null | undefined, label: string): string {
  const safe = url ? safeUrl(url) : null;
  return safe ? `[${escapeCardMarkdown(label)}](${safe})` : escapeCardMarkdown(label);
}

/** Teams formats `{{DATE()}}`/`{{TIME()}}` in each viewer's own time zone and locale. */
export function cardDate(at: Date, style: 'datetime' | 'time' | 'date' = 'datetime'): string {
  const iso = `${at.toISOString().slice(0, 19)}Z`;
  if (style === 'time') return `{{TIME(${iso})}}`;
  if (style === 'date') return `{{DATE(${iso}, SHORT)}}`;
  return `{{DATE(${iso}, SHORT)}} {{TIME(${iso})}}`;
}

/** A wrapping TextBlock of markdown we composed (user parts already escaped). */
export const textBlock = (text: string, extra: Record<string, unknown> = {}): TElement => ({ type: 'TextBlock', text, wrap: true, ...extra });
