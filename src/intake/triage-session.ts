import type { TOrgChart } from '../config/org-chart-schema.js';
import type { TMention } from '../mention.js';
import type { TAuthorHistory, TRecentMention, TTriageDecision, TTriageFn, TTriageSession } from '../triage/index.js';

/** What triage is shown of the recent past: the mentions received in the last hour, the newest 500 of them. */
export const WINDOW_MS = 60 * 60_000;
export const WINDOW_LIMIT = 500;

export interface TSeedItem {
  item: TRecentMention;
  receivedAt: number;
}

/**
 * The pipeline's triage session: the window of recent mentions lives in memory, seeded from the database when a
 * pipeline starts and extended by every mention it stores — never re-read per mention. It shows triage exactly what
 * reading the database before each mention would (the mentions received in the hour before `now`, newest 500, each
 * with its case's cluster and category, oldest first), which is what keeps batched decisions identical to one-by-one
 * ones. Compatible with TTriageSession; `author` is the stored history before this mention.
 *
 * @example
 * const s = createIntakeSession({ orgChart, triage, seed: await loadWindow(db, now) });
 * const d = s.triage(mention, acceptedAt, history);
 * s.remember({ ...recentOf(mention), clusterId: d.clusterId, category: d.category }, acceptedAt);
 */
export interface TIntakeSession extends TTriageSession {
  triage(mention: TMention, now?: Date, author?: TAuthorHistory): TTriageDecision;
  /** Adds a stored mention to the window (with its case's cluster and category). */
  remember(item: TRecentMention, receivedAt: Date): void;
}

export function createIntakeSession(o: { orgChart: TOrgChart; triage: TTriageFn; seed: readonly TSeedItem[] }): TIntakeSession {
  // Parallel arrays, mutated in place: triage's cluster index is keyed on the array, so it is reused across calls.
  const items: TRecentMention[] = o.seed.map((s) => s.item);
  const times: number[] = o.seed.map((s) => s.receivedAt);
  const prune = (now: number) => {
    const cutoff = now - WINDOW_MS;
    let drop = 0;
    while (drop < times.length && times[drop]! < cutoff) drop++;
    drop = Math.max(drop, items.length - WINDOW_LIMIT);
    if (drop > 4) {
      items.splice(0, drop);
      times.splice(0, drop);
    } else {
      for (let k = 0; k < drop; k++) {
        items.shift();
        times.shift();
      }
    }
  };
  return {
    triage(mention, now, author) {
      const at = now ?? new Date(mention.createdAt);
      prune(at.getTime());
      return o.triage(mention, { orgChart: o.orgChart, now: at, recent: items, ...(author && { author }) });
    },
    remember(item, receivedAt) {
      items.push(item);
      times.push(receivedAt.getTime());
    },
    recent: () => items.slice(),
  };
}

/** The window entry of a stored mention, as the database would give it back. */
export function recentOf(m: TMention, kase: { clusterId: string | null; category: string }): TRecentMention {
  return {
    platform: m.platform,
    externalId: m.externalId,
    text: m.text,
    createdAt: new Date(m.createdAt).toISOString(),
    clusterId: kase.clusterId,
    category: kase.category as NonNullable<TRecentMention['category']>,
  };
}
