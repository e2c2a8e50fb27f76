import type { TOrgChart } from '../config/org-chart-schema.js';
import { findTeam } from '../config/org-chart-queries.js';
import { addBusinessMinutes } from '../cases/business-hours.js';
import { isMoreUrgent } from '../cases/priority-order.js';
import type { TMention } from '../mention.js';
import { enqueue } from '../outbox/enqueue.js';
import type { TDb, TTx } from '../store/client.js';
import { transact } from '../store/transaction-retry.js';
import { isUniqueViolation } from '../store/unique-violation.js';
import type { TTriageDecision, TTriageFn, TRecentMention } from '../triage/types.js';
import { authorTags } from './author-tags.js';
import { resolveThreadKey } from './thread-key.js';

export type TIngestResult =
  | { status: 'duplicate'; mentionId: string; caseId: string | null }
  | { status: 'created'; mentionId: string; caseId: string; decision: TTriageDecision }
  | { status: 'joined'; mentionId: string; caseId: string; decision: TTriageDecision };

export interface TIngestDeps {
  db: TDb;
  orgChart: TOrgChart;
  triage: TTriageFn;
  now: () => Date;
}

const RECENT_WINDOW_MS = 60 * 60_000;
const RECENT_LIMIT = 500;
export const CLOSED_STATUSES = ['resolved', 'ignored'] as const;

/**
 * Stores one mention and what follows from it — author profile, triage, case, audit event, outbox item —
 * in one transaction, so a crash leaves either all of it or none.
 */
export async function ingestMention(deps: TIngestDeps, mention: TMention): Promise<TIngestResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transact(deps.db, (tx) => ingestWithin(tx, deps, mention));
    } catch (err) {
      // Another delivery committed first and took a unique key: the same mention (a webhook and a poll at once) or a
      // new author's profile (two of their posts at once). Running again reads what it wrote: a duplicate, or a
      // profile to update. Never a failure the sender would have to retry.
      if (attempt >= 3 || !isUniqueViolation(err)) throw err;
    }
  }
}

async function ingestWithin(tx: TTx, deps: TIngestDeps, mention: TMention): Promise<TIngestResult> {
  const existing = await tx.mention.findUnique({
    where: { platform_externalId: { platform: mention.platform, externalId: mention.externalId } },
    select: { id: true, caseId: true },
  });
  // A redelivered webhook or an overlapping poll: nothing new to store, and no error for the sender.
  if (existing) return { status: 'duplicate', mentionId: existing.id, caseId: existing.caseId };

  const now = deps.now();
  const author = await tx.author.findUnique({
    where: { platform_handle: { platform: mention.platform, handle: mention.author.handle } },
  });
  const recent = await recentMentions(tx, now);
  const decision = deps.triage(mention, {
    orgChart: deps.orgChart,
    now,
    recent,
    ...(author && {
      author: {
        mentions: author.mentionCount,
        complaints: author.complaintCount,
        praise: author.praiseCount,
        tags: JSON.parse(author.tags) as string[],
        tier: author.tier,
        customerId: author.customerId,
      },
    }),
  });

  const authorId = await upsertAuthor(tx, mention, decision, now, author?.id);
  const threadKey = await resolveThreadKey(tx, mention);
  const open = await tx.case.findFirst({
    where: { platform: mention.platform, threadKey, authorId, status: { notIn: [...CLOSED_STATUSES] } },
    orderBy: { createdAt: 'desc' },
  });
  const caseId = open ? await joinCase(tx, open, decision, now) : await createCase(tx, deps.orgChart, mention, decision, authorId, threadKey, now);
  const created = await tx.mention.create({
    data: {
      platform: mention.platform,
      externalId: mention.externalId,
      url: mention.url ?? null,
      text: mention.text,
      lang: mention.lang ?? decision.lang,
      postedAt: new Date(mention.createdAt),
      receivedAt: now,
      authorId,
      inReplyTo: mention.inReplyTo ?? null,
      threadRoot: mention.threadRoot ?? null,
      threadKey,
      likes: mention.metrics?.likes ?? 0,
      shares: mention.metrics?.shares ?? 0,
      replies: mention.metrics?.replies ?? 0,
      raw: mention.raw === undefined ? null : JSON.stringify(mention.raw),
      caseId,
    },
  });
  return { status: open ? 'joined' : 'created', mentionId: created.id, caseId, decision };
}

async function recentMentions(tx: TTx, now: Date): Promise<TRecentMention[]> {
  const rows = await tx.mention.findMany({
    where: { receivedAt: { gte: new Date(now.getTime() - RECENT_WINDOW_MS) } },
    orderBy: { receivedAt: 'desc' },
    take: RECENT_LIMIT,
    select: { platform: true, externalId: true, text: true, postedAt: true, case: { select: { clusterId: true, category: true } } },
  });
  return rows.map((r) => ({
    platform: r.platform as TRecentMention['platform'],
    externalId: r.externalId,
    text: r.text,
    createdAt: r.postedAt.toISOString(),
    clusterId: r.case?.clusterId ?? null,
    ...(r.case && { category: r.case.category as NonNullable<TRecentMention['category']> }),
  }));
}

async function upsertAuthor(tx: TTx, m: TMention, d: TTriageDecision, now: Date, existingId?: string): Promise<string> {
  const inc = {
    mentionCount: 1,
    complaintCount: d.complaint ? 1 : 0,
    praiseCount: d.category === 'praise' ? 1 : 0,
    offensiveCount: d.offensive ? 1 : 0,
  };
  const profile = {
    ...(m.author.externalId !== undefined && { externalId: m.author.externalId }),
    ...(m.author.displayName !== undefined && { displayName: m.author.displayName }),
    ...(m.author.profileUrl !== undefined && { profileUrl: m.author.profileUrl }),
    ...(m.author.followers !== undefined && { followers: m.author.followers }),
    ...(m.author.verified !== undefined && { verified: m.author.verified }),
    ...(m.author.customerId !== undefined && { customerId: m.author.customerId }),
    ...(m.author.tier !== undefined && { tier: m.author.tier }),
  };
  if (!existingId) {
    const a = await tx.author.create({
      data: { platform: m.platform, handle: m.author.handle, ...profile, ...inc, tags: JSON.stringify(authorTags(inc)), firstSeenAt: now, lastSeenAt: now },
    });
    return a.id;
  }
  const a = await tx.author.update({
    where: { id: existingId },
    data: {
      ...profile,
      lastSeenAt: now,
      mentionCount: { increment: inc.mentionCount },
      complaintCount: { increment: inc.complaintCount },
      praiseCount: { increment: inc.praiseCount },
      offensiveCount: { increment: inc.offensiveCount },
    },
  });
  await tx.author.update({ where: { id: existingId }, data: { tags: JSON.stringify(authorTags(a)) } });
  return existingId;
}

function initialStatus(d: TTriageDecision): string {
  if (d.decision === 'ignore') return 'ignored';
  if (d.decision === 'monitor') return 'monitoring';
  return 'new';
}

async function createCase(
  tx: TTx,
  chart: TOrgChart,
  m: TMention,
  d: TTriageDecision,
  authorId: string,
  threadKey: string,
  now: Date,
): Promise<string> {
  const team = findTeam(chart, d.team);
  const slaDueAt =
    d.slaMinutes === null ? null : addBusinessMinutes(now, d.slaMinutes, team?.businessHours ?? '24x7', team?.timezone ?? chart.timezone);
  const c = await tx.case.create({
    data: {
      status: initialStatus(d),
      platform: m.platform,
      threadKey,
      authorId,
      sentiment: d.sentiment,
      sentimentScore: d.sentimentScore,
      complaint: d.complaint,
      offensive: d.offensive,
      category: d.category,
      lang: d.lang,
      decision: d.decision,
      priority: d.priority,
      priorityScore: d.priorityScore,
      reasons: JSON.stringify(d.reasons),
      team: d.team,
      escalated: d.decision === 'escalate',
      slaMinutes: d.slaMinutes,
      slaDueAt,
      clusterId: d.clusterId ?? null,
      createdAt: now,
      updatedAt: now,
    },
  });
  await tx.caseEvent.create({
    data: { caseId: c.id, actor: 'earshot', action: 'created', at: now, payload: JSON.stringify({ mention: m.externalId, decision: d.decision, priority: d.priority, team: d.team, reasons: d.reasons }) },
  });
  // Spam is recorded but never shown: a card would be noise in the team channel.
  if (d.decision !== 'ignore') {
    await enqueue(tx, { kind: 'card.post', caseId: c.id, team: d.team }, { destination: `team:${d.team}`, idempotencyKey: `card.post:${c.id}:${d.team}`, now });
  }
  if (d.decision === 'escalate') {
    await enqueue(
      tx,
      { kind: 'escalation.notify', caseId: c.id, team: d.team, reason: d.reasons.join('; ') },
      { destination: `team:${d.team}`, idempotencyKey: `escalation.notify:${c.id}:triage`, now },
    );
  }
  return c.id;
}

async function joinCase(tx: TTx, open: { id: string; priority: string; version: number }, d: TTriageDecision, now: Date): Promise<string> {
  const raise = isMoreUrgent(d.priority, open.priority);
  await tx.case.update({
    where: { id: open.id },
    data: { updatedAt: now, version: { increment: 1 }, ...(raise && { priority: d.priority, priorityScore: d.priorityScore }) },
  });
  const ev = await tx.caseEvent.create({
    data: {
      caseId: open.id,
      actor: 'earshot',
      action: 'mention_joined',
      at: now,
      payload: JSON.stringify({ mention: d.externalId, sentiment: d.sentiment, ...(raise && { priorityRaisedTo: d.priority }) }),
    },
  });
  await enqueue(tx, { kind: 'card.update', caseId: open.id, eventId: ev.id }, { destination: `case:${open.id}`, idempotencyKey: `card.update:${ev.id}`, now });
  return open.id;
}
