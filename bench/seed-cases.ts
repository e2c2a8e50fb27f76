/**
 * Seeds a SQLite file with N cases spread over the 30 days before `now`, fast enough for a million (better-sqlite3
 * prepared statements, one transaction per 50k rows), with shapes close to live traffic: daytime and weekday peaks,
 * a long tail of one-off authors and a few very frequent ones, outage clusters, most warranted cases answered
 * (log-normal first-response times), older cases resolved, a thin open backlog with some overdue and some offline.
 * Only what stats read is written: Author and Case rows (no Mention, CaseEvent or Reply rows).
 *   npx tsx bench/seed-cases.ts 100000 /tmp/cases.db
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { authorTags } from '../src/intake/author-tags.js';
import { migrateDatabase } from '../src/store/migrate.js';
import { mulberry32 } from '../scripts/mulberry32.js';

const MIN = 60_000;
const TEAMS: [string, number][] = [['social-care', 0.55], ['network-ops', 0.2], ['billing', 0.15], ['sales', 0.1]];
const PLATFORMS: [string, number][] = [['x', 0.35], ['facebook', 0.2], ['instagram', 0.15], ['reddit', 0.08], ['youtube', 0.06], ['google_reviews', 0.08], ['bluesky', 0.04], ['mastodon', 0.02], ['generic', 0.02]];
const CATEGORIES: [string, number, number][] = [
  // category, weight, share negative
  ['outage', 0.1, 0.9], ['defect', 0.1, 0.8], ['billing', 0.12, 0.75], ['delivery', 0.08, 0.7], ['service', 0.12, 0.65],
  ['question', 0.2, 0.15], ['praise', 0.1, 0], ['lead', 0.04, 0.05], ['spam', 0.06, 0.1], ['abuse', 0.02, 0.95], ['other', 0.06, 0.3],
];
const SLA: Record<string, number> = { P1: 30, P2: 60, P3: 240, P4: 1440 };

const pick = <T extends [string, number, ...unknown[]]>(xs: T[], u: number): T => {
  for (const x of xs) if ((u -= x[1]) < 0) return x;
  return xs[xs.length - 1]!;
};
/** Prisma's SQLite DateTime text format. */
const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

/** Part of the cache file name: bump it when the seeded data changes, so no run measures a stale cache. */
export const SEED_VERSION = 'v2';

export interface TSeedOptions {
  n: number;
  /** Cases are created in the 30 days before this instant. */
  now: Date;
}

/** Creates (replacing) a migrated SQLite file at `file` holding `n` seeded cases. */
export async function seedCases(file: string, o: TSeedOptions): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  await migrateDatabase({ databaseUrl: `file:${tmp}` });
  const db = new Database(tmp);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  // Authors go in after their cases, once their counters (and so their tags) are known.
  db.pragma('foreign_keys = OFF');
  const r = mulberry32(o.n);
  const now = o.now.getTime();
  const span = 30 * 24 * 60 * MIN;
  const authorsN = Math.max(10, Math.round(o.n / 6));
  const authors = Array.from({ length: authorsN }, () => ({ mentionCount: 0, complaintCount: 0, praiseCount: 0, offensiveCount: 0, first: Infinity, last: 0 }));

  const insertCase = db.prepare(`INSERT INTO "Case" (id, status, platform, threadKey, authorId, sentiment, sentimentScore, complaint, offensive, category, lang,
    decision, priority, priorityScore, reasons, team, assignee, claimedAt, escalated, slaMinutes, slaDueAt, firstResponseAt, resolvedAt, reopenCount,
    offlineChannel, followUpDueAt, clusterId, createdAt, updatedAt, version)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'en', ?, ?, ?, '["seeded"]', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`);
  const BATCH = 50_000;
  for (let start = 0; start < o.n; start += BATCH) {
    db.transaction(() => {
      for (let i = start; i < Math.min(o.n, start + BATCH); i++) {
        // Time: uniform day, then hour-of-day weighted to daytime (UTC ≈ London), weekends quieter.
        let created: number;
        for (;;) {
          created = now - r() * span;
          const d = new Date(created);
          const h = d.getUTCHours();
          const weight = (h >= 8 && h < 22 ? 1 : 0.25) * (d.getUTCDay() === 0 || d.getUTCDay() === 6 ? 0.6 : 1);
          if (r() < weight) break;
        }
        const a = Math.floor(authorsN * r() ** 3); // long tail: a few authors post a lot
        const [category, , negShare] = pick(CATEGORIES, r());
        const sentiment = category === 'praise' ? 'positive' : r() < negShare ? 'negative' : r() < 0.5 ? 'neutral' : 'positive';
        const decision = category === 'spam' ? 'ignore' : category === 'praise' ? (r() < 0.3 ? 'respond' : 'monitor')
          : r() < 0.02 ? 'escalate' : category === 'billing' || category === 'delivery' ? 'respond_then_offline' : r() < 0.8 ? 'respond' : 'monitor';
        const priority = decision === 'escalate' ? 'P1' : sentiment === 'negative' ? (r() < 0.3 ? 'P2' : 'P3') : 'P4';
        const warranted = decision === 'respond' || decision === 'respond_then_offline' || decision === 'escalate';
        const slaMinutes = warranted ? SLA[priority]! : null;
        const age = now - created;
        const answerAfter = Math.exp(Math.log(40 * MIN) + 1.1 * (r() * 2 - 1) * 1.5);
        const answered = warranted && r() < 0.85 && answerAfter < age;
        const firstResponseAt = answered ? created + answerAfter : null;
        const openish = age < 2 * 24 * 60 * MIN ? r() < 0.35 : r() < 0.01;
        const status = decision === 'ignore' ? 'ignored' : decision === 'monitor' ? (openish ? 'monitoring' : 'resolved')
          : !openish ? 'resolved' : decision === 'respond_then_offline' && answered ? 'offline' : answered || r() < 0.5 ? 'claimed' : 'new';
        // A resolution that would lie in the future happened some time before now instead: clamping it to `now` would
        // stamp thousands of cases with the same updatedAt, which no live system does (and which the rollup's
        // changed-since check would then re-read on every call).
        const wouldResolve = created + (firstResponseAt ? answerAfter : 0) + r() * 600 * MIN;
        const resolvedAt = status === 'resolved' ? (wouldResolve < now ? wouldResolve : Math.max(created, firstResponseAt ?? 0) + r() * (now - Math.max(created, firstResponseAt ?? 0))) : null;
        const assignee = status === 'new' || status === 'ignored' ? null : ['tom', 'lena', 'ana', 'mo', 'rae'][i % 5]!;
        const followUpDueAt = status === 'offline' ? created + (12 + r() * 60) * 60 * MIN : null;
        const clusterId = category === 'outage' && r() < 0.7 ? `cl-${Math.floor(created / (6 * 60 * MIN))}` : null;
        const au = authors[a]!;
        au.mentionCount++;
        if (sentiment === 'negative') au.complaintCount++;
        if (category === 'praise') au.praiseCount++;
        if (category === 'abuse') au.offensiveCount++;
        au.first = Math.min(au.first, created);
        au.last = Math.max(au.last, created);
        const updated = Math.max(created, firstResponseAt ?? 0, resolvedAt ?? 0);
        insertCase.run(
          `c${String(i).padStart(8, '0')}`, status, pick(PLATFORMS, r())[0], `t${i}`, `a${a}`, sentiment, sentiment === 'negative' ? -0.6 : sentiment === 'positive' ? 0.6 : 0,
          sentiment === 'negative' ? 1 : 0, category === 'abuse' ? 1 : 0, category, decision, priority, r(), pick(TEAMS, r())[0], assignee,
          assignee ? iso(created + 5 * MIN) : null, decision === 'escalate' ? 1 : 0, slaMinutes, slaMinutes ? iso(created + slaMinutes * MIN) : null,
          firstResponseAt ? iso(firstResponseAt) : null, resolvedAt ? iso(resolvedAt) : null, r() < 0.01 ? 1 : 0,
          status === 'offline' ? 'dm' : null, followUpDueAt ? iso(followUpDueAt) : null, clusterId, iso(created), iso(updated),
        );
      }
    })();
  }
  const insertAuthor = db.prepare(`INSERT INTO "Author" (id, platform, handle, followers, verified, mentionCount, complaintCount, praiseCount, offensiveCount, tags, firstSeenAt, lastSeenAt)
    VALUES (?, 'x', ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)`);
  db.transaction(() => {
    authors.forEach((au, i) => {
      const first = Number.isFinite(au.first) ? au.first : now - span;
      insertAuthor.run(`a${i}`, `user${i}`, Math.floor(r() * 5000), au.mentionCount, au.complaintCount, au.praiseCount, au.offensiveCount,
        JSON.stringify(authorTags(au)), iso(first), iso(Math.max(first, au.last)));
    });
  })();
  db.pragma('journal_mode = WAL');
  db.exec('ANALYZE');
  db.close();
  renameSync(tmp, file);
}

/** Seeds `file` unless it already exists (bench/.cache keeps seeded databases between runs). */
export async function cachedSeed(file: string, o: TSeedOptions): Promise<{ seededMs: number | null }> {
  if (existsSync(file)) {
    // A cache seeded before a newer migration (e.g. an added index) is brought current, or the figures would lie.
    await migrateDatabase({ databaseUrl: `file:${file}` });
    return { seededMs: null };
  }
  const t0 = performance.now();
  await seedCases(file, o);
  return { seededMs: performance.now() - t0 };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] ?? 100_000);
  const file = path.resolve(process.argv[3] ?? `bench/.cache/cases-${SEED_VERSION}-${n}.db`);
  const t0 = performance.now();
  await seedCases(file, { n, now: new Date('2026-11-23T12:00:00Z') });
  console.log(`seeded ${n.toLocaleString('en')} cases into ${file} in ${Math.round(performance.now() - t0)} ms`);
}
