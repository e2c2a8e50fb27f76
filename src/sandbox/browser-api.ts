import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { TOrgChart } from '../config/org-chart-schema.js';
import { refusalFor } from '../intake/backpressure.js';
import type { TLogger } from '../log.js';
import type { ChangeFeed } from './change-feed.js';
import type { PlatformOutbox } from './platform-outbox.js';
import { RelayError, type SlackRelay } from './slack/slack-relay.js';
import type { SlackWorkspace } from './slack/workspace.js';
import type { TeamsRelay } from './teams/teams-relay.js';
import type { TeamsWorkspace } from './teams/teams-workspace.js';

export const CSRF_HEADER = 'x-sandbox-token';

export interface TBrowserApiDeps {
  chart: TOrgChart;
  feed: ChangeFeed;
  slack: { ws: SlackWorkspace; relay: SlackRelay };
  teams: { ws: TeamsWorkspace; relay: TeamsRelay };
  outbox: PlatformOutbox;
  log: TLogger;
  traffic: { start(ratePerMinute: number): void; stop(): void; status(): { running: boolean; sent: number } };
  /** Queues today's digest for a manager through the outbox, as the digests job would at their digest time. */
  sendDigest(memberId: string): Promise<void>;
}

const ZAs = z.string().min(1).max(64);
const ZValues = z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown())));
const ZAction = z.record(z.string(), z.unknown());
const BODIES = {
  slackAction: z.object({ as: ZAs, channel: z.string().max(64), ts: z.string().max(64), ephemeralId: z.string().max(64).optional(), action: ZAction }),
  viewAction: z.object({ as: ZAs, viewId: z.string().max(64), action: ZAction, values: ZValues }),
  submit: z.object({ as: ZAs, viewId: z.string().max(64), values: ZValues }),
  close: z.object({ as: ZAs, viewId: z.string().max(64) }),
  message: z.object({ as: ZAs, channel: z.string().max(64), text: z.string().min(1).max(4000), threadTs: z.string().max(64).optional() }),
  execute: z.object({ as: ZAs, channel: z.string().max(128), messageId: z.string().max(64), verb: z.string().max(128), data: z.record(z.string(), z.unknown()) }),
  fetchTask: z.object({ as: ZAs, channel: z.string().max(128), messageId: z.string().max(64), data: z.record(z.string(), z.unknown()) }),
  submitTask: z.object({ as: ZAs, channel: z.string().max(128), data: z.record(z.string(), z.unknown()) }),
  teamsMessage: z.object({ as: ZAs, channel: z.string().max(128), text: z.string().min(1).max(4000), threadRoot: z.string().max(64).optional() }),
  traffic: z.object({ action: z.enum(['start', 'stop']), rate: z.number().int().min(1).max(600).optional() }),
  digest: z.object({ as: ZAs }),
};

/**
 * What the sandbox page calls: the workspace as one person sees it (long-polled), and that person's actions,
 * which the relays turn into the requests Slack and Teams would send Earshot. Only same-origin scripts can call
 * it: every request must carry the page's token in a custom header (which a cross-site form or fetch cannot set
 * without a CORS preflight, which is refused).
 */
export function browserApi(deps: TBrowserApiDeps, token: string): Hono {
  const app = new Hono();
  const people = deps.chart.teams.flatMap((t) => t.members.map((m) => ({ ...m, team: t.id })));
  const person = (id: string) => {
    const p = people.find((m) => m.id === id);
    if (!p) throw new RelayError('unknown_member', `No one called "${id}" is in the org chart.`);
    return { slack: p.slackUserId!, aad: p.teamsUserId!, member: p };
  };

  app.use('*', async (c, next) => {
    if (c.req.header(CSRF_HEADER) !== token) return c.json({ error: 'This page is out of date or not the sandbox\'s own; reload it.' }, 403);
    await next();
  });

  app.get('/session', (c) =>
    c.json({
      organisation: deps.chart.organisation,
      members: deps.chart.teams.flatMap((t) =>
        t.members.map((m) => ({ id: m.id, name: m.name, team: t.id, teamName: t.name, role: m.role, needsApproval: m.needsApproval, manager: m.manager, slackUserId: m.slackUserId, teamsUserId: m.teamsUserId })),
      ),
      channels: deps.slack.ws.channels,
      teamsChannels: deps.teams.ws.channels,
      users: Object.fromEntries(deps.slack.ws.users),
    }),
  );

  app.get('/state', async (c) => {
    const since = Number(c.req.query('since') ?? -1);
    const as = c.req.query('as') ?? '';
    if (!people.some((m) => m.id === as)) return c.json({ error: `No one called "${as}" is in the org chart.` }, 400);
    await deps.feed.waitFor(Number.isFinite(since) ? since : -1, 25_000);
    const who = person(as);
    const dm = deps.slack.ws.dmOf(who.slack);
    const modal = deps.slack.ws.topModal(who.slack);
    return c.json({
      version: deps.feed.version,
      slack: {
        dm,
        messages: deps.slack.ws.messages.filter((m) => !m.channel.startsWith('D') || m.channel === dm),
        ephemerals: deps.slack.ws.ephemerals.filter((e) => e.user === who.slack),
        modal: modal ?? null,
        modalDepth: deps.slack.ws.modals.get(who.slack)?.length ?? 0,
      },
      teams: { messages: deps.teams.ws.messages.filter((m) => !m.channel.startsWith('a:')) },
      outbox: deps.outbox.entries.slice(-200),
      traffic: deps.traffic.status(),
    });
  });

  const route = <T extends z.ZodType>(path: string, schema: T, fn: (body: z.infer<T>) => Promise<unknown>) => {
    app.post(path, async (c: Context) => {
      const parsed = schema.safeParse(await c.req.json().catch(() => null));
      if (!parsed.success) return c.json({ error: `Bad request: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` }, 400);
      try {
        return c.json((await fn(parsed.data)) ?? { ok: true });
      } catch (err) {
        // Earshot's database is down: 503 + Retry-After, as every inbound endpoint answers then.
        if (err instanceof RelayError && err.retryAfterSeconds) return c.json({ error: err.message }, 503, { 'Retry-After': String(err.retryAfterSeconds) });
        if (err instanceof RelayError) return c.json({ error: err.message }, 409);
        const refused = refusalFor(err);
        if (refused) return c.json({ error: refused.message }, refused.status, { 'Retry-After': String(refused.retryAfterSeconds) });
        deps.log.error('sandbox: action failed', { path, error: err instanceof Error ? err.message : String(err) });
        return c.json({ error: 'That did not work; the server log says why.' }, 500);
      }
    });
  };

  route('/slack/action', BODIES.slackAction, (b) =>
    deps.slack.relay.messageAction({ user: person(b.as).slack, channel: b.channel, ts: b.ts, action: b.action, ...(b.ephemeralId && { ephemeralId: b.ephemeralId }) }),
  );
  route('/slack/view-action', BODIES.viewAction, (b) => deps.slack.relay.viewAction(person(b.as).slack, b.viewId, b.action, b.values));
  route('/slack/submit', BODIES.submit, (b) => deps.slack.relay.submitView(person(b.as).slack, b.viewId, b.values));
  route('/slack/close', BODIES.close, async (b) => deps.slack.relay.closeView(person(b.as).slack, b.viewId));
  route('/slack/message', BODIES.message, async (b) => {
    const user = person(b.as).slack;
    const command = /^(\/[a-z][\w-]*)(?:\s+([\s\S]*))?$/i.exec(b.text.trim());
    if (!command) return deps.slack.relay.postMessage(user, b.channel, b.text, b.threadTs).then(() => undefined);
    if (command[1]!.toLowerCase() !== '/social') {
      // What Slack itself answers for a command no installed app owns.
      deps.slack.ws.ephemerals.push({ id: deps.slack.ws.nextId('E'), channel: b.channel, user, text: `${command[1]} is not a valid command. In the sandbox, Earshot's command is /social.`, blocks: [], ts: deps.slack.ws.nextTs() });
      deps.slack.ws.changed();
      return undefined;
    }
    return deps.slack.relay.slashCommand(user, b.channel, '/social', command[2] ?? '');
  });
  route('/teams/execute', BODIES.execute, (b) => deps.teams.relay.execute(person(b.as).aad, b.messageId, b.channel, b.verb, b.data));
  route('/teams/fetch', BODIES.fetchTask, (b) => deps.teams.relay.fetchTask(person(b.as).aad, b.messageId, b.channel, b.data));
  route('/teams/submit', BODIES.submitTask, (b) => deps.teams.relay.submitTask(person(b.as).aad, b.channel, b.data));
  route('/teams/message', BODIES.teamsMessage, (b) => deps.teams.relay.say(person(b.as).aad, b.channel, b.text, b.threadRoot));
  route('/traffic', BODIES.traffic, async (b) => {
    if (b.action === 'start') deps.traffic.start(b.rate ?? 30);
    else deps.traffic.stop();
    return deps.traffic.status();
  });
  route('/digest', BODIES.digest, async (b) => {
    const p = person(b.as);
    if (!p.member.manager) throw new RelayError('not_a_manager', `${p.member.name} is not a manager; digests go to managers.`);
    await deps.sendDigest(p.member.id);
    return undefined;
  });
  return app;
}
