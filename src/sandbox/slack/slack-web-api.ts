import { Hono, type Context } from 'hono';
import { parse as parseQuery } from 'node:querystring';
import { blockProblem, viewProblem } from './block-limits.js';
import { fileBytes } from './upload-bytes.js';
import { ChannelRateLimit } from './channel-rate-limit.js';
import type { TriggerBook } from './triggers.js';
import type { SlackWorkspace, TBlocks } from './workspace.js';

export interface TSlackWebApiOptions {
  /** The bot token the sandbox issued; anything else is `invalid_auth`, as at Slack. */
  token: string;
  now: () => number;
  triggers: TriggerBook;
  /** A post to a `response_url` the sandbox handed out with an interaction. */
  onResponseUrl: (id: string, body: Record<string, unknown>) => boolean;
}

type TArgs = Record<string, unknown>;
type TAnswer = { status?: number; body: Record<string, unknown>; headers?: Record<string, string> };

const ok = (body: Record<string, unknown> = {}): TAnswer => ({ body: { ok: true, ...body } });
const fail = (error: string, extra: Record<string, unknown> = {}): TAnswer => ({ body: { ok: false, error, ...extra } });

/**
 * The Slack Web API methods Earshot calls, on the sandbox workspace, with Slack's contract: form or JSON bodies, a
 * Bearer token, HTTP 200 with `ok:false` + `error` for refusals, HTTP 429 with Retry-After when a channel gets more
 * than about a message a second, and Block Kit validated at Slack's limits. Mounted at `/sandbox/slack`, so
 * `SLACK_API_URL` is `<base>/sandbox/slack/api/`.
 */
export function slackWebApi(ws: SlackWorkspace, opts: TSlackWebApiOptions): Hono {
  const app = new Hono();
  const limit = new ChannelRateLimit({ perSecond: 1, burst: 5, now: opts.now });

  const methods: Record<string, (a: TArgs, c: Context) => TAnswer> = {
    'auth.test': () => ok({ url: 'https://sandbox.earshot.local/', team: 'Earshot sandbox', user: 'earshot', team_id: 'T0SANDBOX', user_id: 'U0EARSHOT', bot_id: 'B0EARSHOT', is_enterprise_install: false }),
    'chat.postMessage': (a) => {
      const channel = String(a.channel ?? '');
      if (!ws.hasChannel(channel)) return fail('channel_not_found');
      const wait = limit.take(channel);
      if (wait > 0) return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(wait) } };
      const blocks = asBlocks(a.blocks);
      const problem = blockProblem(blocks, 50);
      if (problem) return fail('invalid_blocks', { errors: [problem] });
      const thread = a.thread_ts ? String(a.thread_ts) : undefined;
      if (thread && !ws.find(channel, thread)) return fail('thread_not_found');
      if (!a.text && !blocks?.length) return fail('no_text');
      const ts = ws.nextTs();
      ws.messages.push({
        channel,
        ts,
        text: String(a.text ?? '').slice(0, 40_000),
        blocks: blocks ?? [],
        ...(thread && { thread_ts: thread, reply_broadcast: a.reply_broadcast === true || a.reply_broadcast === 'true' }),
        edits: 0,
      });
      ws.changed();
      return ok({ channel, ts, message: { type: 'message', text: a.text, ts, bot_id: 'B0EARSHOT' } });
    },
    'chat.update': (a) => {
      const m = ws.find(String(a.channel ?? ''), String(a.ts ?? ''));
      if (!m) return fail('message_not_found');
      const blocks = asBlocks(a.blocks);
      const problem = blockProblem(blocks, 50);
      if (problem) return fail('invalid_blocks', { errors: [problem] });
      if (a.text !== undefined) m.text = String(a.text).slice(0, 40_000);
      if (blocks) m.blocks = blocks;
      m.edits += 1;
      ws.changed();
      return ok({ channel: m.channel, ts: m.ts, text: m.text });
    },
    'chat.postEphemeral': (a) => {
      const channel = String(a.channel ?? '');
      if (!ws.hasChannel(channel)) return fail('channel_not_found');
      if (!a.user) return fail('user_not_found');
      const blocks = asBlocks(a.blocks) ?? [];
      const ts = ws.nextTs();
      ws.ephemerals.push({ id: ws.nextId('E'), channel, user: String(a.user), text: String(a.text ?? ''), blocks, ts, ...(a.thread_ts ? { thread_ts: String(a.thread_ts) } : {}) });
      ws.changed();
      return ok({ message_ts: ts });
    },
    'conversations.open': (a) => {
      const user = String(a.users ?? '').split(',')[0] ?? '';
      if (!user) return fail('users_list_not_supplied');
      return ok({ channel: { id: ws.dmOf(user) } });
    },
    // Top-level messages (and broadcast replies), newest first, paged by an opaque cursor as Slack does.
    'conversations.history': (a) => {
      const channel = String(a.channel ?? '');
      if (!ws.hasChannel(channel)) return fail('channel_not_found');
      const pageSize = Math.min(Math.max(Number(a.limit ?? 100) || 100, 1), 999);
      const from = a.cursor ? Number(Buffer.from(String(a.cursor), 'base64').toString().replace('offset:', '')) || 0 : 0;
      const all = ws.messages.filter((m) => m.channel === channel && (!m.thread_ts || m.reply_broadcast)).reverse();
      const page = all.slice(from, from + pageSize);
      const more = from + pageSize < all.length;
      return ok({
        messages: page.map((m) => ({ type: 'message', ts: m.ts, text: m.text, blocks: m.blocks, ...(m.user ? { user: m.user } : { bot_id: 'B0EARSHOT' }), ...(m.thread_ts && { thread_ts: m.thread_ts }) })),
        has_more: more,
        response_metadata: { next_cursor: more ? Buffer.from(`offset:${from + pageSize}`).toString('base64') : '' },
      });
    },
    'files.getUploadURLExternal': (a, c) => {
      if (!a.filename || !Number(a.length)) return fail('invalid_arguments');
      const id = ws.nextId('F');
      ws.files.set(id, { id, name: String(a.filename), title: String(a.filename), bytes: null, contentType: 'application/octet-stream' });
      return ok({ upload_url: `${new URL(c.req.url).origin}/sandbox/slack/upload/${id}`, file_id: id });
    },
    'files.completeUploadExternal': (a) => {
      let list: { id: string; title?: string }[];
      try {
        list = JSON.parse(String(a.files ?? '[]')) as { id: string; title?: string }[];
      } catch {
        return fail('invalid_arguments');
      }
      const channel = a.channel_id ? String(a.channel_id) : undefined;
      if (channel && !ws.hasChannel(channel)) return fail('channel_not_found');
      const shared: { id: string; title: string; name: string }[] = [];
      for (const f of list) {
        const file = ws.files.get(f.id);
        if (!file?.bytes) return fail('file_not_found');
        file.title = f.title ?? file.name;
        shared.push({ id: file.id, title: file.title, name: file.name });
      }
      // Slack shares the files into the channel as a message of their own.
      if (channel) {
        ws.messages.push({ channel, ts: ws.nextTs(), text: String(a.initial_comment ?? ''), blocks: [], files: shared, edits: 0 });
        ws.changed();
      }
      return ok({ files: shared.map((f) => ({ id: f.id, title: f.title })) });
    },
    'views.open': (a) => openView(a, 'open'),
    'views.push': (a) => openView(a, 'push'),
    'views.update': (a) => {
      const m = ws.modalById(String(a.view_id ?? ''));
      if (!m) return fail('not_found');
      if (a.hash && a.hash !== m.hash) return fail('hash_conflict');
      const view = asObject(a.view);
      if (!view) return fail('invalid_arguments');
      const problem = viewProblem(view);
      if (problem) return fail('invalid_arguments', { response_metadata: { messages: [problem] } });
      m.view = view;
      m.hash = ws.nextId('h');
      m.errors = {};
      ws.changed();
      return ok({ view: { id: m.id, hash: m.hash, ...view } });
    },
  };

  function openView(a: TArgs, how: 'open' | 'push'): TAnswer {
    const user = opts.triggers.use(String(a.trigger_id ?? ''));
    if (!user) return fail('expired_trigger_id');
    const view = asObject(a.view);
    if (!view) return fail('invalid_arguments');
    const problem = viewProblem(view);
    if (problem) return fail('invalid_arguments', { response_metadata: { messages: [problem] } });
    const stack = ws.modals.get(user) ?? [];
    // views.open starts a new modal; Slack allows three views on a stack.
    if (how === 'open') stack.length = 0;
    else if (!stack.length) return fail('not_found');
    else if (stack.length >= 3) return fail('push_limit_reached');
    const modal = { id: ws.nextId('V'), hash: ws.nextId('h'), user, view, errors: {} };
    stack.push(modal);
    ws.modals.set(user, stack);
    ws.changed();
    return ok({ view: { id: modal.id, hash: modal.hash, ...view } });
  }

  app.post('/api/:method', async (c) => {
    const method = c.req.param('method');
    const handler = methods[method];
    const args = parseArgs(await c.req.text(), c.req.header('content-type'));
    const token = c.req.header('authorization')?.replace(/^Bearer /, '') ?? (typeof args.token === 'string' ? args.token : '');
    const answer = !handler ? fail('unknown_method') : token !== opts.token ? fail('invalid_auth') : handler(args, c);
    return c.json(answer.body, (answer.status ?? 200) as 200, answer.headers ?? {});
  });

  // Slack's upload URL takes the raw bytes (or a multipart form) and answers in plain text.
  app.post('/upload/:id', async (c) => {
    const file = ws.files.get(c.req.param('id'));
    if (!file) return c.text('file not found', 404);
    const raw = Buffer.from(await c.req.arrayBuffer());
    file.bytes = fileBytes(raw, c.req.header('content-type') ?? '');
    file.contentType = sniffType(file.bytes, file.name);
    return c.text(`OK - ${raw.length}`);
  });

  app.post('/response/:id', async (c) => {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await c.req.text()) as Record<string, unknown>;
    } catch {
      return c.json({ ok: false, error: 'invalid_payload' }, 400);
    }
    return opts.onResponseUrl(c.req.param('id'), body) ? c.json({ ok: true }) : c.json({ ok: false, error: 'expired_url' }, 404);
  });
  return app;
}

function parseArgs(raw: string, contentType: string | undefined): TArgs {
  let args: TArgs;
  try {
    args = contentType?.includes('json') ? (JSON.parse(raw || '{}') as TArgs) : { ...parseQuery(raw) };
  } catch {
    return {};
  }
  for (const key of ['blocks', 'view']) {
    if (typeof args[key] === 'string') {
      try {
        args[key] = JSON.parse(args[key] as string);
      } catch {
        args[key] = null;
      }
    }
  }
  return args;
}

const asBlocks = (v: unknown): TBlocks | undefined => (Array.isArray(v) ? (v as TBlocks) : undefined);
const asObject = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/** Only images the page can show inline get an image type; everything else downloads as bytes. */
function sniffType(bytes: Buffer, name: string): string {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return name.endsWith('.txt') ? 'text/plain; charset=utf-8' : 'application/octet-stream';
}
