import { FIRST_POLL_LOOKBACK_MS } from '../poll-cursor.js';

/** Mastodon ids are decimal snowflakes of growing length: compare by length, then digits. */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** The `min_id` of the Link header's rel="prev" page: where the next-newer page starts. */
export function prevMinId(link: string | null): string | undefined {
  for (const part of (link ?? '').split(',')) {
    if (!/rel="prev"/.test(part)) continue;
    const url = /<([^>]+)>/.exec(part)?.[1];
    if (url) return new URL(url).searchParams.get('min_id') ?? undefined;
  }
  return undefined;
}

// A stored cursor reads at most this many pages (40 items each) per poll; older items past it are picked up next poll.
const MAX_PAGES = 10;

/**
 * Reads a Mastodon collection forward from a stored id: `min_id` returns the page immediately after it, and
 * Link rel="prev" leads to the next one, so a burst larger than one page is walked in order rather than cut
 * off (as `since_id`, which returns the newest page, would). Without a cursor: the newest page, within the
 * first-poll lookback. Returns items oldest first and the newest id as the next cursor.
 */
export async function readForward<T>(opts: {
  cursor: string | null;
  now: Date;
  fetchPage(params: URLSearchParams): Promise<{ items: T[]; link: string | null }>;
  id(item: T): string;
  createdAt(item: T): string;
}): Promise<{ items: T[]; cursor: string | null }> {
  const out = new Map<string, T>();
  let newest = opts.cursor;
  let minId = opts.cursor ?? undefined;
  for (let page = 0; page < (opts.cursor ? MAX_PAGES : 1); page++) {
    const params = new URLSearchParams({ limit: '40' });
    if (minId) params.set('min_id', minId);
    const { items, link } = await opts.fetchPage(params);
    if (items.length === 0) break;
    for (const item of items) {
      const id = opts.id(item);
      if (!newest || compareIds(id, newest) > 0) newest = id;
      const fresh = opts.cursor ? compareIds(id, opts.cursor) > 0 : Date.parse(opts.createdAt(item)) >= opts.now.getTime() - FIRST_POLL_LOOKBACK_MS;
      if (fresh) out.set(id, item);
    }
    const next = prevMinId(link) ?? newest ?? undefined;
    if (!next || next === minId) break;
    minId = next;
  }
  const items = [...out.values()].sort((a, b) => compareIds(opts.id(a), opts.id(b)));
  return { items, cursor: newest ?? null };
}
