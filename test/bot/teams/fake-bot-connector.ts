import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One message as the fake Bot Connector holds it: what was posted, and every later update. */
export interface TFakeMessage {
  id: string;
  /** The conversation as addressed (a channel, `<channel>;messageid=<root>`, or a 1:1 chat id). */
  conversation: string;
  /** The channel or chat, without the thread suffix. */
  channel: string;
  /** The thread root this is a reply in, if any. */
  replyToId: string | null;
  activity: Record<string, any>;
  updates: number;
}

type TFailure = { status: number; code: string; message?: string; retryAfter?: string; method?: 'POST' | 'PUT' };

/**
 * A stand-in for the Bot Connector service (smba.trafficmanager.net), following its REST contract:
 * SendToConversation and ReplyToActivity answer 201 with a ResourceResponse `{id}`, UpdateActivity 200 `{id}`;
 * errors carry `{error:{code,message}}`; throttling is 429 with Retry-After; messages over ~100 KB get 413.
 */
export async function startFakeBotConnector() {
  const messages: TFakeMessage[] = [];
  const requests: { method: string; path: string; authorization: string | undefined }[] = [];
  const failures: TFailure[] = [];
  let seq = 1_700_000_000_000;

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push({ method: req.method ?? '', path: url.pathname, authorization: req.headers.authorization });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };
    const fail = failures.findIndex((f) => !f.method || f.method === req.method);
    if (fail >= 0) {
      const f = failures.splice(fail, 1)[0]!;
      return send(f.status, { error: { code: f.code, message: f.message ?? f.code } }, f.retryAfter ? { 'retry-after': f.retryAfter } : {});
    }
    const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/.exec(url.pathname);
    if (!m) return send(404, { error: { code: 'NotFound', message: `No route ${req.method} ${url.pathname}` } });
    const conversation = decodeURIComponent(m[1]!);
    const activityId = m[2] ? decodeURIComponent(m[2]) : null;
    if (Buffer.byteLength(raw) > 100 * 1024) return send(413, { error: { code: 'MessageSizeTooBig', message: 'Activity body too large' } });
    let activity: Record<string, any>;
    try {
      activity = JSON.parse(raw) as Record<string, any>;
    } catch {
      return send(400, { error: { code: 'BadArgument', message: 'Invalid JSON' } });
    }
    const channel = conversation.split(';messageid=')[0]!;
    if (req.method === 'POST') {
      // Typing indicators and other non-message activities are accepted but not kept.
      const id = String(seq++);
      // A thread is named by its root: the conversation's messageid when present, else the activity replied to.
      const root = /;messageid=(\d+)/.exec(conversation)?.[1] ?? activityId;
      if (activity.type === 'message') messages.push({ id, conversation, channel, replyToId: root, activity, updates: 0 });
      return send(201, { id });
    }
    if (req.method === 'PUT' && activityId) {
      const msg = messages.find((x) => x.id === activityId && x.channel === channel);
      if (!msg) return send(404, { error: { code: 'ActivityNotFound', message: 'The activity does not exist' } });
      msg.activity = activity;
      msg.updates += 1;
      return send(200, { id: activityId });
    }
    return send(405, { error: { code: 'MethodNotAllowed', message: String(req.method) } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    messages,
    requests,
    /** The next matching call fails like Teams would. */
    failNext: (f: TFailure) => failures.push(f),
    /** Top-level posts in a channel or chat (not thread replies). */
    posts: (channel: string) => messages.filter((x) => x.channel === channel && !x.replyToId),
    threadOf: (root: TFakeMessage) => messages.filter((x) => x.replyToId === root.id),
    cardOf: (msg: TFakeMessage) => msg.activity.attachments?.[0]?.content as Record<string, any>,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type TFakeBotConnector = Awaited<ReturnType<typeof startFakeBotConnector>>;
