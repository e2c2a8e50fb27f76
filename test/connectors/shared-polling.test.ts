import { describe, expect, it } from 'vitest';
import { cachedAccessToken, callWithToken } from '../../src/connectors/access-token.js';
import { advanceTimeCursor, collectNewestFirst, readTimeCursor } from '../../src/connectors/poll-cursor.js';
import { PermanentError } from '../../src/outbox/outbox-errors.js';
import { startJsonServer } from './fakes/json-http-server.js';

const now = new Date('2026-11-23T10:00:00Z');
const at = (s: number) => new Date(now.getTime() - s * 1000).toISOString();

describe('time cursor', () => {
  it('keeps every id sharing the newest timestamp, and restarts on an unreadable cursor', () => {
    const c = advanceTimeCursor(null, [
      { id: 'a', at: at(5) },
      { id: 'b', at: at(1) },
      { id: 'c', at: at(1) },
    ]);
    expect(readTimeCursor(c)).toEqual({ t: at(1), ids: ['b', 'c'] });
    expect(readTimeCursor('not json')).toBeNull();
    expect(readTimeCursor('{"t":"garbage","ids":[]}')).toBeNull();
  });

  it('stops paging once a page reaches behind the cursor, and returns new items oldest first', async () => {
    // newest first, 2 per page: d(0) c(1) | b(1) a(9) | z(20)
    const feed = [
      { id: 'd', at: at(0) },
      { id: 'c', at: at(1) },
      { id: 'b', at: at(1) },
      { id: 'a', at: at(9) },
      { id: 'z', at: at(20) },
    ];
    const pages: (string | undefined)[] = [];
    const cursor = JSON.stringify({ t: at(1), ids: ['b'] });
    const out = await collectNewestFirst({
      cursor,
      now,
      maxPages: 10,
      keys: (i: { id: string; at: string }) => [i],
      fetchPage: async (p) => {
        pages.push(p);
        const start = Number(p ?? 0);
        return { items: feed.slice(start, start + 2), next: start + 2 < feed.length ? String(start + 2) : undefined };
      },
    });
    expect(out.items.map((i) => i.item.id)).toEqual(['c', 'd']);
    expect(pages).toEqual([undefined, '2']);
    expect(readTimeCursor(out.cursor)).toEqual({ t: at(0), ids: ['d'] });
  });
});

describe('access tokens', () => {
  it('shares one renewal between concurrent callers and renews shortly before expiry', async () => {
    let issued = 0;
    const token = cachedAccessToken(async (n) => ({ token: `t${++issued}`, expiresAt: new Date(n.getTime() + 3600_000) }));
    expect(await Promise.all([token.get(now), token.get(now)])).toEqual(['t1', 't1']);
    expect(await token.get(new Date(now.getTime() + 3540_000 - 1))).toBe('t1');
    expect(await token.get(new Date(now.getTime() + 3540_000))).toBe('t2');
  });

  it('repeats a 401 once with a renewed token; a refused renewal leaves the revoked-token error', async () => {
    const server = await startJsonServer((req) => (req.headers.authorization === 'Bearer good' ? { status: 200, body: { ok: true } } : { status: 401, body: { error: 'bad' } }));
    try {
      const tokens = ['stale', 'good'];
      const renewing = cachedAccessToken(async () => ({ token: tokens.shift()!, expiresAt: new Date(now.getTime() + 3600_000) }));
      const call = { platform: 'reddit' as const, fetch, method: 'GET' as const, url: server.url, now, purpose: 'test' };
      await expect(callWithToken(call, {}, renewing)).resolves.toEqual({ ok: true });
      let first = true;
      const refused = cachedAccessToken(async () => {
        if (first) {
          first = false;
          return { token: 'stale', expiresAt: new Date(now.getTime() + 3600_000) };
        }
        throw new PermanentError('invalid_grant');
      });
      await expect(callWithToken(call, {}, refused)).rejects.toThrow(/HTTP 401.*may be revoked/);
      expect(server.requests).toHaveLength(3); // stale+good, then stale alone: no second try without a new token
    } finally {
      await server.close();
    }
  });
});
