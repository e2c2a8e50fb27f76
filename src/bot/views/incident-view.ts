import type { TOrgChart } from '../../config/org-chart-schema.js';
import { findTeam } from '../../config/org-chart-queries.js';
import { platformName } from '../../connectors/text-limits.js';
import { AppError } from '../../errors.js';
import type { TPlatform } from '../../mention.js';
import type { TDb } from '../../store/client.js';
import { personRef, type TPersonRef } from './case-view.js';
import { loadIncidentAckView, type TIncidentAckView } from './incident-ack-view.js';

export interface TIncidentSample { caseId: string; platform: string; handle: string; text: string; url: string | null }
export interface TIncidentAuthor { platform: string; handle: string; displayName: string | null; followers: number; verified: boolean; tier: string | null }

/** An incident as both surfaces show it: what is happening, how big, who is affected, who is on it. */
export interface TIncidentView {
  id: string;
  version: number;
  title: string;
  status: string;
  closed: boolean;
  category: string;
  team: { id: string; name: string };
  firstSeenAt: Date;
  lastSeenAt: Date;
  count: number;
  ratePerMinute: number;
  /** Platforms by member count, largest first, with their display names. */
  platforms: { id: string; name: string; count: number }[];
  reach: number;
  sentiment: { negative: number; neutral: number; positive: number };
  samples: TIncidentSample[];
  topAuthors: TIncidentAuthor[];
  assignee: TPersonRef | null;
  resolvedAt: Date | null;
  /** Set once merged: the incident it now lives in, and where that one's cards are (each surface links to its own). */
  mergedInto: { id: string; title: string; cards: { surface: string; channel: string; messageId: string }[] } | null;
  /** Acknowledge publicly / closing reply: progress, approvals, members new since (incident-ack-view.ts). */
  ack: TIncidentAckView;
}

const json = <T>(text: string, fallback: T): T => {
  try {
    return (JSON.parse(text) as T) ?? fallback;
  } catch {
    return fallback;
  }
};

/** Reads an incident's card in one query: its numbers are kept current by src/incidents/incident-store.ts. */
export async function loadIncidentView(db: TDb, chart: TOrgChart, incidentId: string): Promise<TIncidentView> {
  const i = await db.incident.findUnique({ where: { id: incidentId } });
  if (!i) throw new AppError('NOT_FOUND', `Incident ${incidentId} does not exist.`);
  const platforms = Object.entries(json<Record<string, number>>(i.platforms, {}))
    .map(([id, count]) => ({ id, name: platformName(id as TPlatform), count }))
    .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
  return {
    id: i.id,
    version: i.version,
    title: i.title,
    status: i.status,
    closed: i.status === 'resolved' || i.status === 'merged',
    category: i.category,
    team: { id: i.team, name: findTeam(chart, i.team)?.name ?? i.team },
    firstSeenAt: i.firstSeenAt,
    lastSeenAt: i.lastSeenAt,
    count: i.count,
    ratePerMinute: i.ratePerMinute,
    platforms,
    reach: i.reach,
    sentiment: { negative: 0, neutral: 0, positive: 0, ...json<Record<string, number>>(i.sentiment, {}) },
    samples: json<TIncidentSample[]>(i.samples, []),
    topAuthors: json<TIncidentAuthor[]>(i.topAuthors, []),
    assignee: i.assignee ? personRef(chart, i.assignee) : null,
    resolvedAt: i.resolvedAt,
    mergedInto: i.mergedInto ? await mergeTarget(db, i.mergedInto) : null,
    ack: await loadIncidentAckView(db, chart, incidentId),
  };
}

async function mergeTarget(db: TDb, id: string): Promise<TIncidentView['mergedInto']> {
  const t = await db.incident.findUnique({ where: { id }, select: { title: true, cards: { select: { surface: true, channel: true, messageId: true }, orderBy: { createdAt: 'asc' } } } });
  return t ? { id, title: t.title, cards: t.cards } : null;
}

/** "412 negative · 30 neutral · 2 positive" (the non-zero parts). */
export function sentimentLine(s: TIncidentView['sentiment']): string {
  const parts = (['negative', 'neutral', 'positive'] as const).filter((k) => s[k] > 0).map((k) => `${s[k]} ${k}`);
  return parts.join(' · ') || 'no sentiment yet';
}
