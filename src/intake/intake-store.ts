import type { TMention } from '../mention.js';
import type { TAuthorRow, TBatchState, TInboxEntry } from './batch-types.js';
import { key2, key3 } from './batch-types.js';
import type { TBatchPlan } from './plan-batch.js';
import { bool, chunks, columnList, date, insertRows, num, tuples, type TSql } from './sql.js';
import { WINDOW_LIMIT, WINDOW_MS, type TSeedItem } from './triage-session.js';

/**
 * The intake's SQL: the inbox, the reads a batch depends on, and the batch's writes. A few statements per batch, each
 * carrying every row of its kind; the same text runs on SQLite and PostgreSQL (see sql.ts).
 */

const AUTHOR_COLUMNS = ['id', 'platform', 'handle', 'externalId', 'displayName', 'profileUrl', 'followers', 'verified', 'mentionCount', 'complaintCount', 'praiseCount', 'offensiveCount', 'tags', 'customerId', 'tier', 'firstSeenAt', 'lastSeenAt'] as const;
const MENTION_COLUMNS = ['id', 'platform', 'externalId', 'url', 'text', 'lang', 'postedAt', 'receivedAt', 'authorId', 'inReplyTo', 'threadRoot', 'threadKey', 'likes', 'shares', 'replies', 'raw', 'caseId'] as const;
const CASE_COLUMNS = ['id', 'status', 'platform', 'threadKey', 'authorId', 'sentiment', 'sentimentScore', 'complaint', 'offensive', 'category', 'lang', 'decision', 'priority', 'priorityScore', 'reasons', 'team', 'escalated', 'slaMinutes', 'slaDueAt', 'clusterId', 'incidentId', 'createdAt', 'updatedAt'] as const;
const EVENT_COLUMNS = ['id', 'caseId', 'actor', 'action', 'payload', 'at'] as const;
const OUTBOX_COLUMNS = ['id', 'kind', 'destination', 'payload', 'idempotencyKey', 'caseId', 'rank', 'nextAttemptAt', 'createdAt', 'updatedAt', 'pendingKey'] as const;
const INBOX_COLUMNS = ['platform', 'externalId', 'payload', 'source', 'acceptedAt'] as const;

const PLATFORM_EXTERNAL_ID = ['"platform"', '"externalId"'];

export interface TInboxRow {
  mention: TMention;
  source: string;
}

/** `WHERE (a, b) IN (VALUES (?, ?), …)` over distinct pairs (or triples); `columns` are SQL expressions. */
async function selectIn<T>(sql: TSql, select: string, columns: readonly string[], keys: readonly string[][], suffix = ''): Promise<T[]> {
  const out: T[] = [];
  for (const part of chunks(keys, columns.length)) {
    if (part.length === 0) continue;
    out.push(...(await sql.query<T>(`${select} WHERE (${columns.join(', ')}) IN (VALUES ${tuples(part.length, columns.length)})${suffix}`, part.flat())));
  }
  return out;
}

const distinct = (keys: string[][]): string[][] => [...new Map(keys.map((k) => [k.join('\u0000'), k])).values()];

/**
 * Appends accepted mentions to the inbox in one statement (one commit, one fsync, however many requests wait on it).
 * A mention already in the inbox or already stored is a duplicate; the rest come back with their arrival numbers.
 */
export async function insertInbox(sql: TSql, rows: readonly TInboxRow[], acceptedAt: Date): Promise<Map<string, number>> {
  const keys = distinct(rows.map((r) => [r.mention.platform, r.mention.externalId]));
  const stored = new Set(
    (await selectIn<{ platform: string; externalId: string }>(sql, 'SELECT "platform", "externalId" FROM "Mention"', PLATFORM_EXTERNAL_ID, keys)).map((r) => key2(r.platform, r.externalId)),
  );
  const fresh = new Map<string, TInboxRow>();
  for (const r of rows) {
    const k = key2(r.mention.platform, r.mention.externalId);
    if (!stored.has(k) && !fresh.has(k)) fresh.set(k, r);
  }
  const accepted = new Map<string, number>();
  for (const part of chunks([...fresh.values()], INBOX_COLUMNS.length)) {
    const inserted = await sql.query<{ seq: unknown; platform: string; externalId: string }>(
      `INSERT INTO "InboxItem" (${columnList(INBOX_COLUMNS)}) VALUES ${tuples(part.length, INBOX_COLUMNS.length)} ON CONFLICT DO NOTHING RETURNING "seq", "platform", "externalId"`,
      part.flatMap((r) => [r.mention.platform, r.mention.externalId, JSON.stringify(r.mention), r.source, acceptedAt]),
    );
    for (const r of inserted) accepted.set(key2(r.platform, r.externalId), num(r.seq));
  }
  return accepted;
}

/** The oldest pending inbox entries, in arrival order. */
export async function takeInbox(sql: TSql, limit: number, afterSeq = 0): Promise<TInboxEntry[]> {
  const rows = await sql.query<{ seq: unknown; payload: string; acceptedAt: unknown; attempts: unknown }>(
    `SELECT "seq", "payload", "acceptedAt", "attempts" FROM "InboxItem" WHERE "status" = 'pending' AND "seq" > ? ORDER BY "seq" LIMIT ?`,
    [afterSeq, limit],
  );
  // Payloads were validated when accepted; they are not judged again by rules that may have changed since, or a
  // backlog accepted under the old rules would be stuck behind the new ones.
  return rows.map((r) => ({ seq: num(r.seq), mention: JSON.parse(r.payload) as TMention, acceptedAt: date(r.acceptedAt), attempts: num(r.attempts) }));
}

/** Inbox depth and the age of its oldest pending entry, for backpressure and /metrics. */
export async function inboxStats(sql: TSql): Promise<{ pending: number; failed: number; oldest: Date | null }> {
  const rows = await sql.query<{ status: string; n: unknown; oldest: unknown }>('SELECT "status", count(*) AS "n", min("acceptedAt") AS "oldest" FROM "InboxItem" GROUP BY "status"');
  const pending = rows.find((r) => r.status === 'pending');
  return { pending: num(pending?.n), failed: rows.filter((r) => r.status !== 'pending').reduce((s, r) => s + num(r.n), 0), oldest: pending?.oldest ? date(pending.oldest) : null };
}

/** Marks an entry the pipeline could not process, keeping it (and why) for a later attempt. */
export async function failInbox(sql: TSql, seq: number, error: string, dead: boolean): Promise<void> {
  await sql.run(`UPDATE "InboxItem" SET "attempts" = "attempts" + 1, "lastError" = ?${dead ? `, "status" = 'failed'` : ''} WHERE "seq" = ?`, [error.slice(0, 2000), seq]);
}

/** Gives failed entries another chance (a new pipeline may run fixed code). */
export async function retryFailedInbox(sql: TSql): Promise<number> {
  return sql.run(`UPDATE "InboxItem" SET "status" = 'pending' WHERE "status" = 'failed'`);
}

type TAuthorRaw = Record<(typeof AUTHOR_COLUMNS)[number], unknown>;
const authorOf = (r: TAuthorRaw): TAuthorRow => ({
  id: String(r.id), platform: String(r.platform), handle: String(r.handle),
  externalId: (r.externalId as string | null) ?? null, displayName: (r.displayName as string | null) ?? null, profileUrl: (r.profileUrl as string | null) ?? null,
  followers: num(r.followers), verified: bool(r.verified), mentionCount: num(r.mentionCount), complaintCount: num(r.complaintCount),
  praiseCount: num(r.praiseCount), offensiveCount: num(r.offensiveCount), tags: String(r.tags), customerId: (r.customerId as string | null) ?? null,
  tier: (r.tier as string | null) ?? null, firstSeenAt: date(r.firstSeenAt), lastSeenAt: date(r.lastSeenAt),
});

/** Everything a batch's decisions depend on except open cases, which need the resolved threads. */
export async function loadBatchState(sql: TSql, entries: readonly TInboxEntry[]): Promise<TBatchState> {
  const ms = entries.map((e) => e.mention);
  const stored = await selectIn<{ platform: string; externalId: string; id: string; caseId: string | null }>(
    sql, 'SELECT "platform", "externalId", "id", "caseId" FROM "Mention"', PLATFORM_EXTERNAL_ID, distinct(ms.map((m) => [m.platform, m.externalId])));
  // Row locks on PostgreSQL: an erasure or another writer cannot change these authors under the batch.
  const authors = await selectIn<TAuthorRaw>(sql, `SELECT ${columnList(AUTHOR_COLUMNS)} FROM "Author"`, ['"platform"', '"handle"'], distinct(ms.map((m) => [m.platform, m.author.handle])), sql.forUpdate);
  const answers = distinct(ms.filter((m) => !m.threadRoot && m.inReplyTo !== undefined).map((m) => [m.platform, m.inReplyTo!]));
  const parents = await selectIn<{ platform: string; externalId: string; threadKey: string }>(sql, 'SELECT "platform", "externalId", "threadKey" FROM "Mention"', PLATFORM_EXTERNAL_ID, answers);
  const ourReplies = answers.length
    ? await selectIn<{ platform: string; platformReplyId: string; threadKey: string }>(
      sql, 'SELECT c."platform" AS "platform", r."platformReplyId" AS "platformReplyId", c."threadKey" AS "threadKey" FROM "Reply" r JOIN "Case" c ON c."id" = r."caseId"',
      ['c."platform"', 'r."platformReplyId"'], answers)
    : [];
  const replyKeys = new Map<string, string>();
  for (const r of ourReplies) if (!replyKeys.has(key2(r.platform, r.platformReplyId))) replyKeys.set(key2(r.platform, r.platformReplyId), r.threadKey);
  return {
    stored: new Map(stored.map((r) => [key2(r.platform, r.externalId), { id: r.id, caseId: r.caseId }])),
    authors: new Map(authors.map((r) => [key2(String(r.platform), String(r.handle)), authorOf(r)])),
    parents: new Map(parents.map((r) => [key2(r.platform, r.externalId), r.threadKey])),
    ourReplies: replyKeys,
    openCases: new Map(),
  };
}

/** Open cases of the batch's (platform, thread, known author) triples, newest first, locked on PostgreSQL. */
export async function loadOpenCases(sql: TSql, state: TBatchState, triples: readonly string[][]): Promise<void> {
  const rows = await selectIn<Record<string, unknown>>(
    sql,
    'SELECT "id", "platform", "threadKey", "authorId", "priority", "priorityScore", "clusterId", "category", "createdAt", "status" FROM "Case"',
    ['"platform"', '"threadKey"', '"authorId"'],
    distinct([...triples]),
    ` AND "status" NOT IN ('resolved', 'ignored')${sql.forUpdate}`,
  );
  rows.sort((a, b) => date(b.createdAt).getTime() - date(a.createdAt).getTime());
  for (const r of rows) {
    const k = key3(String(r.platform), String(r.threadKey), String(r.authorId));
    if (!state.openCases.has(k)) {
      state.openCases.set(k, { id: String(r.id), priority: String(r.priority), priorityScore: num(r.priorityScore), clusterId: (r.clusterId as string | null) ?? null, category: String(r.category), createdAt: date(r.createdAt) });
    }
  }
}

/** Writes a planned batch and removes its entries from the inbox, inside the caller's transaction. */
export async function writeBatch(sql: TSql, plan: TBatchPlan, seqs: readonly number[], now: Date): Promise<void> {
  if (plan.authors.length) {
    const update = AUTHOR_COLUMNS.filter((c) => !['id', 'platform', 'handle', 'firstSeenAt'].includes(c)).map((c) => `"${c}" = excluded."${c}"`).join(', ');
    await insertRows(sql, 'Author', AUTHOR_COLUMNS, plan.authors.map((a) => AUTHOR_COLUMNS.map((c) => a[c])), `ON CONFLICT ("id") DO UPDATE SET ${update}`);
  }
  await insertRows(sql, 'Case', CASE_COLUMNS, plan.cases.map((c) => CASE_COLUMNS.map((k) => c[k])));
  for (const j of plan.joins) {
    await sql.run(
      `UPDATE "Case" SET "updatedAt" = ?, "version" = "version" + ?${j.raised ? ', "priority" = ?, "priorityScore" = ?' : ''} WHERE "id" = ?`,
      [now, j.joins, ...(j.raised ? [j.priority, j.priorityScore] : []), j.id],
    );
  }
  await insertRows(sql, 'Mention', MENTION_COLUMNS, plan.mentions.map((m) => MENTION_COLUMNS.map((c) => m[c])));
  await insertRows(sql, 'CaseEvent', EVENT_COLUMNS, plan.events.map((e) => [e.id, e.caseId, 'earshot', e.action, e.payload, e.at]));
  await insertRows(sql, 'OutboxItem', OUTBOX_COLUMNS, plan.outbox.map((o) => [o.id, o.kind, o.destination, o.payload, o.idempotencyKey, o.caseId, o.rank, o.notBefore ?? o.at, o.at, o.at, o.pendingKey]), 'ON CONFLICT DO NOTHING');
  for (const part of chunks([...seqs], 1)) {
    if (part.length) await sql.run(`DELETE FROM "InboxItem" WHERE "seq" IN (${part.map(() => '?').join(', ')})`, part);
  }
}

/** Triage's window as the database holds it: mentions received in the hour before `now`, newest 500, oldest first. */
export async function loadWindow(sql: TSql, now: Date): Promise<TSeedItem[]> {
  const rows = await sql.query<Record<string, unknown>>(
    `SELECT m."platform" AS "platform", m."externalId" AS "externalId", m."text" AS "text", m."postedAt" AS "postedAt", m."receivedAt" AS "receivedAt",
            c."clusterId" AS "clusterId", c."category" AS "category"
     FROM "Mention" m LEFT JOIN "Case" c ON c."id" = m."caseId"
     WHERE m."receivedAt" >= ? ORDER BY m."receivedAt" DESC, m."id" DESC LIMIT ?`,
    [new Date(now.getTime() - WINDOW_MS), WINDOW_LIMIT],
  );
  return rows.reverse().map((r) => ({
    receivedAt: date(r.receivedAt).getTime(),
    item: {
      platform: r.platform as TMention['platform'],
      externalId: String(r.externalId),
      text: String(r.text),
      createdAt: date(r.postedAt).toISOString(),
      clusterId: (r.clusterId as string | null) ?? null,
      ...(r.category !== null && r.category !== undefined && { category: r.category as never }),
    },
  }));
}
