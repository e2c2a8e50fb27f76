import type { TOrgChart } from '../config/org-chart-schema.js';
import { findTeam } from '../config/org-chart-queries.js';
import { platformName, textLimitProblem } from '../connectors/text-limits.js';
import { AppError } from '../errors.js';
import type { TPlatform } from '../mention.js';
import { fillPlaceholders, PLACEHOLDERS, placeholderValues, unresolvedPlaceholders } from '../replies/placeholders.js';
import type { TAckMember } from './ack-audience.js';

/** One member's reply: the composer's text with `{name}` and the rest filled from their own profile. Pure. */
export function ackTextFor(chart: TOrgChart, template: string, m: TAckMember, agentName: string): string {
  const values = placeholderValues(
    { author: m.author, team: { name: findTeam(chart, m.team)?.name ?? m.team }, platformName: platformName(m.platform as TPlatform), caseId: m.caseId, organisation: chart.organisation },
    agentName,
  );
  return fillPlaceholders(template, values).trim();
}

/**
 * Fills the text for every target and refuses the whole acknowledgement before anything is stored when one of them
 * could not be sent: an unknown placeholder, or a text over a platform's limit (named, with how many it concerns).
 */
export function ackTexts(chart: TOrgChart, template: string, targets: readonly TAckMember[], agentName: string): string[] {
  if (!template.trim()) throw new AppError('VALIDATION', 'Write the reply, or choose a saved one.', { field: 'text' });
  const texts = targets.map((m) => ackTextFor(chart, template, m, agentName));
  // Checked on the template, so an audience nobody is left in still hears about a typo first.
  const unknown = unresolvedPlaceholders(fillPlaceholders(template, Object.fromEntries(PLACEHOLDERS.map((k) => [k, k]))));
  if (unknown.length) throw new AppError('VALIDATION', `Unknown placeholder ${unknown.join(', ')}: the authors would see it as typed.`, { field: 'text' });
  const tooLong = new Map<string, { problem: string; n: number }>();
  texts.forEach((t, i) => {
    const platform = targets[i]!.platform;
    const problem = textLimitProblem(platform as TPlatform, t);
    if (problem) tooLong.set(platform, { problem: tooLong.get(platform)?.problem ?? problem, n: (tooLong.get(platform)?.n ?? 0) + 1 });
  });
  if (tooLong.size) {
    const parts = [...tooLong.values()].map((p) => `${p.problem} (${p.n} ${p.n === 1 ? 'author' : 'authors'})`);
    throw new AppError('TEXT_TOO_LONG', parts.join(' '), { field: 'text' });
  }
  return texts;
}

/** The text to send: what was typed, or the chosen saved reply when nothing was. */
export function ackTemplate(chart: TOrgChart, o: { text: string; savedReplyId?: string | undefined }): string {
  if (o.text.trim()) return o.text;
  if (!o.savedReplyId) return '';
  const saved = chart.savedReplies.find((r) => r.id === o.savedReplyId);
  if (!saved) throw new AppError('VALIDATION', 'That saved reply no longer exists; choose another.', { field: 'saved' });
  return saved.text;
}
