import { randomBytes } from 'node:crypto';
import type { TFailure } from '../contract.js';
import { startJsonServer, type TFakeRequest, type TFakeResponse } from './json-http-server.js';

interface TComment {
  kind: 't1';
  data: Record<string, unknown> & { name: string; id: string; author: string; body: string; created_utc: number; parent_id: string; context: string };
}

/** A brand write the fake accepted: a comment (/api/comment) or a private message (/api/compose). */
export type TRedditWrite = { kind: 'comment'; thingId: string; text: string; name: string } | { kind: 'message'; to: string; subject: string; text: string; name: string };

/**
 * A fake Reddit following reddit.com/dev/api and the OAuth2 wiki: password grant with HTTP Basic client auth
 * (a wrong password is 200 `{"error":"invalid_grant"}`), Bearer tokens that expire, Listings paged by `after`,
 * `api_type=json` refusals as 200 `{"json":{"errors":[[code,msg,field]]}}`, and X-Ratelimit-Used/Remaining/Reset
 * (seconds to the window's end) on every API response.
 */
export async function startFakeReddit(opts: { clientId: string; clientSecret: string; username: string; password: string; now: () => Date }) {
  let seq = 1_000_000;
  const b36 = () => (seq++).toString(36);
  const tokens = new Map<string, number>();
  const inbox: TComment[] = [];
  const posts: Record<string, unknown>[] = [];
  const subscribers = new Map<string, number>();
  const writes: TRedditWrite[] = [];
  let revoked = false;
  let failNext: TFailure | null = null;
  let used = 0;
  let refusal: [string, string] | null = null;

  let window = -1;
  const rate = (): Record<string, string> => {
    const secs = Math.floor(opts.now().getTime() / 1000);
    if (Math.floor(secs / 600) !== window) {
      window = Math.floor(secs / 600);
      used = 0;
    }
    return { 'x-ratelimit-used': String(used), 'x-ratelimit-remaining': `${Math.max(0, 600 - used)}.0`, 'x-ratelimit-reset': String(600 - (secs % 600)) };
  };
  const ok = (body: unknown): TFakeResponse => ({ status: 200, headers: rate(), body });
  const listing = (children: { data: { name: string } }[], req: TFakeRequest) => {
    const limit = Math.min(Number(req.query.get('limit') ?? 25), 100);
    const after = req.query.get('after');
    const start = after ? children.findIndex((c) => c.data.name === after) + 1 : 0;
    const page = children.slice(start, start + limit);
    const more = start + limit < children.length;
    return ok({ kind: 'Listing', data: { after: more ? page[page.length - 1]!.data.name : null, before: null, dist: page.length, children: page } });
  };
  const newestFirst = <T extends { data: Record<string, unknown> }>(xs: T[]) => [...xs].sort((a, b) => Number(b.data.created_utc) - Number(a.data.created_utc) || seqOf(b) - seqOf(a));
  const seqOf = (x: { data: Record<string, unknown> }) => parseInt(String(x.data.id), 36);

  const server = await startJsonServer((req) => {
    if (req.path === '/api/v1/access_token') {
      const expected = 'Basic ' + Buffer.from(`${opts.clientId}:${opts.clientSecret}`).toString('base64');
      if (req.headers.authorization !== expected) return { status: 401, body: { message: 'Unauthorized', error: 401 } };
      const f = req.form();
      if (revoked || f.get('grant_type') !== 'password' || f.get('username') !== opts.username || f.get('password') !== opts.password) return { status: 200, body: { error: 'invalid_grant' } };
      const t = randomBytes(18).toString('base64url');
      tokens.set(t, opts.now().getTime() + 3600_000);
      return { status: 200, body: { access_token: t, token_type: 'bearer', expires_in: 3600, scope: '*' } };
    }
    if (!req.headers['user-agent'] || /^node$|undici/i.test(String(req.headers['user-agent']))) return { status: 429, body: { message: 'Too Many Requests', error: 429 } };
    const token = /^bearer (.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
    const exp = tokens.get(token);
    if (revoked || exp === undefined || exp <= opts.now().getTime()) return { status: 401, headers: rate(), body: { message: 'Unauthorized', error: 401 } };
    rate();
    used++;
    if (req.method === 'GET' && req.path === '/message/inbox') return listing(newestFirst(inbox), req);
    if (req.method === 'GET' && req.path === '/search') {
      const q = String(req.query.get('q')).toLowerCase();
      return listing(newestFirst(posts.map((p) => ({ kind: 't3', data: p }) as { kind: string; data: Record<string, unknown> & { name: string } })).filter((p) => String(p.data.title).toLowerCase().includes(q)), req);
    }
    if (req.method === 'GET' && req.path === '/message/sent') {
      const sent = writes.filter((w) => w.kind === 'message').reverse().map((w) => ({ kind: 't4', data: { name: w.name, dest: (w as { to: string }).to, subject: (w as { subject: string }).subject, body: w.text } }));
      return listing(sent, req);
    }
    const about = /^\/user\/([^/]+)\/about$/.exec(req.path);
    if (req.method === 'GET' && about) {
      const name = decodeURIComponent(about[1]!);
      if (!subscribers.has(name)) return { status: 404, headers: rate(), body: { message: 'Not Found', error: 404 } };
      return ok({ kind: 't2', data: { name, total_karma: 10, subreddit: { display_name: `u_${name}`, subscribers: subscribers.get(name) } } });
    }
    if (req.method === 'POST' && (req.path === '/api/comment' || req.path === '/api/compose')) {
      const f = req.form();
      if (f.get('api_type') !== 'json') return { status: 400, headers: rate(), body: { message: 'Bad Request', error: 400 } };
      if (refusal) {
        const [code, message] = refusal;
        refusal = null;
        return ok({ json: { errors: [[code, message, 'parent']] } });
      }
      if (failNext) {
        const fail = failNext;
        failNext = null;
        if (fail === 'rate_limited') return { status: 429, headers: { ...rate(), 'x-ratelimit-remaining': '0' }, body: { message: 'Too Many Requests', error: 429 } };
        if (fail === 'server_error') return { status: 500, headers: rate(), body: { message: 'Internal Server Error', error: 500 } };
        if (fail === 'deleted_post') return ok({ json: { errors: [['DELETED_COMMENT', 'that comment has been deleted', 'parent']] } });
      }
      if (req.path === '/api/compose') {
        const name = `t4_${b36()}`;
        writes.push({ kind: 'message', to: String(f.get('to')), subject: String(f.get('subject')), text: String(f.get('text')), name });
        return ok({ json: { errors: [] } });
      }
      const thingId = String(f.get('thing_id'));
      const parent = inbox.find((c) => c.data.name === thingId) ?? posts.find((p) => p.name === thingId);
      if (!parent) return ok({ json: { errors: [['DELETED_COMMENT', 'that comment has been deleted', 'parent']] } });
      const id = b36();
      const link = /\/comments\/([a-z0-9]+)\//.exec(String((parent as { data?: { context?: string } }).data?.context ?? (parent as { permalink?: string }).permalink))?.[1];
      writes.push({ kind: 'comment', thingId, text: String(f.get('text')), name: `t1_${id}` });
      return ok({ json: { errors: [], data: { things: [{ kind: 't1', data: { id, name: `t1_${id}`, parent_id: thingId, link_id: `t3_${link}`, author: opts.username, body: f.get('text'), permalink: `/r/acme/comments/${link}/thread/${id}/` } }] } } });
    }
    return { status: 404, headers: rate(), body: { message: 'Not Found', error: 404 } };
  });

  return {
    url: server.url,
    tokenUrl: `${server.url}/api/v1/access_token`,
    requests: server.requests,
    writes,
    /** A comment that lands in the brand's inbox (a u/ mention or a reply). */
    publishComment(p: { author: string; body: string; type?: 'username_mention' | 'comment_reply' | 'post_reply'; parentId?: string; followers?: number; id?: string }) {
      const id = b36();
      const link = b36();
      if (p.followers !== undefined) subscribers.set(p.author, p.followers);
      const c: TComment = {
        kind: 't1',
        data: {
          id,
          name: `t1_${id}`,
          author: p.author,
          body: p.body,
          body_html: `&lt;div class="md"&gt;&lt;p&gt;${p.body}&lt;/p&gt;&lt;/div&gt;`,
          created_utc: Math.floor(opts.now().getTime() / 1000),
          parent_id: p.parentId ?? `t3_${link}`,
          context: `/r/acme/comments/${link}/my_order/${id}/?context=3`,
          subreddit: 'acme',
          subject: p.type === 'username_mention' || !p.type ? 'username mention' : 'comment reply',
          type: p.type ?? 'username_mention',
          was_comment: true,
          new: true,
          link_title: 'My order',
        },
      };
      inbox.push(c);
      return c;
    },
    /** A new post (for search). */
    publishPost(p: { author: string; title: string; selftext?: string }) {
      const id = b36();
      const post = { id, name: `t3_${id}`, author: p.author, title: p.title, selftext: p.selftext ?? '', created_utc: Math.floor(opts.now().getTime() / 1000), permalink: `/r/acme/comments/${id}/post/`, num_comments: 2, subreddit_subscribers: 1000 };
      posts.push(post);
      return post;
    },
    /** The window's budget is spent: the next response reports X-Ratelimit-Remaining 0. */
    exhaust() {
      rate();
      used = 599;
    },
    failNextWrite(f: TFailure) {
      if (f === 'revoked_token') revoked = true;
      else failNext = f;
    },
    /** The next write is refused in the body, as Reddit does (HTTP 200). */
    refuseNextWrite(code: string, message: string) {
      refusal = [code, message];
    },
    close: server.close,
  };
}
