import type { TLogger } from '../log.js';
import type { TMention } from '../mention.js';
import type { TDb } from '../store/client.js';
import { DATABASE_RETRY_AFTER_SECONDS, IntakeRefused, retryAfterFor } from './backpressure.js';
import { key2 } from './batch-types.js';
import { createGroupCommit } from './group-commit.js';
import { inboxStats, insertInbox, type TInboxRow } from './intake-store.js';
import { sqlOf, type TSql } from './sql.js';

export type TAcceptStatus = 'accepted' | 'duplicate';

export interface TAcceptResult {
  externalId: string;
  status: TAcceptStatus;
  /** Arrival number of an accepted mention (to wait for its processing). */
  seq?: number;
}

export interface TInboxOptions {
  db: TDb;
  /** Where the inbox's SQL runs; the app's Prisma client (`db`) when absent. */
  sql?: TSql;
  log: TLogger;
  now: () => Date;
  /** Above this many pending mentions, accepts are refused with 429 + Retry-After. */
  highWater: number;
  /** The pipeline's current rate (mentions/s), for Retry-After. */
  rate: () => number;
  /** Called after each commit that accepted something. */
  onAccepted?: (count: number) => void;
}

export interface TInbox {
  /**
   * Durably appends validated mentions (all or none) and answers each one's status once the commit is on disk.
   * @throws IntakeRefused when the inbox is over its high-water mark or the database cannot be written.
   */
  accept(mentions: readonly TMention[], source: string): Promise<TAcceptResult[]>;
  /** Pending mentions (exact for this process's own traffic, refreshed from the database every second). */
  depth(): number;
  oldestAcceptedAt(): Date | null;
  /** The pipeline processed (or set aside) `n` entries. */
  processed(n: number): void;
  /** Re-reads depth and age from the database (other processes accept and process too). */
  refresh(): Promise<void>;
  /** Settles once every accept made so far is committed or refused (see TGroupCommit.caughtUp). */
  caughtUp(): Promise<void>;
  /** When the last accept arrived (Date.now()), 0 if none yet: acks are flowing while this is recent. */
  lastAcceptAt(): number;
}

export function createInbox(o: TInboxOptions): TInbox {
  const sql = o.sql ?? sqlOf(o.db);
  let depth = 0;
  let oldest: Date | null = null;
  let refreshedAt = 0;
  let refreshing: Promise<void> | undefined;
  let warnedDown = 0;
  let lastAcceptAt = 0;

  const commit = createGroupCommit<TInboxRow, number | undefined>(async (rows) => {
    const accepted = await insertInbox(sql, rows, o.now());
    // The first copy of a mention in the group is the accepted one; copies sent by other requests are duplicates.
    return rows.map((r) => {
      const k = key2(r.mention.platform, r.mention.externalId);
      const seq = accepted.get(k);
      accepted.delete(k);
      return seq;
    });
  });

  const refresh = async () => {
    refreshing ??= (async () => {
      try {
        const s = await inboxStats(sql);
        depth = s.pending;
        oldest = s.oldest;
        refreshedAt = Date.now();
      } finally {
        refreshing = undefined;
      }
    })();
    return refreshing;
  };

  return {
    async accept(mentions, source) {
      lastAcceptAt = Date.now();
      if (lastAcceptAt - refreshedAt > 1000) void refresh().catch(() => undefined);
      if (depth + mentions.length > o.highWater) {
        throw new IntakeRefused('INBOX_FULL', `Earshot is working through a backlog of ${depth} mentions; nothing was stored, please retry later.`, retryAfterFor(depth, o.highWater, o.rate()));
      }
      let seqs: (number | undefined)[];
      try {
        seqs = await commit(mentions.map((mention) => ({ mention, source })));
      } catch (err) {
        // Log once per minute, not once per refused request.
        if (Date.now() - warnedDown > 60_000) {
          warnedDown = Date.now();
          o.log.error('intake: cannot write to the inbox; answering 503', { error: err instanceof Error ? err.message : String(err) });
        }
        throw new IntakeRefused('DATABASE_UNAVAILABLE', 'The database cannot be written right now; nothing was stored, please retry later.', DATABASE_RETRY_AFTER_SECONDS);
      }
      const results = mentions.map((m, i): TAcceptResult => {
        const seq = seqs[i];
        return seq === undefined ? { externalId: m.externalId, status: 'duplicate' } : { externalId: m.externalId, status: 'accepted', seq };
      });
      const n = results.filter((r) => r.status === 'accepted').length;
      if (n) {
        if (depth === 0) oldest ??= o.now();
        depth += n;
        o.onAccepted?.(n);
      }
      return results;
    },
    depth: () => depth,
    oldestAcceptedAt: () => (depth > 0 ? oldest : null),
    processed(n) {
      depth = Math.max(0, depth - n);
    },
    refresh,
    caughtUp: () => commit.caughtUp(),
    lastAcceptAt: () => lastAcceptAt,
  };
}
