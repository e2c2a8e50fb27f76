import type { TReportView } from '../../views/report-view.js';
import { escapeAndTruncate, escapeMrkdwn, link } from '../mrkdwn.js';
import { LIMITS, type TBlock } from './case-card.js';

/** A stats answer or digest as Block Kit: a header, then each section's facts as fields and items as a list. */
export function reportBlocks(r: TReportView): { text: string; blocks: TBlock[] } {
  const blocks: TBlock[] = [{ type: 'header', text: { type: 'plain_text', text: [...r.title].slice(0, 150).join(''), emoji: true } }];
  if (r.subtitle) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(r.subtitle) }] });
  for (const s of r.sections) {
    if (blocks.length >= LIMITS.messageBlocks - 2) break;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(s.heading)}*` } });
    const facts = s.facts ?? [];
    // Slack allows 10 fields per section; longer fact lists continue in the next section.
    for (let i = 0; i < facts.length; i += 10) {
      blocks.push({
        type: 'section',
        fields: facts.slice(i, i + 10).map((f) => ({ type: 'mrkdwn' as const, text: `*${escapeAndTruncate(f.label, 100)}*\n${escapeAndTruncate(f.value, 1800)}` })),
      });
    }
    if (s.items?.length) {
      const lines = s.items.map((it) => `• ${it.url ? link(it.url, it.text.slice(0, 300)) : escapeAndTruncate(it.text, 300)}`);
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text: fitLines(lines, LIMITS.sectionText) } });
    }
  }
  return { text: escapeAndTruncate(r.title, LIMITS.fallbackText), blocks };
}

/** Whole lines up to the limit, then a count of the rest — never a line cut in the middle of a link. */
function fitLines(lines: string[], max: number): string {
  let out = '';
  for (const [i, l] of lines.entries()) {
    const more = `\n…and ${lines.length - i} more`;
    if (out.length + l.length + 1 + more.length > max) return out + more;
    out += (out ? '\n' : '') + l;
  }
  return out;
}
