import { randomBytes } from 'node:crypto';
import { AppError } from '../errors.js';
import type { TPlatform } from '../mention.js';
import { enqueue } from '../outbox/enqueue.js';
import type { TDb, TTx } from '../store/client.js';
import { transact } from '../store/transaction-retry.js';

export const ERASED = '[erased]';

export interface TEraseAuthorOptions {
  platform: TPlatform;
  /** As shown on the platform; a leading "@" is ignored, and case too when no exact match exists. */
  handle: string;
  now: Date;
  /** Who asked, for the audit trail (an operator id, or "earshot"). */
  actor?: string;
}

export interface TEraseResult {
  /** The pseudonyms the erased profiles now carry (one per matching profile). */
  aliases: string[];
  mentions: number;
  cases: number;
  replies: number;
  events: number;
  /** Other people's mentions that named the person ("@handle"), rewritten. */
  mentionsNaming: number;
  /** AI drafts on their cases whose prompt and answer were erased. */
  aiDrafts: number;
}

// Payload keys that hold free text someone wrote about the case: on an erased person's case they all go.
const FREE_TEXT_KEYS = new Set(['text', 'before', 'after', 'note', 'reason', 'quote', 'error', 'url', 'message', 'acknowledgement', 'privateMessage', 'flags']);

/**
 * Erases a person (right to erasure): their profile becomes `erased-<id>`, their posts, the replies written to
 * them and every audit or outbox text on their cases that quotes them become "[erased]", and raw payloads go —
 * in one transaction. Rows and counters stay, so statistics remain true; an `author_erased` event (holding no
 * personal data) records it on each case, and each card is refreshed so chat no longer shows the text.
 * @throws AppError NOT_FOUND when no profile has this handle on this platform.
 */
export async function eraseAuthor(db: TDb, o: TEraseAuthorOptions): Promise<TEraseResult> {
  const handle = o.handle.trim().replace(/^@/, '');
  return transact(db, async (tx) => {
    const authors = await findAuthors(tx, o.platform, handle);
    if (authors.length === 0) throw new AppError('NOT_FOUND', `No ${o.platform} author with handle "${handle}" is stored; nothing was erased.`);
    const result: TEraseResult = { aliases: [], mentions: 0, cases: 0, replies: 0, events: 0, mentionsNaming: 0, aiDrafts: 0 };
    await dropFromInbox(tx, o.platform, authors.map((a) => a.handle));
    for (const author of authors) {
      const r = await eraseOne(tx, author, o.now, o.actor ?? 'earshot');
      result.aliases.push(r.alias);
      result.mentions += r.mentions;
      result.cases += r.cases;
      result.replies += r.replies;
      result.events += r.events;
      result.mentionsNaming += r.mentionsNaming;
      result.aiDrafts += r.aiDrafts;
    }
    return result;
  });
}

type TAuthor = Awaited<ReturnType<TTx['author']['findMany']>>[number];

/** Their posts still waiting in the inbox (or set aside there) would be stored after the erasure: they go now. */
async function dropFromInbox(tx: TTx, platform: string, handles: string[]): Promise<void> {
  const lower = new Set(handles.map((h) => h.toLowerCase()));
  const waiting = await tx.inboxItem.findMany({ where: { platform }, select: { seq: true, payload: true } });
  const theirs = waiting.filter((i) => lower.has(String((JSON.parse(i.payload) as { author?: { handle?: string } }).author?.handle ?? '').toLowerCase()));
  if (theirs.length) await tx.inboxItem.deleteMany({ where: { seq: { in: theirs.map((i) => i.seq) } } });
}

async function findAuthors(tx: TTx, platform: string, handle: string): Promise<TAuthor[]> {
  const exact = await tx.author.findUnique({ where: { platform_handle: { platform, handle } } });
  if (exact) return [exact];
  // Handles are case-insensitive on most platforms, while ingest stores them as delivered.
  const near = await tx.author.findMany({ where: { platform, handle: { contains: handle } } });
  return near.filter((a) => a.handle.toLowerCase() === handle.toLowerCase());
}

async function eraseOne(tx: TTx, author: TAuthor, now: Date, actor: string) {
  const mentions = await tx.mention.findMany({ where: { authorId: author.id }, select: { id: true, text: true, url: true } });
  const cases = await tx.case.findMany({ where: { authorId: author.id }, select: { id: true, reasons: true } });
  const caseIds = cases.map((c) => c.id);
  const replies = await tx.reply.findMany({ where: { caseId: { in: caseIds } }, select: { id: true, text: true } });
  const scrub = scrubber([author.handle, author.displayName, author.externalId, author.profileUrl, author.customerId, ...mentions.flatMap((m) => [m.text, m.url]), ...replies.map((r) => r.text)]);

  await tx.mention.updateMany({ where: { authorId: author.id }, data: { text: ERASED, url: null, raw: null } });
  await tx.reply.updateMany({ where: { caseId: { in: caseIds } }, data: { text: ERASED, url: null, lastError: null } });
  // AI drafts quote the person's posts in their prompt and answer them: the texts go, who asked and the tokens stay.
  const aiDrafts = await tx.aiDraft.updateMany({ where: { caseId: { in: caseIds } }, data: { prompt: ERASED, response: ERASED, text: ERASED, flags: '[]', error: null } });
  for (const c of cases) {
    const reasons = scrub.json(c.reasons, true, 'reasons');
    if (reasons !== c.reasons) await tx.case.update({ where: { id: c.id }, data: { reasons } });
  }
  // CaseEvent is append-only; erasure is the one lawful exception, and it rewrites text, never the history.
  let events = 0;
  for (const ev of await tx.caseEvent.findMany({ where: { caseId: { in: caseIds } }, select: { id: true, payload: true } })) {
    const payload = scrub.json(ev.payload, true);
    if (payload !== ev.payload) {
      await tx.caseEvent.update({ where: { id: ev.id }, data: { payload } });
      events += 1;
    }
  }
  for (const item of await tx.outboxItem.findMany({ where: { caseId: { in: caseIds } }, select: { id: true, payload: true, result: true, lastError: true } })) {
    const data = {
      payload: scrub.json(item.payload, true),
      result: item.result === null ? null : scrub.json(item.result, true),
      lastError: item.lastError === null ? null : scrub.text(item.lastError),
    };
    if (data.payload !== item.payload || data.result !== item.result || data.lastError !== item.lastError) await tx.outboxItem.update({ where: { id: item.id }, data });
  }
  const mentionsNaming = await eraseNaming(tx, author);

  const alias = `erased-${randomBytes(6).toString('hex')}`;
  await tx.author.update({
    where: { id: author.id },
    data: { handle: alias, displayName: null, profileUrl: null, externalId: null, customerId: null },
  });
  for (const caseId of caseIds) {
    const ev = await tx.caseEvent.create({
      data: { caseId, actor, action: 'author_erased', at: now, payload: JSON.stringify({ alias, mentions: mentions.length, replies: replies.length }) },
    });
    await enqueue(tx, { kind: 'card.update', caseId, eventId: ev.id }, { destination: `case:${caseId}`, idempotencyKey: `card.update:${ev.id}`, now });
  }
  return { alias, mentions: mentions.length, cases: caseIds.length, replies: replies.length, events, mentionsNaming, aiDrafts: aiDrafts.count };
}

/** Other people's posts that tag the person keep their words, minus the handle; their raw payloads go. */
async function eraseNaming(tx: TTx, author: TAuthor): Promise<number> {
  const tag = new RegExp(`@${escapeRegExp(author.handle)}(?![\\w.-]*\\w)`, 'giu');
  const candidates = await tx.mention.findMany({
    where: { platform: author.platform, authorId: { not: author.id }, OR: [{ text: { contains: author.handle } }, { raw: { contains: author.handle } }] },
    select: { id: true, text: true, raw: true },
  });
  // Other customers' AI drafts quoted those posts in their prompts: the tag goes there too.
  for (const d of await tx.aiDraft.findMany({ where: { OR: [{ prompt: { contains: author.handle } }, { response: { contains: author.handle } }, { text: { contains: author.handle } }] }, select: { id: true, prompt: true, response: true, text: true } })) {
    const strip = (v: string | null) => (v === null ? null : v.replace(tag, `@${ERASED}`));
    await tx.aiDraft.update({ where: { id: d.id }, data: { prompt: strip(d.prompt)!, response: strip(d.response), text: strip(d.text) } });
  }
  let n = 0;
  for (const m of candidates) {
    const text = m.text.replace(tag, `@${ERASED}`);
    const raw = m.raw?.toLowerCase().includes(author.handle.toLowerCase()) ? null : m.raw;
    if (text === m.text && raw === m.raw) continue;
    await tx.mention.update({ where: { id: m.id }, data: { text, raw } });
    n += 1;
  }
  return n;
}

function scrubber(values: (string | null)[]) {
  // Very short values ("a", "42") would match half the database; the fields they came from are erased anyway.
  const needles = [...new Set(values.filter((v): v is string => !!v && v.trim().length >= 3 && v !== ERASED).map((v) => v.toLowerCase()))];
  const hit = (s: string) => {
    const lower = s.toLowerCase();
    return needles.some((n) => lower.includes(n));
  };
  const walk = (v: unknown, freeText: boolean, key?: string): unknown => {
    if (typeof v === 'string') {
      if (hit(v) || (freeText && key !== undefined && FREE_TEXT_KEYS.has(key))) return ERASED;
      // Triage reasons quote the words that decided the category: keep the reason, drop the quote.
      return freeText && key === 'reasons' ? v.replace(/"[^"]*"|“[^”]*”/g, `"${ERASED}"`) : v;
    }
    if (Array.isArray(v)) return v.map((x) => walk(x, freeText, key));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, freeText, k)]));
    return v;
  };
  return {
    text: (s: string) => (hit(s) ? ERASED : s),
    /** Rewrites a JSON document; with `freeText`, every value under a free-text key goes too. */
    json(doc: string, freeText: boolean, rootKey?: string): string {
      let parsed: unknown;
      try {
        parsed = JSON.parse(doc);
      } catch {
        return hit(doc) ? JSON.stringify(ERASED) : doc;
      }
      const out = JSON.stringify(walk(parsed, freeText, rootKey));
      return out === JSON.stringify(parsed) ? doc : out;
    },
  };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
