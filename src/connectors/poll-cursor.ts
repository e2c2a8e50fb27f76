/**
 * Resuming a newest-first feed (Reddit listings, YouTube comment threads, Google reviews, Bluesky
 * notifications) from a stored position: the newest timestamp delivered plus the ids delivered at exactly that
 * timestamp, so items sharing a second are neither repeated nor skipped, and a deleted item cannot strand the
 * cursor the way an id-only "before" anchor can.
 */
export interface TTimeCursor {
  /** ISO-8601 time of the newest item delivered. */
  t: string;
  /** Ids delivered at exactly `t`. */
  ids: string[];
}

/** An item's position in its feed. */
export interface TFeedKey {
  id: string;
  /** ISO-8601. */
  at: string;
}

/** How far back the very first poll (no cursor yet) looks: the recent past, never the whole history. */
export const FIRST_POLL_LOOKBACK_MS = 24 * 60 * 60 * 1000;

export function readTimeCursor(raw: string | null): TTimeCursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(raw) as Partial<TTimeCursor>;
    if (typeof c.t === 'string' && !Number.isNaN(Date.parse(c.t)) && Array.isArray(c.ids)) return { t: c.t, ids: c.ids.map(String) };
  } catch {
    // fall through: an unreadable cursor restarts like a first run rather than failing the poller forever
  }
  return null;
}

/** True when the item comes after the cursor (or, without one, inside the first-poll lookback). */
export function isAfter(key: TFeedKey, cursor: TTimeCursor | null, now: Date): boolean {
  const at = Date.parse(key.at);
  if (!cursor) return at >= now.getTime() - FIRST_POLL_LOOKBACK_MS;
  const t = Date.parse(cursor.t);
  return at > t || (at === t && !cursor.ids.includes(key.id));
}

/** The cursor after delivering `keys` (serialised), or the old one when nothing new arrived. */
export function advanceTimeCursor(cursor: TTimeCursor | null, keys: readonly TFeedKey[]): string | null {
  let next = cursor ? { t: cursor.t, ids: [...cursor.ids] } : null;
  for (const k of keys) {
    const at = new Date(Date.parse(k.at)).toISOString();
    const cmp = next ? Date.parse(at) - Date.parse(next.t) : 1;
    if (cmp > 0) next = { t: at, ids: [k.id] };
    else if (cmp === 0 && next && !next.ids.includes(k.id)) next.ids.push(k.id);
  }
  return next ? JSON.stringify(next) : null;
}

export interface TNewestFirstPage<T> {
  items: T[];
  next?: string;
}

/**
 * Reads newest-first pages until one reaches back past the cursor, returning what is new (oldest first) and
 * the advanced cursor. The first run (null cursor) reads one page only, within FIRST_POLL_LOOKBACK_MS.
 * `maxPages` bounds one poll's cost; a burst beyond it is documented per platform.
 */
export async function collectNewestFirst<T>(opts: {
  cursor: string | null;
  now: Date;
  maxPages: number;
  fetchPage(pageToken: string | undefined): Promise<TNewestFirstPage<T>>;
  /** Every feed key an item carries (a YouTube thread carries its top-level comment and replies). */
  keys(item: T): TFeedKey[];
  /** The key paging stops on (the feed's own ordering key); defaults to the first of `keys`. */
  orderKey?(item: T): TFeedKey;
}): Promise<{ items: { item: T; key: TFeedKey }[]; cursor: string | null }> {
  const cursor = readTimeCursor(opts.cursor);
  const orderKey = opts.orderKey ?? ((i: T) => opts.keys(i)[0]!);
  const found: { item: T; key: TFeedKey }[] = [];
  const seen = new Set<string>();
  let pageToken: string | undefined;
  for (let page = 0; page < (cursor ? opts.maxPages : 1); page++) {
    const { items, next } = await opts.fetchPage(pageToken);
    let reachedCursor = false;
    for (const item of items) {
      for (const key of opts.keys(item)) {
        if (!seen.has(key.id) && isAfter(key, cursor, opts.now)) found.push({ item, key });
        seen.add(key.id);
      }
      const ok = orderKey(item);
      if (cursor && Date.parse(ok.at) < Date.parse(cursor.t)) reachedCursor = true;
    }
    if (reachedCursor || !next || items.length === 0) break;
    pageToken = next;
  }
  found.sort((a, b) => Date.parse(a.key.at) - Date.parse(b.key.at));
  return { items: found, cursor: advanceTimeCursor(cursor, found.map((f) => f.key)) };
}
