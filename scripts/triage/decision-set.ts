/**
 * Loads the decision set (scripts/triage/decision-set/*.txt, format in its README) as time-ordered Mentions
 * with gold labels, split into `tune` and `holdout` by a seeded hash of each row's group.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { TCategory, TOrgChart } from '../../src/config/org-chart-schema.js';
import { CATEGORIES } from '../../src/config/org-chart-schema.js';
import { PLATFORMS, type TMention, type TPlatform } from '../../src/mention.js';
import { fnv1a, hashHex } from '../../src/triage/hash.js';
import { route } from '../../src/triage/route.js';
import { DECISIONS, type TDecisionKind } from '../../src/triage/types.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'decision-set');

export type TDecisionSplit = 'tune' | 'holdout';

export interface TDecisionRow {
  mention: TMention;
  gold: { decision: TDecisionKind; category: TCategory; team: string; lang: string };
  pattern: string;
  group: string;
  split: TDecisionSplit;
  file: string;
}

const CODES: Record<string, TDecisionKind> = { R: 'respond', RO: 'respond_then_offline', M: 'monitor', I: 'ignore', E: 'escalate' };
const SPLIT_SEED = 'earshot-decision-set-v1';

/** Half the groups go to each side. */
export const decisionSplitOf = (group: string): TDecisionSplit => (fnv1a(`${SPLIT_SEED}:${group}`) % 2 === 0 ? 'tune' : 'holdout');

/** Every row, in time order; throws naming file and line on a malformed row. */
export function loadDecisionSet(orgChart: TOrgChart): TDecisionRow[] {
  const rows: TDecisionRow[] = [];
  let at = Date.parse('2026-03-02T06:00:00Z');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    let wave: string | undefined;
    let gap: number | undefined;
    readFileSync(path.join(dir, file), 'utf8').split('\n').forEach((line, i) => {
      const where = `${file}:${i + 1}`;
      if (!line.trim() || line.startsWith('#')) return;
      if (line.startsWith('@wave ')) return void ((wave = line.slice(6).trim()), (at += 180 * 60_000));
      if (line.startsWith('@gap ')) return void (gap = Number(line.slice(5)));
      if (line.startsWith('@end')) return void (wave = undefined);
      const parts = line.split('|');
      const lang = parts[0]!.startsWith('lang=') ? parts.shift()!.slice(5) : 'en';
      const [platform, code, category, pattern, ...rest] = parts;
      const text = rest.join('|');
      const decision = CODES[code ?? ''];
      if (!PLATFORMS.includes(platform as TPlatform) || !decision || !CATEGORIES.includes(category as TCategory) || !pattern || !text) {
        throw new Error(`${where}: expected [lang=xx|]platform|decision|category|pattern|text, got ${JSON.stringify(line)}`);
      }
      at += (gap ?? (wave ? 3 : 180)) * 60_000;
      gap = undefined;
      const id = `ds-${hashHex(`${platform}:${text}`)}`;
      const mention: TMention = {
        platform: platform as TPlatform,
        externalId: id,
        text,
        createdAt: new Date(at).toISOString(),
        author: { handle: `author-${hashHex(id).slice(0, 6)}`, followers: fnv1a(id) % 3000 },
      };
      const team = route(orgChart, { mention, text, category: category as TCategory, lang, sentiment: 'neutral' }).team;
      const group = wave ?? id;
      rows.push({ mention, gold: { decision, category: category as TCategory, team, lang }, pattern, group, split: decisionSplitOf(group), file: where });
    });
  }
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.mention.externalId)) throw new Error(`${r.file}: duplicate row`);
    seen.add(r.mention.externalId);
  }
  return rows;
}

export { DECISIONS };
