import type { TOrgChart } from '../../config/org-chart-schema.js';
import { findTeam } from '../../config/org-chart-queries.js';
import { TEXT_LIMITS, platformName } from '../../connectors/text-limits.js';
import { AppError } from '../../errors.js';
import type { TPlatform } from '../../mention.js';
import type { TDb } from '../../store/client.js';
import { CLOSED_STATUSES } from '../../cases/case-deps.js';
import { triageConfidence, type TTriageConfidence } from './triage-confidence.js';

/** A person as both surfaces show them: the org-chart id plus whatever handle each surface can mention. */
export interface TPersonRef {
  id: string;
  name: string;
  slackUserId?: string;
  teamsUserId?: string;
}

export interface TCaseView {
  id: string;
  version: number;
  status: string;
  closed: boolean;
  platform: TPlatform;
  platformName: string;
  team: { id: string; name: string };
  priority: string;
  priorityScore: number;
  category: string;
  sentiment: string;
  sentimentScore: number;
  decision: string;
  /** Triage's reasons, without the two lines `confidence` carries. */
  reasons: string[];
  /** How sure triage was, and the plain sentence cards show first when it was not. */
  confidence: Pick<TTriageConfidence, 'percent' | 'by' | 'unsure'>;
  escalated: boolean;
  lang: string;
  slaDueAt: Date | null;
  overdue: boolean;
  /** The post being answered (the latest mention in the conversation). */
  post: { text: string; url: string | null; postedAt: Date };
  mentionCount: number;
  author: {
    handle: string;
    displayName: string | null;
    profileUrl: string | null;
    followers: number;
    verified: boolean;
    tier: string | null;
    mentionCount: number;
    complaintCount: number;
    praiseCount: number;
    tags: string[];
  };
  /** The incident this case is a member of. */
  incidentId?: string | null;
  /** Size of the incident this case leads (only when it is the cluster's first case and the cluster has > 1). */
  incidentSize: number | null;
  assignee: TPersonRef | null;
  claimedAt: Date | null;
  offline: { channel: string; followUpDueAt: Date | null } | null;
  /** The latest reply and what became of it; its url links to the live reply on the platform. */
  lastReply: { author: TPersonRef; status: string; url: string | null; at: Date; error: string | null; visibility: string } | null;
  resolved: { by: TPersonRef; at: Date } | null;
  textLimit: { max: number; unit: string };
}

const DECISION_LABELS: Record<string, string> = {
  respond: 'Respond',
  respond_then_offline: 'Respond publicly, then take offline',
  monitor: 'Monitor only',
  ignore: 'Ignore (spam)',
  escalate: 'Escalate',
};
export const decisionLabel = (d: string) => DECISION_LABELS[d] ?? d;

/** Resolves an org-chart member id (or "earshot") into a person both surfaces can show. */
export function personRef(chart: TOrgChart, id: string): TPersonRef {
  for (const t of chart.teams) {
    const m = t.members.find((x) => x.id === id);
    if (m) return { id, name: m.name, ...(m.slackUserId && { slackUserId: m.slackUserId }), ...(m.teamsUserId && { teamsUserId: m.teamsUserId }) };
  }
  return { id, name: id === 'earshot' ? 'Earshot' : id };
}

/**
 * Reads everything a card shows in a handful of queries. Both renderers consume the result, which is why
 * Slack and Teams cannot drift: neither reads the database itself.
 */
export async function loadCaseView(db: TDb, chart: TOrgChart, caseId: string, now: Date): Promise<TCaseView> {
  const c = await db.case.findUnique({
    where: { id: caseId },
    include: {
      author: true,
      mentions: { orderBy: { receivedAt: 'desc' }, take: 1 },
      replyDrafts: { orderBy: { createdAt: 'desc' }, take: 1 },
      _count: { select: { mentions: true } },
    },
  });
  if (!c) throw new AppError('NOT_FOUND', `Case ${caseId} does not exist.`);
  const latest = c.mentions[0];
  const resolvedEv = c.status === 'resolved' ? await db.caseEvent.findFirst({ where: { caseId, action: 'resolved' }, orderBy: { at: 'desc' } }) : null;
  const incidentSize = c.clusterId ? await leadIncidentSize(db, c.id, c.clusterId) : null;
  const team = findTeam(chart, c.team);
  const reply = c.replyDrafts[0];
  return {
    id: c.id,
    version: c.version,
    status: c.status,
    closed: (CLOSED_STATUSES as readonly string[]).includes(c.status),
    platform: c.platform as TPlatform,
    platformName: platformName(c.platform as TPlatform),
    team: { id: c.team, name: team?.name ?? c.team },
    priority: c.priority,
    priorityScore: c.priorityScore,
    category: c.category,
    sentiment: c.sentiment,
    sentimentScore: c.sentimentScore,
    decision: c.decision,
    ...confidenceFields(parseList(c.reasons)),
    escalated: c.escalated,
    lang: c.lang,
    slaDueAt: c.slaDueAt,
    overdue: !!c.slaDueAt && !c.firstResponseAt && c.slaDueAt <= now && !['resolved', 'ignored', 'monitoring'].includes(c.status),
    post: { text: latest?.text ?? '', url: latest?.url ?? null, postedAt: latest?.postedAt ?? c.createdAt },
    mentionCount: c._count.mentions,
    author: {
      handle: c.author.handle,
      displayName: c.author.displayName,
      profileUrl: c.author.profileUrl,
      followers: c.author.followers,
      verified: c.author.verified,
      tier: c.author.tier,
      mentionCount: c.author.mentionCount,
      complaintCount: c.author.complaintCount,
      praiseCount: c.author.praiseCount,
      tags: parseList(c.author.tags),
    },
    incidentId: c.incidentId,
    incidentSize,
    assignee: c.assignee ? personRef(chart, c.assignee) : null,
    claimedAt: c.claimedAt,
    offline: c.status === 'offline' && c.offlineChannel ? { channel: c.offlineChannel, followUpDueAt: c.followUpDueAt } : null,
    lastReply: reply
      ? { author: personRef(chart, reply.author), status: reply.status, url: reply.url, at: reply.sentAt ?? reply.updatedAt, error: reply.lastError, visibility: reply.visibility }
      : null,
    resolved: resolvedEv ? { by: personRef(chart, resolvedEv.actor), at: resolvedEv.at } : null,
    textLimit: TEXT_LIMITS[c.platform as TPlatform],
  };
}

function confidenceFields(reasons: string[]): Pick<TCaseView, 'reasons' | 'confidence'> {
  const { reasons: rest, ...confidence } = triageConfidence(reasons);
  return { reasons: rest, confidence };
}

/** A surge is shown once: on the cluster's first case, with the count of the rest. */
async function leadIncidentSize(db: TDb, caseId: string, clusterId: string): Promise<number | null> {
  const first = await db.case.findFirst({ where: { clusterId }, orderBy: { createdAt: 'asc' }, select: { id: true } });
  if (first?.id !== caseId) return null;
  const size = await db.case.count({ where: { clusterId } });
  return size > 1 ? size : null;
}

/** A JSON array column (reasons, tags) as strings; anything malformed reads as empty rather than failing a card. */
export function parseList(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

/** "12.3k followers"-style compact numbers for cards. */
export function compactNumber(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 100_000 ? 1 : 0).replace(/\.0$/, '')}k`;
  return `${(n / 1_000_000).toFixed(1).replace(/\.0$/, '')}M`;
}

/** The author's history in one line, as staff scan it. */
export function authorHistoryLine(a: TCaseView['author']): string {
  const parts = [`${a.mentionCount} mention${a.mentionCount === 1 ? '' : 's'}`];
  if (a.complaintCount) parts.push(`${a.complaintCount} complaint${a.complaintCount === 1 ? '' : 's'}`);
  if (a.praiseCount) parts.push(`${a.praiseCount} praise`);
  if (a.tags.length) parts.push(a.tags.join(', '));
  return parts.join(' · ');
}
