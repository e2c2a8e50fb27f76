/**
 * Routing by the org chart: rules in order, the first whose every named condition matches wins;
 * otherwise the fallback team. Keywords are whole words/phrases, any case; regex uses flags "iu".
 */
import type { TCategory, TOrgChart, TRoutingRule, TSentiment } from '../config/org-chart-schema.js';
import type { TMention } from '../mention.js';
import { matchesAnyPhrase } from './phrases.js';

export interface TRouteInput {
  mention: TMention;
  text: string;
  category: TCategory;
  lang: string;
  sentiment: TSentiment;
  tier?: string;
}

export interface TRouteResult {
  team: string;
  rule?: string;
  reason: string;
}

const regexCache = new Map<string, RegExp>();
function ruleRegex(source: string): RegExp {
  let re = regexCache.get(source);
  if (!re) {
    re = new RegExp(source, 'iu');
    if (regexCache.size < 10_000) regexCache.set(source, re);
  }
  return re;
}

// Memoised: every mention is checked against the same few rule tags, and splitting costs a regex run.
const primaries = new Map<string, string>();
function primary(tag: string): string {
  let p = primaries.get(tag);
  if (p === undefined) {
    p = tag.toLowerCase().split(/[-_]/)[0] ?? tag;
    if (primaries.size < 10_000) primaries.set(tag, p);
  }
  return p;
}

/** Whether every condition the rule names holds for this mention. */
export function ruleMatches(rule: TRoutingRule, input: TRouteInput): boolean {
  const m = rule.match;
  if (m.platform && !m.platform.includes(input.mention.platform)) return false;
  if (m.category && !m.category.includes(input.category)) return false;
  if (m.sentiment && !m.sentiment.includes(input.sentiment)) return false;
  if (m.lang && !m.lang.some((l) => primary(l) === primary(input.lang))) return false;
  if (m.tier) {
    const tier = input.tier?.toLowerCase();
    if (!tier || !m.tier.some((t) => t.toLowerCase() === tier)) return false;
  }
  if (m.keywords && !matchesAnyPhrase(input.text, m.keywords)) return false;
  if (m.regex !== undefined && !ruleRegex(m.regex).test(input.text)) return false;
  return true;
}

/** The owning team and a sentence saying why. */
export function route(orgChart: TOrgChart, input: TRouteInput): TRouteResult {
  for (const rule of orgChart.routing) {
    if (ruleMatches(rule, input)) {
      return { team: rule.team, rule: rule.name, reason: `Routed to ${teamName(orgChart, rule.team)} by rule "${rule.name}".` };
    }
  }
  return {
    team: orgChart.fallbackTeam,
    reason: `No routing rule matched, so it goes to the fallback team, ${teamName(orgChart, orgChart.fallbackTeam)}.`,
  };
}

export const teamName = (orgChart: TOrgChart, id: string): string => orgChart.teams.find((t) => t.id === id)?.name ?? id;
