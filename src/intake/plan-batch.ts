import { addBusinessMinutes } from '../cases/business-hours.js';
import { isMoreUrgent } from '../cases/priority-order.js';
import { deliveryRank } from '../outbox/delivery-rank.js';
import { pendingKeyOf } from '../outbox/pending-key.js';
import { findTeam } from '../config/org-chart-queries.js';
import type { TOrgChart } from '../config/org-chart-schema.js';
import { authorTags } from './author-tags.js';
import type { TMention } from '../mention.js';
import type { TAuthorHistory, TTriageDecision } from '../triage/index.js';
import { needsSecondTier } from '../triage/tier2/combine.js';
import { key2, key3, type TAuthorRow, type TBatchState, type TInboxEntry, type TIngestResult, type TOpenCase } from './batch-types.js';
import { recentOf, type TIntakeSession } from './triage-session.js';

export interface TMentionRow {
  id: string; platform: string; externalId: string; url: string | null; text: string; lang: string; postedAt: Date; receivedAt: Date;
  authorId: string; inReplyTo: string | null; threadRoot: string | null; threadKey: string; likes: number; shares: number; replies: number;
  raw: string | null; caseId: string;
}
export interface TCaseRow {
  id: string; status: string; platform: string; threadKey: string; authorId: string; sentiment: string; sentimentScore: number;
  complaint: boolean; offensive: boolean; category: string; lang: string; decision: string; priority: string; priorityScore: number;
  reasons: string; team: string; escalated: boolean; slaMinutes: number | null; slaDueAt: Date | null; clusterId: string | null;
  /** The incident it is a member of (src/incidents/plan-incidents.ts). */
  incidentId: string | null;
  createdAt: Date; updatedAt: Date;
}
export interface TCaseJoin { id: string; joins: number; priority: string; priorityScore: number; raised: boolean }
export interface TEventRow { id: string; caseId: string; action: string; payload: string; at: Date }
/** `rank`: delivery order (src/outbox/delivery-rank.ts). */
export interface TOutboxRow {
  id: string; kind: string; destination: string; payload: string; idempotencyKey: string; caseId: string | null; at: Date; rank: number;
  /** Set on a card refresh: one waits per case (src/outbox/pending-key.ts). */
  pendingKey: string | null;
  /** When the dispatcher may first send it (default `at`): a card waiting on the second tier is held until then. */
  notBefore?: Date;
}
/** A created case the second tier decides again before its card goes out (see refine-stage.ts). */
export interface TRefineCase { caseId: string; mention: TMention; fast: TTriageDecision; author?: TAuthorHistory; acceptedAt: Date }

/** Everything one batch writes, in one transaction. */
export interface TBatchPlan {
  mentions: TMentionRow[];
  /** Final state of every author the batch touched (new ones have `isNew`). */
  authors: (TAuthorRow & { isNew: boolean })[];
  cases: TCaseRow[];
  joins: TCaseJoin[];
  events: TEventRow[];
  outbox: TOutboxRow[];
  /** Per inbox seq, what became of it. */
  results: Map<number, TIngestResult>;
  /** Created cases whose card waits on the second tier (only when `holdForTier2Ms` is set). */
  refine: TRefineCase[];
}

export interface TPlanDeps {
  orgChart: TOrgChart;
  session: TIntakeSession;
  /** Processing time: audit events, outbox items and `updatedAt`. Received-time fields use each entry's acceptedAt. */
  now: Date;
  newId: () => string;
  /**
   * The second tier is on: a created case a person will see gets its card (and escalation notice) held this long,
   * the deadline by which the refinement stage must have decided it again and released them.
   */
  holdForTier2Ms?: number;
}

/**
 * Which conversation each mention belongs to, in arrival order: the platform's thread root; else the thread of the
 * post it answers — stored earlier, earlier in this batch, or one of our replies; else the post it answers; else itself.
 * Also marks what is already stored. Pure: it needs no triage, so open cases can be read for exactly these threads.
 */
export function resolveThreads(entries: readonly TInboxEntry[], state: TBatchState): Map<number, { threadKey: string } | { duplicateOf: string }> {
  const inBatch = new Map<string, string>();
  const out = new Map<number, { threadKey: string } | { duplicateOf: string }>();
  for (const { seq, mention: m } of entries) {
    const k = key2(m.platform, m.externalId);
    if (state.stored.has(k) || inBatch.has(k)) {
      out.set(seq, { duplicateOf: k });
      continue;
    }
    const threadKey = m.threadRoot
      ?? (m.inReplyTo === undefined
        ? m.externalId
        : inBatch.get(key2(m.platform, m.inReplyTo)) ?? state.parents.get(key2(m.platform, m.inReplyTo)) ?? state.ourReplies.get(key2(m.platform, m.inReplyTo)) ?? m.inReplyTo);
    inBatch.set(k, threadKey);
    out.set(seq, { threadKey });
  }
  return out;
}

const CLOSED = new Set(['resolved', 'ignored']);
export const isClosed = (status: string): boolean => CLOSED.has(status);

/**
 * Triage and case decisions for a batch, in arrival order, each mention seeing what the ones before it did — the
 * author's counters, a case opened a moment earlier in the same thread, the window — exactly as if each had been
 * stored on its own. Pure apart from the session's window, which it extends.
 */
export function planBatch(entries: readonly TInboxEntry[], state: TBatchState, threads: ReturnType<typeof resolveThreads>, deps: TPlanDeps): TBatchPlan {
  const plan: TBatchPlan = { mentions: [], authors: [], cases: [], joins: [], events: [], outbox: [], results: new Map(), refine: [] };
  const authors = new Map<string, TAuthorRow & { isNew: boolean }>();
  const joins = new Map<string, TCaseJoin>();
  const newMentions = new Map<string, { id: string; caseId: string }>();
  const now = deps.now;

  for (const entry of entries) {
    const m = entry.mention;
    const t = threads.get(entry.seq)!;
    if ('duplicateOf' in t) {
      const s = state.stored.get(t.duplicateOf) ?? newMentions.get(t.duplicateOf)!;
      plan.results.set(entry.seq, { status: 'duplicate', mentionId: s.id, caseId: s.caseId });
      continue;
    }
    const at = entry.acceptedAt;
    const ak = key2(m.platform, m.author.handle);
    const before = authors.get(ak) ?? state.authors.get(ak);
    const history: TAuthorHistory | undefined = before && {
      mentions: before.mentionCount,
      complaints: before.complaintCount,
      praise: before.praiseCount,
      tags: JSON.parse(before.tags) as string[],
      tier: before.tier,
      customerId: before.customerId,
    };
    const decision = deps.session.triage(m, at, history);
    const author = nextAuthor(before, m, decision, at, deps.newId);
    if (!authors.has(ak)) plan.authors.push(author);
    else plan.authors[plan.authors.findIndex((a) => a.id === author.id)] = author;
    authors.set(ak, author);

    const ck = key3(m.platform, t.threadKey, author.id);
    const open = state.openCases.get(ck);
    let caseId: string;
    let status: 'created' | 'joined';
    if (open) {
      caseId = open.id;
      status = 'joined';
      joinCase(plan, joins, open, decision, now, deps.newId);
      deps.session.remember(recentOf(m, open), at);
    } else {
      caseId = deps.newId();
      status = 'created';
      const row = caseRow(deps.orgChart, caseId, m, decision, author.id, t.threadKey, at, now);
      plan.cases.push(row);
      const hold = deps.holdForTier2Ms !== undefined && needsSecondTier(decision);
      createdCaseEffects(plan, row, m, decision, now, deps.newId, hold ? new Date(now.getTime() + deps.holdForTier2Ms!) : undefined);
      if (hold) plan.refine.push({ caseId, mention: m, fast: decision, ...(history && { author: history }), acceptedAt: at });
      // A later mention of this author in this thread joins it, as it would had this one been stored first — unless
      // it was born closed (spam is recorded as ignored), exactly as the open-case query would see it.
      if (!isClosed(row.status)) state.openCases.set(ck, { id: caseId, priority: row.priority, priorityScore: row.priorityScore, clusterId: row.clusterId, category: row.category, createdAt: at });
      deps.session.remember(recentOf(m, row), at);
    }
    const mentionId = deps.newId();
    newMentions.set(key2(m.platform, m.externalId), { id: mentionId, caseId });
    plan.mentions.push(mentionRow(mentionId, m, decision, at, author.id, t.threadKey, caseId));
    plan.results.set(entry.seq, { status, mentionId, caseId, decision });
  }
  plan.joins = [...joins.values()];
  return plan;
}

function nextAuthor(before: (TAuthorRow & { isNew?: boolean }) | undefined, m: TMention, d: TTriageDecision, at: Date, newId: () => string): TAuthorRow & { isNew: boolean } {
  const a = m.author;
  const counters = {
    mentionCount: (before?.mentionCount ?? 0) + 1,
    complaintCount: (before?.complaintCount ?? 0) + (d.complaint ? 1 : 0),
    praiseCount: (before?.praiseCount ?? 0) + (d.category === 'praise' ? 1 : 0),
    offensiveCount: (before?.offensiveCount ?? 0) + (d.offensive ? 1 : 0),
  };
  return {
    id: before?.id ?? newId(),
    isNew: before ? (before.isNew ?? false) : true,
    platform: m.platform,
    handle: a.handle,
    // A profile field the platform did not send keeps what we knew.
    externalId: a.externalId ?? before?.externalId ?? null,
    displayName: a.displayName ?? before?.displayName ?? null,
    profileUrl: a.profileUrl ?? before?.profileUrl ?? null,
    followers: a.followers ?? before?.followers ?? 0,
    verified: a.verified ?? before?.verified ?? false,
    customerId: a.customerId ?? before?.customerId ?? null,
    tier: a.tier ?? before?.tier ?? null,
    ...counters,
    tags: JSON.stringify(authorTags(counters)),
    firstSeenAt: before?.firstSeenAt ?? at,
    lastSeenAt: at,
  };
}

export function initialStatus(d: Pick<TTriageDecision, 'decision'>): string {
  if (d.decision === 'ignore') return 'ignored';
  if (d.decision === 'monitor') return 'monitoring';
  return 'new';
}

function caseRow(chart: TOrgChart, id: string, m: TMention, d: TTriageDecision, authorId: string, threadKey: string, at: Date, now: Date): TCaseRow {
  const slaDueAt = slaDueAtFor(chart, d, at);
  return {
    id, status: initialStatus(d), platform: m.platform, threadKey, authorId, sentiment: d.sentiment, sentimentScore: d.sentimentScore,
    complaint: d.complaint, offensive: d.offensive, category: d.category, lang: d.lang, decision: d.decision, priority: d.priority,
    priorityScore: d.priorityScore, reasons: JSON.stringify(d.reasons), team: d.team, escalated: d.decision === 'escalate',
    slaMinutes: d.slaMinutes, slaDueAt, clusterId: d.clusterId ?? null, incidentId: null,
    // updatedAt is when the row was written: the stats rollup finds changed cases by it.
    createdAt: at, updatedAt: now,
  };
}

/** The SLA clock starts when the mention reached us (`at`), however long it then waited in the inbox. */
export function slaDueAtFor(chart: TOrgChart, d: Pick<TTriageDecision, 'team' | 'slaMinutes'>, at: Date): Date | null {
  const team = findTeam(chart, d.team);
  return d.slaMinutes === null ? null : addBusinessMinutes(at, d.slaMinutes, team?.businessHours ?? '24x7', team?.timezone ?? chart.timezone);
}

function outboxRow(newId: () => string, kind: string, payload: Record<string, unknown>, o: { destination: string; idempotencyKey: string; caseId: string; at: Date; notBefore?: Date }): TOutboxRow {
  return { id: newId(), kind, payload: JSON.stringify(payload), ...o, rank: deliveryRank({ kind, ...payload }), pendingKey: pendingKeyOf({ kind, ...payload }) };
}

function createdCaseEffects(plan: TBatchPlan, c: TCaseRow, m: TMention, d: TTriageDecision, now: Date, newId: () => string, notBefore?: Date): void {
  const held = notBefore ? { notBefore } : {};
  plan.events.push({ id: newId(), caseId: c.id, action: 'created', at: now, payload: JSON.stringify({ mention: m.externalId, decision: d.decision, priority: d.priority, team: d.team, reasons: d.reasons }) });
  // Spam is recorded but never shown: a card would be noise in the team channel.
  if (d.decision !== 'ignore') {
    plan.outbox.push(outboxRow(newId, 'card.post', { caseId: c.id, team: d.team, priority: d.priority }, { destination: `team:${d.team}`, idempotencyKey: `card.post:${c.id}:${d.team}`, caseId: c.id, at: now, ...held }));
  }
  if (d.decision === 'escalate') {
    plan.outbox.push(outboxRow(newId, 'escalation.notify', { caseId: c.id, team: d.team, reason: d.reasons.join('; ') }, { destination: `team:${d.team}`, idempotencyKey: `escalation.notify:${c.id}:triage`, caseId: c.id, at: now, ...held }));
  }
}

function joinCase(plan: TBatchPlan, joins: Map<string, TCaseJoin>, open: TOpenCase, d: TTriageDecision, now: Date, newId: () => string): void {
  const raise = isMoreUrgent(d.priority, open.priority);
  if (raise) {
    open.priority = d.priority;
    open.priorityScore = d.priorityScore;
  }
  const j = joins.get(open.id) ?? { id: open.id, joins: 0, priority: open.priority, priorityScore: open.priorityScore, raised: false };
  j.joins++;
  j.priority = open.priority;
  j.priorityScore = open.priorityScore;
  j.raised ||= raise;
  joins.set(open.id, j);
  const eventId = newId();
  plan.events.push({ id: eventId, caseId: open.id, action: 'mention_joined', at: now, payload: JSON.stringify({ mention: d.externalId, sentiment: d.sentiment, ...(raise && { priorityRaisedTo: d.priority }) }) });
  plan.outbox.push(outboxRow(newId, 'card.update', { caseId: open.id, eventId, followUp: true }, { destination: `case:${open.id}`, idempotencyKey: `card.update:${eventId}`, caseId: open.id, at: now }));
}

function mentionRow(id: string, m: TMention, d: TTriageDecision, at: Date, authorId: string, threadKey: string, caseId: string): TMentionRow {
  return {
    id, platform: m.platform, externalId: m.externalId, url: m.url ?? null, text: m.text, lang: m.lang ?? d.lang, postedAt: new Date(m.createdAt),
    receivedAt: at, authorId, inReplyTo: m.inReplyTo ?? null, threadRoot: m.threadRoot ?? null, threadKey,
    likes: m.metrics?.likes ?? 0, shares: m.metrics?.shares ?? 0, replies: m.metrics?.replies ?? 0,
    raw: m.raw === undefined ? null : JSON.stringify(m.raw), caseId,
  };
}
