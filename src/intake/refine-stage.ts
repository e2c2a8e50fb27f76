/**
 * The refinement stage: the second tier beside the pipeline, never in it. The pipeline stores every case with the fast
 * engine's decision and holds the card (and any escalation notice) of each one a person will see until a deadline
 * (plan-batch.ts); after the batch has committed, this stage has the second tier decide those cases again in its own
 * worker threads, writes the final triage onto the case with an audit event, and releases the held outbox items at
 * once. Acks and batch transactions never wait on it. A slow, failed or crashed model costs at most the deadline: the
 * dispatcher then posts the card as the fast engine decided it (its reasons say "Confidence … (fast engine)"), and a
 * late answer is dropped rather than changing a card staff may already be acting on.
 */
import { isMoreUrgent } from '../cases/priority-order.js';
import type { TOrgChart } from '../config/org-chart-schema.js';
import type { TLogger } from '../log.js';
import type { TDb, TTx } from '../store/client.js';
import { transact } from '../store/transaction-retry.js';
import type { TTriageDecision } from '../triage/index.js';
import type { TRefiner } from '../triage/tier2/index.js';
import { authorTags } from './author-tags.js';
import { initialStatus, slaDueAtFor, type TRefineCase } from './plan-batch.js';

export interface TRefineStageOptions {
  db: TDb;
  orgChart: TOrgChart;
  refiner: TRefiner;
  log: TLogger;
  now: () => Date;
  /** Most cases handed to the refiner at once (it batches them further for its workers). */
  maxBatch?: number;
}

export interface TRefineStage {
  /** Queues committed cases for the second tier; returns at once. */
  add(cases: readonly TRefineCase[]): void;
  /** Settles once everything queued so far has been refined and written (or given up on). */
  idle(): Promise<void>;
  /** Finishes the round in progress; anything still queued is released by its deadline. */
  stop(): Promise<void>;
}

export type TRefineOutcome = 'applied' | 'late' | 'gone';

/** Triage fields the second tier may change, as the case row and the audit event name them. */
const FIELDS = ['sentiment', 'sentimentScore', 'complaint', 'offensive', 'category', 'decision', 'priority', 'team'] as const;

/** Refined cases written per transaction. */
const APPLY_GROUP = 16;

export function createRefineStage(o: TRefineStageOptions): TRefineStage {
  const maxBatch = o.maxBatch ?? 256;
  const queue: TRefineCase[] = [];
  let running: Promise<void> | undefined;
  let stopped = false;

  const round = async (items: TRefineCase[]): Promise<void> => {
    let finals: TTriageDecision[];
    try {
      finals = await o.refiner.refine(items.map((i) => ({ mention: i.mention, fast: i.fast, ...(i.author && { author: i.author }) })));
    } catch (err) {
      // The refiner degrades by itself; this is a bug's safety net. The deadline releases the cards.
      o.log.error('triage tier 2: refinement failed; cards go out with the fast decision at their deadline', { error: err instanceof Error ? err.message : String(err) });
      return;
    }
    const told = (item: TRefineCase, outcome: TRefineOutcome) => {
      if (outcome === 'late') o.log.info('triage tier 2: answered after the card went out; the fast decision stands', { caseId: item.caseId });
    };
    const one = async (item: TRefineCase, final: TTriageDecision) => {
      try {
        told(item, await transact(o.db, (tx) => applyRefinement(tx, o.orgChart, item, final, o.now())));
      } catch (err) {
        o.log.error('triage tier 2: could not store a refined decision; the card goes out with the fast one', { caseId: item.caseId, error: err instanceof Error ? err.message : String(err) });
      }
    };
    // A few cases per transaction: one commit (one fsync on SQLite) for all of them instead of one each — in a surge
    // the per-case commits held the intake's thread, and with it the acks, for seconds. Few, so that the write lock is
    // held briefly. A group that fails is applied case by case, so one bad case costs only itself.
    for (let k = 0; k < items.length; k += APPLY_GROUP) {
      const group = items.slice(k, k + APPLY_GROUP);
      const now = o.now();
      const outcomes = await transact(o.db, async (tx) => {
        const out: TRefineOutcome[] = [];
        for (let j = 0; j < group.length; j++) out.push(await applyRefinement(tx, o.orgChart, group[j]!, finals[k + j]!, now));
        return out;
      }).catch(() => undefined);
      if (outcomes) outcomes.forEach((outcome, j) => told(group[j]!, outcome));
      else for (let j = 0; j < group.length; j++) await one(group[j]!, finals[k + j]!);
    }
  };

  const run = async (): Promise<void> => {
    while (queue.length && !stopped) await round(queue.splice(0, maxBatch));
  };

  return {
    add(cases) {
      if (stopped || cases.length === 0) return;
      queue.push(...cases);
      running ??= run().finally(() => (running = undefined));
    },
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      await running;
    },
  };
}

/**
 * Writes the second tier's decision onto a case whose card is still held, and releases the card (and the escalation
 * notice, created, moved or withdrawn as the final decision needs). Returns 'late' when the card is already on its
 * way: then nothing changes.
 */
export async function applyRefinement(tx: TTx, chart: TOrgChart, item: TRefineCase, final: TTriageDecision, now: Date): Promise<TRefineOutcome> {
  const { caseId, fast } = item;
  const card = await tx.outboxItem.findUnique({ where: { idempotencyKey: `card.post:${caseId}:${fast.team}` } });
  // Claimed or tried already (its deadline passed): staff may be looking at the fast decision.
  if (!card || card.status !== 'pending' || card.attempts > 0) return 'late';
  const c = await tx.case.findUnique({ where: { id: caseId } });
  if (!c) return 'gone';
  // A follow-up that joined meanwhile may have raised the priority: keep the more urgent.
  const keepPriority = c.priority !== fast.priority && !isMoreUrgent(final.priority, c.priority);
  const after = { ...final, ...(keepPriority && { priority: c.priority as TTriageDecision['priority'], priorityScore: c.priorityScore }) };
  const changed = Object.fromEntries(FIELDS.filter((f) => c[f] !== after[f]).map((f) => [f, { from: c[f], to: after[f] }]));
  await tx.case.update({
    where: { id: caseId },
    data: {
      sentiment: after.sentiment, sentimentScore: after.sentimentScore, complaint: after.complaint, offensive: after.offensive,
      category: after.category, decision: after.decision, priority: after.priority, priorityScore: after.priorityScore,
      reasons: JSON.stringify(after.reasons), team: after.team, escalated: after.decision === 'escalate',
      slaMinutes: after.slaMinutes, slaDueAt: slaDueAtFor(chart, after, item.acceptedAt),
      // Only a status triage set moves with the decision; anything staff or a join did stays.
      ...(c.status === initialStatus(fast) && { status: initialStatus(after) }),
      updatedAt: now,
      version: { increment: 1 },
    },
  });
  await adjustAuthor(tx, c.authorId, fast, after);
  await tx.caseEvent.create({
    data: { caseId, actor: 'earshot', action: 'triage_refined', at: now, payload: JSON.stringify({ tier: after.tier, confidence: after.confidence, ...(after.unsure && { unsure: after.unsure }), changed }) },
  });
  const team = after.team;
  await tx.outboxItem.update({
    where: { id: card.id },
    data: {
      destination: `team:${team}`, idempotencyKey: `card.post:${caseId}:${team}`,
      payload: JSON.stringify({ ...(JSON.parse(card.payload) as object), team }), nextAttemptAt: now, updatedAt: now,
    },
  });
  await settleEscalation(tx, caseId, after, now);
  return 'applied';
}

/** The author's counters were bumped by the fast decision: move them to what the final one says. */
async function adjustAuthor(tx: TTx, authorId: string, fast: TTriageDecision, final: TTriageDecision): Promise<void> {
  const delta = (f: (d: TTriageDecision) => boolean) => Number(f(final)) - Number(f(fast));
  const dComplaint = delta((d) => d.complaint);
  const dPraise = delta((d) => d.category === 'praise');
  const dOffensive = delta((d) => d.offensive);
  if (!dComplaint && !dPraise && !dOffensive) return;
  const a = await tx.author.findUnique({ where: { id: authorId } });
  if (!a) return;
  const counters = { mentionCount: a.mentionCount, complaintCount: Math.max(0, a.complaintCount + dComplaint), praiseCount: Math.max(0, a.praiseCount + dPraise), offensiveCount: Math.max(0, a.offensiveCount + dOffensive) };
  await tx.author.update({ where: { id: authorId }, data: { ...counters, tags: JSON.stringify(authorTags(counters)) } });
}

async function settleEscalation(tx: TTx, caseId: string, final: TTriageDecision, now: Date): Promise<void> {
  const key = `escalation.notify:${caseId}:triage`;
  const held = await tx.outboxItem.findUnique({ where: { idempotencyKey: key } });
  const escalate = final.decision === 'escalate';
  const payload = JSON.stringify({ caseId, team: final.team, reason: final.reasons.join('; ') });
  if (held && held.status === 'pending' && held.attempts === 0) {
    // Never sent, so withdrawing it leaves nothing behind: the case's events are the audit trail.
    if (!escalate) await tx.outboxItem.delete({ where: { id: held.id } });
    else await tx.outboxItem.update({ where: { id: held.id }, data: { destination: `team:${final.team}`, payload, nextAttemptAt: now, updatedAt: now } });
  } else if (!held && escalate) {
    await tx.outboxItem.create({ data: { kind: 'escalation.notify', destination: `team:${final.team}`, payload, idempotencyKey: key, caseId, nextAttemptAt: now, createdAt: now, updatedAt: now } });
  }
}
