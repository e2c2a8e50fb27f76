import type { TEventLine } from '../../views/event-line.js';
import type { TElement } from './adaptive-card.js';
import { cardDate, escapeCardMarkdown, link, quoteBlock, textBlock } from './card-text.js';
import { CASE_VERBS } from './case-card.js';
import { dialog, submit, type TDialog } from './dialog.js';

/**
 * Teams refuses a card over ~100 KB and recommends staying under 80 KB. The events of one page may use this much;
 * the rest of the card (header, buttons, wrapper) is well under the remaining few kilobytes.
 */
export const HISTORY_PAGE_BYTES = 72 * 1024;

/** Which slice of the history to show: the page ending before `to`, or the page starting at `from`; else the latest. */
export type THistoryPage = { to?: number; from?: number };

const bytes = (els: TElement[]) => Buffer.byteLength(JSON.stringify(els), 'utf8');

function eventElements(l: TEventLine): TElement[] {
  let text = `${cardDate(l.at)} · **${escapeCardMarkdown(l.actor.name)}** ${escapeCardMarkdown(l.summary.slice(0, 1000))}`;
  if (l.url) text += ` · ${link(l.url, 'view')}`;
  const out: TElement[] = [textBlock(text, { separator: true, ...(l.alert && { color: 'Attention' }) })];
  if (l.quote) out.push(quoteBlock(l.quote, 1000));
  return out;
}

/** Indices [start, end) of the page: filled by size from its anchor, always at least one event. */
function pageBounds(lines: readonly TEventLine[], page: THistoryPage, budget: number): { start: number; end: number; rendered: TElement[][] } {
  const forward = page.from !== undefined;
  const clamp = (n: number) => Math.max(0, Math.min(lines.length, Math.floor(n)));
  let start = forward ? clamp(page.from!) : clamp(page.to ?? lines.length);
  let end = start;
  const rendered: TElement[][] = [];
  let used = 0;
  while (forward ? end < lines.length : start > 0) {
    const els = eventElements(lines[forward ? end : start - 1]!);
    const size = bytes(els);
    if (rendered.length > 0 && used + size > budget) break;
    used += size;
    if (forward) {
      rendered.push(els);
      end++;
    } else {
      rendered.unshift(els);
      start--;
    }
  }
  return { start, end, rendered };
}

/**
 * The audit trail, oldest first, in pages that each stay below Teams' card size limit; Older / Newer buttons page
 * through the rest in the same dialog (a `task/submit` answered with the next page).
 */
export function historyDialog(caseId: string, lines: readonly TEventLine[], page: THistoryPage = {}, budget = HISTORY_PAGE_BYTES): TDialog {
  if (lines.length === 0) return dialog('Case history', [textBlock('No events yet.')], [], 'large');
  const { start, end, rendered } = pageBounds(lines, page, budget);
  const body: TElement[] = [];
  if (start > 0 || end < lines.length) body.push(textBlock(`Events ${start + 1}–${end} of ${lines.length}`, { isSubtle: true, size: 'Small' }));
  body.push(...rendered.flat());
  const actions = [
    ...(start > 0 ? [submit('Older events', CASE_VERBS.history, { caseId, to: start }, 'older')] : []),
    ...(end < lines.length ? [submit('Newer events', CASE_VERBS.history, { caseId, from: end }, 'newer')] : []),
  ];
  return dialog('Case history', body, actions, 'large');
}
