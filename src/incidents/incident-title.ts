import { isStopword } from '../triage/language.js';
import { tokenise } from '../triage/tokenise.js';

const CATEGORY_LABELS: Record<string, string> = {
  outage: 'Outage', defect: 'Fault', billing: 'Billing', delivery: 'Delivery', service: 'Service', question: 'Questions',
  praise: 'Praise', lead: 'Sales interest', spam: 'Spam', abuse: 'Abuse', other: 'Mentions',
};

/** Words that say nothing about what happened, whatever the post. */
const FILLER = new Set(['anyone', 'else', 'again', 'today', 'now', 'all', 'since', 'there', 'here', 'really', 'ok', 'lol', 'yes', 'no', 'hi', 'hey', 'guys']);

/**
 * An incident's title from its cluster's terms: the category, then the three words most of the sample posts share
 * (in the order the first post uses them), e.g. "Outage: internet down leeds". Pure.
 *
 * @example incidentTitle('outage', ['Is the internet down in Leeds?', 'internet down in leeds again']) // "Outage: internet down leeds"
 */
export function incidentTitle(category: string, texts: readonly string[]): string {
  const docs = new Map<string, number>();
  const firstAt = new Map<string, number>();
  let position = 0;
  for (const text of texts.slice(0, 50)) {
    const seen = new Set<string>();
    for (const t of tokenise(text)) {
      if ((t.kind !== 'word' && t.kind !== 'hashtag') || t.text.length < 3 || isStopword(t.text) || FILLER.has(t.text)) continue;
      const w = t.text.replace(/^#/, '');
      if (seen.has(w)) continue;
      seen.add(w);
      docs.set(w, (docs.get(w) ?? 0) + 1);
      if (!firstAt.has(w)) firstAt.set(w, position++);
    }
  }
  const label = CATEGORY_LABELS[category] ?? 'Mentions';
  const top = [...docs.entries()]
    .sort((a, b) => b[1] - a[1] || firstAt.get(a[0])! - firstAt.get(b[0])!)
    .slice(0, 3)
    .sort((a, b) => firstAt.get(a[0])! - firstAt.get(b[0])!)
    .map(([w]) => w);
  return top.length ? `${label}: ${top.join(' ')}`.slice(0, 120) : `${label} wave`;
}
