import { Hono } from 'hono';
import type { TeamsWorkspace } from './teams-workspace.js';

const MAX_ACTIVITY_BYTES = 100 * 1024;

/**
 * The Bot Connector REST calls Earshot's Teams surface (and botbuilder, inside a turn) makes, on the sandbox's
 * Teams workspace, following the service's contract: SendToConversation and ReplyToActivity answer 201 with
 * `{id}`, UpdateActivity 200 `{id}`, errors are `{error:{code,message}}`, an activity over ~100 KB is 413
 * `MessageSizeTooBig`. Mounted at `/sandbox/teams`, which is the serviceUrl of every activity the sandbox sends.
 */
export function botConnectorApi(ws: TeamsWorkspace): Hono {
  const app = new Hono();
  const error = (status: number, code: string, message: string) =>
    new Response(JSON.stringify({ error: { code, message } }), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

  const read = async (req: Request): Promise<Record<string, unknown> | Response> => {
    const raw = await req.text();
    if (Buffer.byteLength(raw) > MAX_ACTIVITY_BYTES) return error(413, 'MessageSizeTooBig', 'Activity body too large');
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return error(400, 'BadArgument', 'Invalid JSON');
    }
  };

  const post = async (conversation: string, replyTo: string | null, req: Request) => {
    const activity = await read(req);
    if (activity instanceof Response) return activity;
    const channel = conversation.split(';messageid=')[0]!;
    if (!ws.channels.some((c) => c.id === channel) && !channel.startsWith('a:')) return error(404, 'ConversationNotFound', 'Conversation not found.');
    const id = ws.nextId();
    // A thread is named by its root: the conversation's messageid when present, else the activity replied to.
    const root = /;messageid=([^;]+)/.exec(conversation)?.[1] ?? replyTo;
    // Typing indicators and other non-message activities are accepted but not shown.
    if (activity.type === 'message') {
      ws.messages.push({ id, channel, replyToId: root && ws.find(channel, root) ? root : null, activity, updates: 0 });
      ws.changed();
    }
    return Response.json({ id }, { status: 201 });
  };

  app.post('/v3/conversations/:conversation/activities', (c) => post(c.req.param('conversation'), null, c.req.raw));
  app.post('/v3/conversations/:conversation/activities/:activityId', (c) => post(c.req.param('conversation'), c.req.param('activityId'), c.req.raw));
  app.put('/v3/conversations/:conversation/activities/:activityId', async (c) => {
    const activity = await read(c.req.raw);
    if (activity instanceof Response) return activity;
    const channel = c.req.param('conversation').split(';messageid=')[0]!;
    const msg = ws.find(channel, c.req.param('activityId'));
    if (!msg) return error(404, 'ActivityNotFound', 'The activity does not exist');
    msg.activity = activity;
    msg.updates += 1;
    ws.changed();
    return c.json({ id: msg.id });
  });
  app.delete('/v3/conversations/:conversation/activities/:activityId', (c) => {
    const channel = c.req.param('conversation').split(';messageid=')[0]!;
    const i = ws.messages.findIndex((m) => m.channel === channel && m.id === c.req.param('activityId'));
    if (i < 0) return error(404, 'ActivityNotFound', 'The activity does not exist');
    ws.messages.splice(i, 1);
    ws.changed();
    return c.body(null, 200);
  });
  app.all('*', (c) => error(404, 'NotFound', `No route ${c.req.method} ${new URL(c.req.url).pathname}`));
  return app;
}
