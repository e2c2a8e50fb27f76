import type { TOrgChart } from '../config/org-chart-schema.js';
import { TEXT_LIMITS, platformName } from '../connectors/text-limits.js';
import { AppError } from '../errors.js';
import type { TPlatform } from '../mention.js';
import type { TDb } from '../store/client.js';
import type { TDraftContext } from './draft-prompt.js';

const MAX_TURNS = 10;
const MAX_TURN_CHARS = 1200;
/** Social-care replies are short: even where a platform allows 10,000 characters, aim for a few sentences. */
const MAX_TARGET = 600;

const parseList = (json: string): string[] => {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
};
const cap = (s: string) => ([...s].length > MAX_TURN_CHARS ? `${[...s].slice(0, MAX_TURN_CHARS).join('')}…` : s);

/**
 * What an AI draft of this case may see, read from the database: the case's own posts (one author, one thread)
 * and the brand's replies on it, its triage, and the author's counts. Nothing from other cases, other authors or
 * the configuration beyond the voice guide goes in.
 */
export async function loadDraftContext(db: TDb, chart: TOrgChart, caseId: string, examples: TDraftContext['examples']): Promise<TDraftContext & { platform: TPlatform; team: string; handle: string }> {
  const c = await db.case.findUnique({
    where: { id: caseId },
    include: {
      author: true,
      mentions: { orderBy: { postedAt: 'desc' }, take: MAX_TURNS, select: { text: true, postedAt: true } },
      replyDrafts: { where: { visibility: 'public', status: { in: ['sent', 'queued', 'pending_approval'] } }, orderBy: { createdAt: 'desc' }, take: MAX_TURNS, select: { text: true, createdAt: true } },
    },
  });
  if (!c) throw new AppError('NOT_FOUND', `Case ${caseId} does not exist.`);
  const platform = c.platform as TPlatform;
  const limit = TEXT_LIMITS[platform];
  const turns = [
    ...c.mentions.map((m) => ({ from: 'customer' as const, at: m.postedAt.toISOString(), text: cap(m.text) })),
    ...c.replyDrafts.map((r) => ({ from: 'brand' as const, at: r.createdAt.toISOString(), text: cap(r.text) })),
  ]
    .sort((a, b) => a.at.localeCompare(b.at))
    .slice(-MAX_TURNS);
  const a = c.author;
  const history = [`${a.mentionCount} mention${a.mentionCount === 1 ? '' : 's'}`, ...(a.complaintCount ? [`${a.complaintCount} complaints`] : []), ...(a.praiseCount ? [`${a.praiseCount} praise`] : []), ...parseList(a.tags)].join(' · ');
  return {
    platform,
    team: c.team,
    handle: a.handle,
    organisation: chart.organisation,
    platformName: platformName(platform),
    limit: { max: limit.max, unit: limit.unit, target: Math.min(MAX_TARGET, Math.floor(limit.max * 0.9)) },
    lang: c.lang,
    triage: { category: c.category, sentiment: c.sentiment, decision: c.decision, priority: c.priority, reasons: parseList(c.reasons) },
    author: { history, tier: a.tier },
    conversation: turns,
    examples,
  };
}
