import { num, sqlOf, type TSql } from '../intake/sql.js';
import type { TDb } from '../store/client.js';
import type { TRate } from './rate-limiter.js';

/**
 * Per-destination rate limits shared by every Earshot process on the database, so replicas together keep to Slack's
 * ~1 post/s per channel instead of each keeping to it. One `RateBucket` row per destination holds GCRA state (the
 * leaky bucket as a single timestamp): a call is admitted by one conditional UPDATE that the database applies
 * atomically, the same statement on SQLite and PostgreSQL. A 429's Retry-After blocks the destination for everyone.
 *
 * Statements run outside any caller's transaction (each commits by itself), so no bucket row is ever locked across
 * statements and two claims taking buckets in different orders cannot deadlock. A destination without a declared
 * rate costs no query: only a 429 can slow it, and that block is kept in process.
 */
export interface TSharedPace {
  /** 0 when a call may go now (and spends its slot), else the milliseconds to wait. */
  take(destination: string, nowMs: number): Promise<number>;
  /** Milliseconds until a 429'd destination may be called again (0 when it is not blocked). */
  blockedFor(destination: string, nowMs: number): Promise<number>;
  block(destination: string, untilMs: number): Promise<void>;
  /**
   * The paced destinations known (they have a bucket) split by whether they would take a call now: a claim leaves the
   * busy ones' items alone instead of taking and handing them back, and reads the ready ones' separately.
   */
  state(nowMs: number): Promise<{ busy: string[]; ready: string[] }>;
}

/** GCRA in whole milliseconds: the emission interval and how far ahead of now the schedule may run (the burst). */
export function gcraOf(rate: TRate): { intervalMs: number; toleranceMs: number } {
  const intervalMs = Math.max(1, Math.round(1000 / rate.perSecond));
  return { intervalMs, toleranceMs: Math.max(0, Math.round(rate.burst - 1)) * intervalMs };
}

export function createSharedPace(db: TDb, rateFor: (destination: string) => TRate | undefined): TSharedPace {
  const sql = sqlOf(db);
  const localBlocks = new Map<string, number>();

  async function take(destination: string, nowMs: number): Promise<number> {
    const rate = rateFor(destination);
    if (!rate) return Math.max(0, (localBlocks.get(destination) ?? 0) - nowMs);
    const now = Math.floor(nowMs);
    const { intervalMs, toleranceMs } = gcraOf(rate);
    for (let i = 0; i < 2; i++) {
      if ((await admit(sql, destination, now, intervalMs, toleranceMs)) === 1) return 0;
      const row = await read(sql, destination);
      if (row) return Math.max(1, row.blockedUntil - now, row.tat - toleranceMs - now);
      // First call to this destination ever: the insert is the admission (another process may win it; then retry).
      const created = await sql.run(`INSERT INTO "RateBucket" ("destination", "tat", "blockedUntil") VALUES (?, ?, 0) ON CONFLICT DO NOTHING`, [destination, now + intervalMs]);
      if (created === 1) return 0;
    }
    return intervalMs;
  }

  async function blockedFor(destination: string, nowMs: number): Promise<number> {
    if (!rateFor(destination)) return Math.max(0, (localBlocks.get(destination) ?? 0) - nowMs);
    const row = await read(sql, destination);
    return row ? Math.max(0, row.blockedUntil - Math.floor(nowMs)) : 0;
  }

  async function block(destination: string, untilMs: number): Promise<void> {
    const until = Math.ceil(untilMs);
    if (!rateFor(destination)) {
      localBlocks.set(destination, Math.max(localBlocks.get(destination) ?? 0, until));
      return;
    }
    const raise = () => sql.run(`UPDATE "RateBucket" SET "blockedUntil" = ? WHERE "destination" = ? AND "blockedUntil" < ?`, [until, destination, until]);
    if ((await raise()) === 1) return;
    // No row yet, or already blocked at least that long; a lost insert race means the row exists now.
    const created = await sql.run(`INSERT INTO "RateBucket" ("destination", "tat", "blockedUntil") VALUES (?, 0, ?) ON CONFLICT DO NOTHING`, [destination, until]);
    if (created === 0) await raise();
  }

  async function state(nowMs: number): Promise<{ busy: string[]; ready: string[] }> {
    const now = Math.floor(nowMs);
    const busy = [...localBlocks].filter(([, until]) => until > now).map(([d]) => d);
    const ready: string[] = [];
    // One row per paced destination (channels, platform accounts): a small table, read whole.
    for (const r of await sql.query<{ destination: string; tat: unknown; blockedUntil: unknown }>(`SELECT "destination", "tat", "blockedUntil" FROM "RateBucket"`)) {
      const rate = rateFor(r.destination);
      if (!rate) continue;
      if (num(r.blockedUntil) > now || num(r.tat) - gcraOf(rate).toleranceMs > now) busy.push(r.destination);
      else ready.push(r.destination);
    }
    return { busy, ready };
  }

  return { take, blockedFor, block, state };
}

/** The one statement that decides: admitted (1) when not blocked and the schedule is within the burst of now. */
function admit(sql: TSql, destination: string, now: number, intervalMs: number, toleranceMs: number): Promise<number> {
  return sql.run(
    `UPDATE "RateBucket" SET "tat" = (CASE WHEN "tat" > ? THEN "tat" ELSE ? END) + ? WHERE "destination" = ? AND "tat" <= ? AND "blockedUntil" <= ?`,
    [now, now, intervalMs, destination, now + toleranceMs, now],
  );
}

async function read(sql: TSql, destination: string): Promise<{ tat: number; blockedUntil: number } | undefined> {
  const [row] = await sql.query<{ tat: unknown; blockedUntil: unknown }>(`SELECT "tat", "blockedUntil" FROM "RateBucket" WHERE "destination" = ?`, [destination]);
  return row ? { tat: num(row.tat), blockedUntil: num(row.blockedUntil) } : undefined;
}
