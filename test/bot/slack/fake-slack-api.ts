import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { blockProblem, viewProblem } from '../../../src/sandbox/slack/block-limits.js';
import { ChannelRateLimit } from '../../../src/sandbox/slack/channel-rate-limit.js';
import { fileBytes } from '../../../src/sandbox/slack/upload-bytes.js';

/** What the fake holds: messages per channel as Slack would show them, and every call made. */
export interface TFakeMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: Record<string, unknown>[];
  thread_ts?: string;
  reply_broadcast?: boolean;
  updates: number;
}

type TFailure = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

export const FAKE_BOT_TOKEN = 'xoxb-test-0000-earshot';
/** The app-level token `apps.connections.open` takes (Socket Mode). */
export const FAKE_APP_TOKEN = 'xapp-1-A0EARSHOT-0000-socketsecret';

/**
 * A local stand-in for Slack's Web API, following its documented shapes: form or JSON bodies, a Bearer token,
 * HTTP 200 with `ok:false` + `error` for refusals, HTTP 429 with Retry-After for rate limits, and Block Kit
 * validation (`invalid_blocks`) at the documented limits, so renderers that break a limit fail here too.
 */
export async function startFakeSlack(opts: { channels?: string[]; socket?: { openUrl(): string }; channelRate?: { perSecond: number; burst: number } } = {}) {
  const channels = new Set(opts.channels ?? ['C07SOCIAL01', 'C07NETOPS01', 'C07BILLING1', 'C07SALES001']);
  const messages: TFakeMessage[] = [];
  const ephemerals: { channel: string; user: string; text: string; thread_ts?: string }[] = [];
  const views: { id: string; hash: string; view: Record<string, unknown>; trigger_id?: string }[] = [];
  const responses: { path: string; body: Record<string, unknown> }[] = [];
  const calls: { method: string; args: Record<string, unknown> }[] = [];
  const uploads = new Map<string, { filename: string; bytes: Buffer | null }>();
  const files: { id: string; channel: string; title: string; filename: string; bytes: Buffer }[] = [];
  const failures = new Map<string, TFailure[]>();
  const validTriggers = new Set<string>();
  const lostAnswers = new Set<string>();
  // Slack's per-channel posting limit, when a test asks for it: posts over it get 429 + Retry-After, counted per channel.
  const channelLimit = opts.channelRate && new ChannelRateLimit({ ...opts.channelRate, now: Date.now });
  const rateLimited = new Map<string, number>();
  /** Every post Slack accepted, with the wall-clock time it did. */
  const posts: { channel: string; ts: string; at: number }[] = [];
  /** chat.postMessage calls held unanswered (and not carried out), as when Slack hangs; their sockets die with the caller. */
  let stallPosts = false;
  const stalled: ServerResponse[] = [];
  let seq = 1_700_000_000;
  let base = '';

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };

  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const rawBytes = await new Promise<Buffer>((r) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => r(Buffer.concat(chunks)));
    });
    const raw = rawBytes.toString('utf8');
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (path.startsWith('/upload/')) {
      // Slack's upload URL takes the raw file bytes and answers with plain text.
      const up = uploads.get(path.slice('/upload/'.length));
      if (!up) return send(res, 404, { ok: false });
      up.bytes = fileBytes(rawBytes, String(req.headers['content-type'] ?? ''));
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end(`OK - ${rawBytes.length}`);
    }
    if (path.startsWith('/response/')) {
      responses.push({ path, body: JSON.parse(raw) as Record<string, unknown> });
      return send(res, 200, { ok: true });
    }
    const method = path.replace(/^\/api\//, '');
    const args = parseArgs(raw, req.headers['content-type']);
    calls.push({ method, args });
    if (method === 'chat.postMessage' && stallPosts) return void stalled.push(res);
    if (method === 'chat.postMessage' && channelLimit) {
      const wait = channelLimit.take(String(args.channel));
      if (wait > 0) {
        rateLimited.set(String(args.channel), (rateLimited.get(String(args.channel)) ?? 0) + 1);
        return send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(wait) });
      }
    }
    const queued = failures.get(method)?.shift();
    if (queued) return send(res, queued.status, queued.body, queued.headers);
    if (lostAnswers.has(method)) {
      // Slack did the work, but the connection dropped before its answer reached the caller.
      lostAnswers.delete(method);
      const handler = METHODS[method];
      if (handler) handler(args, { ok: () => undefined, fail: () => undefined });
      return req.socket.destroy();
    }
    if (method === 'apps.connections.open') {
      // Only an app-level token may open a Socket Mode connection; Slack answers a bot token with not_allowed_token_type.
      if (req.headers.authorization === `Bearer ${FAKE_BOT_TOKEN}`) return send(res, 200, { ok: false, error: 'not_allowed_token_type' });
      if (req.headers.authorization !== `Bearer ${FAKE_APP_TOKEN}`) return send(res, 200, { ok: false, error: 'invalid_auth' });
      if (!opts.socket) return send(res, 200, { ok: false, error: 'unknown_method' });
      return send(res, 200, { ok: true, url: opts.socket.openUrl() });
    }
    if (req.headers.authorization !== `Bearer ${FAKE_BOT_TOKEN}`) return send(res, 200, { ok: false, error: 'invalid_auth' });
    const fail = (error: string, extra: Record<string, unknown> = {}) => send(res, 200, { ok: false, error, ...extra });
    const handler = METHODS[method];
    if (!handler) return fail('unknown_method');
    return handler(args, { ok: (body) => send(res, 200, { ok: true, ...body }), fail });
  });

  type TReply = { ok: (body: Record<string, unknown>) => void; fail: (error: string, extra?: Record<string, unknown>) => void };
  const METHODS: Record<string, (a: Record<string, unknown>, r: TReply) => void> = {
    'chat.postMessage': (a, r) => {
      const channel = String(a.channel);
      if (!channels.has(channel) && !channel.startsWith('D')) return r.fail('channel_not_found');
      const problem = blockProblem(a.blocks, 50);
      if (problem) return r.fail('invalid_blocks', { errors: [problem] });
      if (a.thread_ts && !messages.some((m) => m.channel === channel && m.ts === a.thread_ts)) return r.fail('thread_not_found');
      const ts = `${seq++}.000100`;
      messages.push({
        channel,
        ts,
        text: String(a.text ?? '').slice(0, 40_000),
        blocks: (a.blocks as Record<string, unknown>[]) ?? [],
        ...(a.thread_ts ? { thread_ts: String(a.thread_ts), reply_broadcast: a.reply_broadcast === true || a.reply_broadcast === 'true' } : {}),
        updates: 0,
      });
      posts.push({ channel, ts, at: Date.now() });
      r.ok({ channel, ts, message: { text: a.text, ts } });
    },
    'chat.update': (a, r) => {
      const m = messages.find((x) => x.channel === a.channel && x.ts === a.ts);
      if (!m) return r.fail('message_not_found');
      const problem = blockProblem(a.blocks, 50);
      if (problem) return r.fail('invalid_blocks', { errors: [problem] });
      m.text = String(a.text ?? '');
      m.blocks = (a.blocks as Record<string, unknown>[]) ?? [];
      m.updates += 1;
      r.ok({ channel: m.channel, ts: m.ts });
    },
    'chat.postEphemeral': (a, r) => {
      if (!channels.has(String(a.channel))) return r.fail('channel_not_found');
      ephemerals.push({ channel: String(a.channel), user: String(a.user), text: String(a.text), ...(a.thread_ts ? { thread_ts: String(a.thread_ts) } : {}) });
      r.ok({ message_ts: `${seq++}.000200` });
    },
    'auth.test': (_a, r) => r.ok({ url: 'https://acme.slack.com/', team: 'Acme', user: 'earshot', team_id: 'T0EARSHOT', user_id: 'U0EARSHOT', bot_id: 'B0EARSHOT', is_enterprise_install: false }),
    'files.getUploadURLExternal': (a, r) => {
      if (!a.filename || !a.length) return r.fail('invalid_arguments');
      const id = `F${seq++}`;
      uploads.set(id, { filename: String(a.filename), bytes: null });
      r.ok({ upload_url: `${base}/upload/${id}`, file_id: id });
    },
    'files.completeUploadExternal': (a, r) => {
      const list = JSON.parse(String(a.files)) as { id: string; title?: string }[];
      for (const f of list) {
        const up = uploads.get(f.id);
        if (!up?.bytes) return r.fail('file_not_found');
        files.push({ id: f.id, channel: String(a.channel_id), title: f.title ?? '', filename: up.filename, bytes: up.bytes });
      }
      r.ok({ files: list.map((f) => ({ id: f.id, title: f.title })) });
    },
    'conversations.open': (a, r) => r.ok({ channel: { id: `D${String(a.users).replace(/^U/, '')}` } }),
    // Top-level messages (and broadcast thread replies), newest first, paged by an opaque cursor as Slack does.
    'conversations.history': (a, r) => {
      const channel = String(a.channel);
      if (!channels.has(channel)) return r.fail('channel_not_found');
      const limit = Math.min(Number(a.limit ?? 100), 999);
      const from = a.cursor ? Number(Buffer.from(String(a.cursor), 'base64').toString().replace('offset:', '')) : 0;
      const all = messages.filter((m) => m.channel === channel && (!m.thread_ts || m.reply_broadcast)).reverse();
      const page = all.slice(from, from + limit);
      const more = from + limit < all.length;
      r.ok({
        messages: page.map((m) => ({ type: 'message', ts: m.ts, text: m.text, blocks: m.blocks, bot_id: 'B0EARSHOT', ...(m.thread_ts && { thread_ts: m.thread_ts }) })),
        has_more: more,
        response_metadata: { next_cursor: more ? Buffer.from(`offset:${from + limit}`).toString('base64') : '' },
      });
    },
    'views.open': (a, r) => {
      const trigger = String(a.trigger_id ?? '');
      if (!validTriggers.has(trigger)) return r.fail('expired_trigger_id');
      validTriggers.delete(trigger);
      const view = a.view as Record<string, unknown>;
      const problem = viewProblem(view);
      if (problem) return r.fail('invalid_arguments', { response_metadata: { messages: [problem] } });
      const v = { id: `V${seq++}`, hash: `h${seq}`, view, trigger_id: trigger };
      views.push(v);
      r.ok({ view: { id: v.id, hash: v.hash, ...view } });
    },
    'views.update': (a, r) => {
      const v = views.find((x) => x.id === a.view_id);
      if (!v) return r.fail('not_found');
      if (a.hash && a.hash !== v.hash) return r.fail('hash_conflict');
      const view = a.view as Record<string, unknown>;
      const problem = viewProblem(view);
      if (problem) return r.fail('invalid_arguments', { response_metadata: { messages: [problem] } });
      v.view = view;
      v.hash = `h${seq++}`;
      r.ok({ view: { id: v.id, hash: v.hash, ...view } });
    },
  };

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id = 'r1') => `${base}/response/${id}`,
    messages,
    ephemerals,
    views,
    responses,
    calls,
    files,
    /** A trigger_id Slack would hand to an interaction (valid once, as in Slack). */
    trigger(id = `trig-${seq++}`) {
      validTriggers.add(id);
      return id;
    },
    /** The next call to `method` answers like this (e.g. a 429 with Retry-After). */
    failNext(method: string, failure: TFailure) {
      failures.set(method, [...(failures.get(method) ?? []), failure]);
    },
    /** The next call to `method` takes effect at Slack, but its answer never arrives (the connection drops). */
    loseNextAnswer(method: string) {
      lostAnswers.add(method);
    },
    posts,
    /** 429s answered per channel under `channelRate`. */
    rateLimited,
    stalled,
    /** While on, chat.postMessage calls hang unanswered and post nothing. */
    stallPosts(on: boolean) {
      stallPosts = on;
    },
    /** The hanging calls' connections drop (Slack did nothing). */
    dropStalled() {
      for (const s of stalled.splice(0)) s.destroy();
    },
    rateLimitNext(method: string, retryAfterSeconds: number) {
      this.failNext(method, { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(retryAfterSeconds) } });
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of stalled.splice(0)) s.destroy();
        server.close(() => r());
      }),
  };
}

function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  const args: Record<string, unknown> = contentType?.includes('json') ? (JSON.parse(raw || '{}') as Record<string, unknown>) : { ...parseQuery(raw) };
  for (const key of ['blocks', 'view', 'attachments']) {
    if (typeof args[key] === 'string') args[key] = JSON.parse(args[key] as string);
  }
  return args;
}
