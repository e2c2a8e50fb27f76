import { randomBytes } from 'node:crypto';
import type { TFailure } from '../contract.js';
import { startJsonServer, type TFakeRequest, type TFakeResponse } from './json-http-server.js';

const CHAT_PROXY = 'did:web:api.bsky.chat#bsky_chat';
const B32 = '234567abcdefghijklmnopqrstuvwxyz';
const graphemes = (s: string) => [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(s)].length;

interface TUser {
  did: string;
  handle: string;
  displayName?: string;
  followersCount: number;
  verified?: boolean;
  chatDisabled?: boolean;
}
interface TRef {
  uri: string;
  cid: string;
}
interface TRecord {
  $type: 'app.bsky.feed.post';
  text: string;
  createdAt: string;
  langs?: string[];
  reply?: { root: TRef; parent: TRef };
  facets?: { index: { byteStart: number; byteEnd: number }; features: { $type: string; did?: string; uri?: string; tag?: string }[] }[];
}
interface TPost {
  uri: string;
  cid: string;
  author: TUser;
  record: TRecord;
  indexedAt: string;
  replyDisabled?: boolean;
  likeCount: number;
}

/** A brand write the fake accepted: a post (createRecord) or a chat message. */
export type TBlueskyWrite = { kind: 'post'; uri: string; record: TRecord } | { kind: 'chat'; member: string; text: string; id: string };

/**
 * A fake Bluesky PDS + AppView + chat service following docs.bsky.app: createSession / refreshSession with
 * JWT tokens that expire (400 ExpiredToken), XRPC `{"error","message"}` bodies, newest-first cursors,
 * chat.bsky.* only through the `atproto-proxy` header, and `ratelimit-*` headers (reset in Unix seconds).
 */
export async function startFakeBluesky(opts: { handle: string; appPassword: string; now: () => Date; accessTtlMs?: number }) {
  let seq = 0;
  const nowSec = () => Math.floor(opts.now().getTime() / 1000);
  const brand: TUser = { did: 'did:plc:acmebrand7x2kq4v5mn3a', handle: opts.handle, displayName: 'ACME', followersCount: 9000 };
  const users = new Map<string, TUser>([[brand.did, brand]]);
  const posts = new Map<string, TPost>();
  const notifications: (TPost & { reason: string; isRead: boolean })[] = [];
  const access = new Map<string, number>();
  const refresh = new Map<string, number>();
  const writes: TBlueskyWrite[] = [];
  const convos = new Map<string, string>();
  let revoked = false;
  let failNext: TFailure | null = null;

  const tid = () => {
    let n = BigInt(opts.now().getTime()) * 1000n + BigInt(seq++);
    let s = '';
    for (let i = 0; i < 13; i++) {
      s = B32[Number(n & 31n)] + s;
      n >>= 5n;
    }
    return s;
  };
  const cid = () => 'bafyrei' + [...randomBytes(26)].map((b) => B32[b & 31]).join('');
  const jwt = (scope: string, ttlMs: number) => {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    return `${enc({ alg: 'ES256K', typ: 'at+jwt' })}.${enc({ scope, sub: brand.did, iat: nowSec(), exp: nowSec() + Math.floor(ttlMs / 1000), jti: randomBytes(6).toString('hex') })}.${randomBytes(16).toString('base64url')}`;
  };
  function newSession() {
    const a = jwt('com.atproto.appPass', opts.accessTtlMs ?? 2 * 3600_000);
    const r = jwt('com.atproto.refresh', 90 * 86400_000);
    access.set(a, opts.now().getTime() + (opts.accessTtlMs ?? 2 * 3600_000));
    refresh.set(r, opts.now().getTime() + 90 * 86400_000);
    return { status: 200, headers: rate(), body: { accessJwt: a, refreshJwt: r, did: brand.did, handle: brand.handle, active: true } };
  }
  function rate(remaining = 2999, limit = 3000, windowS = 300): Record<string, string> {
    return { 'ratelimit-limit': String(limit), 'ratelimit-remaining': String(remaining), 'ratelimit-reset': String(nowSec() + windowS), 'ratelimit-policy': `${limit};w=${windowS}` };
  }
  const err = (status: number, error: string, message: string, headers = rate()): TFakeResponse => ({ status, headers, body: { error, message } });
  const view = (p: TPost) => ({
    uri: p.uri,
    cid: p.cid,
    author: { did: p.author.did, handle: p.author.handle, displayName: p.author.displayName },
    record: p.record,
    indexedAt: p.indexedAt,
    likeCount: p.likeCount,
    repostCount: 0,
    replyCount: 0,
    viewer: { replyDisabled: p.replyDisabled ?? false },
  });
  function pageOf<T>(list: T[], req: TFakeRequest) {
    const limit = Math.min(Number(req.query.get('limit') ?? 50), 100);
    const start = Number(req.query.get('cursor') ?? 0);
    const items = list.slice(start, start + limit);
    return { items, cursor: start + limit < list.length ? String(start + limit) : undefined };
  }
  function user(handle: string, followers = 10, extra: Partial<TUser> = {}): TUser {
    const found = [...users.values()].find((u) => u.handle === handle);
    if (found) return Object.assign(found, extra);
    const u: TUser = { did: `did:plc:${handle.replace(/[^a-z0-9]/gi, '').toLowerCase().slice(0, 20)}${users.size}`, handle, displayName: handle.split('.')[0], followersCount: followers, ...extra };
    users.set(u.did, u);
    return u;
  }

  function authed(req: TFakeRequest): TFakeResponse | null {
    const token = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    if (!token) return err(401, 'AuthenticationRequired', 'Authentication Required');
    if (revoked) return err(401, 'InvalidToken', 'Token has been revoked');
    const exp = access.get(token);
    if (exp === undefined) return err(401, 'InvalidToken', 'Token could not be verified');
    if (exp <= opts.now().getTime()) return err(400, 'ExpiredToken', 'Token has expired');
    return null;
  }

  function writeFailure(f: TFailure): TFakeResponse {
    if (f === 'rate_limited') return err(429, 'RateLimitExceeded', 'Rate Limit Exceeded', rate(0, 5000, 1800));
    if (f === 'server_error') return err(500, 'InternalServerError', 'Internal Server Error');
    throw new Error(`${f} is applied to state, not returned`);
  }

  /** The lexicon's checks on app.bsky.richtext.facet, as the PDS applies them to a record. */
  function invalidFacets(record: { text?: unknown; facets?: unknown } | undefined): string | null {
    if (record?.facets === undefined) return null;
    if (!Array.isArray(record.facets)) return 'Record/facets must be an array';
    const bytes = Buffer.byteLength(String(record.text ?? ''));
    for (const [i, f] of (record.facets as TRecord['facets'] & object).entries()) {
      const { byteStart, byteEnd } = f?.index ?? ({} as { byteStart?: number; byteEnd?: number });
      if (!Number.isInteger(byteStart) || !Number.isInteger(byteEnd) || byteStart! < 0 || byteEnd! < byteStart! || byteEnd! > bytes) return `Record/facets/${i}/index is out of range`;
      if (!Array.isArray(f.features) || f.features.length === 0) return `Record/facets/${i}/features must not be empty`;
      for (const feat of f.features) {
        if (feat.$type === 'app.bsky.richtext.facet#mention' && !/^did:[a-z]+:/.test(String(feat.did))) return `Record/facets/${i}/features/0/did must be a valid did`;
        if (feat.$type === 'app.bsky.richtext.facet#link' && !/^[a-z][a-z0-9+.-]*:/i.test(String(feat.uri))) return `Record/facets/${i}/features/0/uri must be a valid uri`;
        if (feat.$type === 'app.bsky.richtext.facet#tag' && (typeof feat.tag !== 'string' || Buffer.byteLength(feat.tag) > 640)) return `Record/facets/${i}/features/0/tag must be a string of at most 640 bytes`;
      }
    }
    return null;
  }

  const server = await startJsonServer((req) => {
    const nsid = req.path.replace(/^\/xrpc\//, '');
    if (nsid === 'com.atproto.server.createSession') {
      const b = req.json();
      const id = String(b?.identifier ?? '');
      if (revoked || (id !== brand.handle && id !== brand.did) || b?.password !== opts.appPassword) return err(401, 'AuthenticationRequired', 'Invalid identifier or password');
      return newSession();
    }
    if (nsid === 'com.atproto.server.refreshSession') {
      const token = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
      if (revoked || !refresh.has(token)) return err(400, 'ExpiredToken', 'Token has been revoked');
      if (refresh.get(token)! <= opts.now().getTime()) return err(400, 'ExpiredToken', 'Token has expired');
      refresh.delete(token); // refresh tokens rotate
      return newSession();
    }
    const denied = authed(req);
    if (denied) return denied;
    if (nsid.startsWith('chat.bsky.') && req.headers['atproto-proxy'] !== CHAT_PROXY) return err(501, 'MethodNotImplemented', 'Method Not Implemented');
    switch (nsid) {
      case 'app.bsky.notification.listNotifications': {
        const reasons = req.query.getAll('reasons');
        const list = notifications.filter((n) => !reasons.length || reasons.includes(n.reason)).sort((a, b) => b.indexedAt.localeCompare(a.indexedAt));
        const { items, cursor } = pageOf(list, req);
        return { status: 200, headers: rate(), body: { notifications: items.map((n) => ({ ...view(n), reason: n.reason, isRead: n.isRead, labels: [] })), cursor, priority: false, seenAt: undefined } };
      }
      case 'app.bsky.feed.searchPosts': {
        const q = String(req.query.get('q') ?? '').toLowerCase();
        const list = [...posts.values()].filter((p) => p.record.text.toLowerCase().includes(q)).sort((a, b) => b.indexedAt.localeCompare(a.indexedAt));
        const { items, cursor } = pageOf(list, req);
        return { status: 200, headers: rate(), body: { posts: items.map(view), cursor, hitsTotal: list.length } };
      }
      case 'app.bsky.actor.getProfiles': {
        const profiles = req.query.getAll('actors').map((d) => users.get(d)).filter((u): u is TUser => !!u);
        return {
          status: 200,
          headers: rate(),
          body: { profiles: profiles.map((u) => ({ did: u.did, handle: u.handle, displayName: u.displayName, followersCount: u.followersCount, followsCount: 1, postsCount: 5, ...(u.verified ? { verification: { verifications: [], verifiedStatus: 'valid', trustedVerifierStatus: 'none' } } : {}) })) },
        };
      }
      case 'app.bsky.feed.getPosts': {
        const found = req.query.getAll('uris').map((u) => posts.get(u)).filter((p): p is TPost => !!p);
        return { status: 200, headers: rate(), body: { posts: found.map(view) } };
      }
      case 'com.atproto.identity.resolveHandle': {
        const handle = String(req.query.get('handle') ?? '').toLowerCase();
        const user = [...users.values()].find((u) => u.handle.toLowerCase() === handle);
        return user ? { status: 200, headers: rate(), body: { did: user.did } } : err(400, 'InvalidRequest', 'Unable to resolve handle');
      }
      case 'com.atproto.repo.createRecord': {
        if (failNext) return writeFailure(takeFailure());
        const b = req.json();
        const facetProblem = invalidFacets(b?.record);
        if (facetProblem) return err(400, 'InvalidRequest', `Invalid app.bsky.feed.post record: ${facetProblem}`);
        if (b?.repo !== brand.did) return err(400, 'InvalidRequest', 'Input/repo must be the authenticated account');
        if (b?.collection !== 'app.bsky.feed.post' || b?.record?.$type !== 'app.bsky.feed.post') return err(400, 'InvalidRequest', 'Invalid collection or record $type');
        const r = b.record as TRecord;
        if (typeof r.text !== 'string' || typeof r.createdAt !== 'string') return err(400, 'InvalidRequest', 'Invalid app.bsky.feed.post record: Record must have the properties "text" and "createdAt"');
        if (graphemes(r.text) > 300) return err(400, 'InvalidRequest', 'Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes');
        if (r.reply && !(r.reply.root?.uri && r.reply.root?.cid && r.reply.parent?.uri && r.reply.parent?.cid)) return err(400, 'InvalidRequest', 'Invalid app.bsky.feed.post record: Record/reply/root must have the properties "uri" and "cid"');
        const p = addPost(brand, r);
        writes.push({ kind: 'post', uri: p.uri, record: r });
        return { status: 200, headers: rate(4997, 5000, 3600), body: { uri: p.uri, cid: p.cid, commit: { cid: cid(), rev: tid() }, validationStatus: 'valid' } };
      }
      case 'chat.bsky.convo.getConvoForMembers': {
        const member = users.get(String(req.query.get('members')));
        if (!member) return err(400, 'InvalidRequest', 'Could not find the account');
        if (member.chatDisabled) return err(400, 'InvalidRequest', 'recipient has disabled incoming messages');
        const id = convos.get(member.did) ?? tid();
        convos.set(member.did, id);
        return { status: 200, headers: rate(), body: { convo: { id, rev: tid(), members: [brand, member].map((u) => ({ did: u.did, handle: u.handle })), muted: false, unreadCount: 0 } } };
      }
      case 'chat.bsky.convo.sendMessage': {
        if (failNext) return writeFailure(takeFailure());
        const b = req.json();
        const member = [...convos].find(([, id]) => id === b?.convoId)?.[0];
        if (!member) return err(400, 'InvalidRequest', 'Convo not found');
        const id = tid();
        writes.push({ kind: 'chat', member, text: String(b.message?.text ?? ''), id });
        return { status: 200, headers: rate(), body: { id, rev: tid(), text: b.message.text, sender: { did: brand.did }, sentAt: opts.now().toISOString() } };
      }
    }
    return err(501, 'MethodNotImplemented', 'Method Not Implemented');
  });

  function takeFailure(): TFailure {
    const f = failNext!;
    failNext = null;
    return f;
  }
  function addPost(author: TUser, record: TRecord, extra: Partial<TPost> = {}): TPost {
    const p: TPost = { uri: `at://${author.did}/app.bsky.feed.post/${tid()}`, cid: cid(), author, record, indexedAt: opts.now().toISOString(), likeCount: 0, ...extra };
    posts.set(p.uri, p);
    return p;
  }

  return {
    url: server.url,
    requests: server.requests,
    brand,
    writes,
    user,
    /** Someone mentions (or replies to) the brand: a post and its notification. */
    publish(p: { handle: string; text: string; reason?: 'mention' | 'reply' | 'like'; replyTo?: TPost; followers?: number; verified?: boolean; createdAt?: string; replyDisabled?: boolean; chatDisabled?: boolean; langs?: string[] }) {
      const author = user(p.handle, p.followers, { ...(p.verified !== undefined ? { verified: p.verified } : {}), ...(p.chatDisabled !== undefined ? { chatDisabled: p.chatDisabled } : {}) });
      const parentRef = p.replyTo ? { uri: p.replyTo.uri, cid: p.replyTo.cid } : undefined;
      const record: TRecord = {
        $type: 'app.bsky.feed.post',
        text: p.text,
        createdAt: p.createdAt ?? opts.now().toISOString(),
        ...(p.langs ? { langs: p.langs } : {}),
        ...(parentRef ? { reply: { root: p.replyTo!.record.reply?.root ?? parentRef, parent: parentRef } } : {}),
      };
      const post = addPost(author, record, { replyDisabled: p.replyDisabled, likeCount: 3 });
      notifications.push({ ...post, reason: p.reason ?? (p.replyTo ? 'reply' : 'mention'), isRead: false });
      return post;
    },
    /** A post by the brand itself (shows up in search; never notified). */
    publishOwn(text: string) {
      return addPost(brand, { $type: 'app.bsky.feed.post', text, createdAt: opts.now().toISOString() });
    },
    deletePost(uri: string) {
      posts.delete(uri);
    },
    failNextWrite(f: TFailure) {
      if (f === 'revoked_token') {
        revoked = true;
      } else if (f === 'deleted_post') {
        for (const p of posts.values()) if (p.author !== brand) posts.delete(p.uri);
      } else {
        failNext = f;
      }
    },
    close: server.close,
  };
}
