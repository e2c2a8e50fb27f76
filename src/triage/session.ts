/**
 * A triage session for batch use (the CLI): keeps the sliding window of recent mentions and a
 * per-author tally itself, so each call sees what came before it. State is explicit and injected
 * (one session per run), and `now` is passed per call, so runs stay reproducible.
 */
import type { TOrgChart } from '../config/org-chart-schema.js';
import type { TMention } from '../mention.js';
import { CLUSTER_WINDOW_MINUTES, MAX_SCAN } from './cluster.js';
import { triage } from './triage.js';
import type { TAuthorHistory, TRecentMention, TTriageDecision } from './types.js';

export interface TTriageSessionOptions {
  /** Minutes a mention stays in the window (default 60). */
  windowMinutes?: number;
  /** Upper bound on remembered mentions, oldest dropped first (default 2000). */
  maxRecent?: number;
  /** Tally each author's mentions/complaints/praise within the session (default true). */
  trackAuthors?: boolean;
}

export interface TTriageSession {
  /** Triage the next mention; `now` defaults to the mention's createdAt. */
  triage(mention: TMention, now?: Date): TTriageDecision;
  /** The current window, oldest first. */
  recent(): readonly TRecentMention[];
}

/**
 * @example
 * const session = createTriageSession(orgChart);
 * for (const m of mentions) console.log(session.triage(m).decision);
 */
export function createTriageSession(orgChart: TOrgChart, options: TTriageSessionOptions = {}): TTriageSession {
  const windowMs = (options.windowMinutes ?? CLUSTER_WINDOW_MINUTES) * 60_000;
  const maxRecent = options.maxRecent ?? MAX_SCAN;
  const trackAuthors = options.trackAuthors ?? true;
  // Parallel arrays so the window is handed to triage as-is, without copying per call.
  const items: TRecentMention[] = [];
  const times: number[] = [];
  const authors = new Map<string, TAuthorHistory>();

  return {
    triage(mention, now) {
      const at = now ?? new Date(mention.createdAt);
      const cutoff = at.getTime() - windowMs;
      // Prune from the front: input is usually in time order, so this is cheap.
      let drop = 0;
      while (drop < times.length && (times[drop] ?? 0) < cutoff) drop++;
      drop = Math.max(drop, items.length - maxRecent + 1);
      // Usually one item leaves per call: shift() only moves the array's start, splice(0, n) copies the rest.
      if (drop > 4) {
        items.splice(0, drop);
        times.splice(0, drop);
      } else {
        for (let k = 0; k < drop; k++) {
          items.shift();
          times.shift();
        }
      }
      const key = `${mention.platform}:${mention.author.handle.toLowerCase()}`;
      const history = trackAuthors ? authors.get(key) : undefined;
      const decision = triage(mention, {
        orgChart,
        now: at,
        recent: items,
        ...(history ? { author: history } : {}),
      });
      items.push({ platform: mention.platform, externalId: mention.externalId, text: mention.text, createdAt: mention.createdAt, clusterId: decision.clusterId ?? null, category: decision.category });
      // Without `now`, `at` already is the parsed createdAt: skip parsing it a second time.
      times.push((now ? Date.parse(mention.createdAt) : at.getTime()) || at.getTime());
      if (trackAuthors) {
        const h = history ?? { mentions: 0, complaints: 0, praise: 0, tags: [] };
        // Spelled out rather than spread (a slow generic copy): the session makes every history, so these are all its fields.
        authors.set(key, { mentions: h.mentions + 1, complaints: h.complaints + (decision.complaint ? 1 : 0), praise: h.praise + (decision.category === 'praise' ? 1 : 0), tags: h.tags });
      }
      return decision;
    },
    recent: () => items.slice(),
  };
}
