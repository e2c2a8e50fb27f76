import { Hono, type Context } from 'hono';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { TConnector } from '../connectors/connector.js';
import type { TOrgChart } from '../config/org-chart-schema.js';
import { startFeeder, type TFeeder } from '../demo/feeder.js';
import { loadSampleTraffic } from '../demo/sample-traffic.js';
import type { TLogger } from '../log.js';
import type { TMention, TPlatform } from '../mention.js';
import { enqueue } from '../outbox/enqueue.js';
import type { TDb } from '../store/client.js';
import { transact } from '../store/transaction-retry.js';
import { browserApi } from './browser-api.js';
import { ChangeFeed } from './change-feed.js';
import { pageRoutes } from './page-routes.js';
import { PlatformOutbox } from './platform-outbox.js';
import { sandboxOrgChart } from './sandbox-org-chart.js';
import { slackWebApi } from './slack/slack-web-api.js';
import { SlackRelay } from './slack/slack-relay.js';
import { TriggerBook } from './slack/triggers.js';
import { SlackWorkspace } from './slack/workspace.js';
import { botConnectorApi } from './teams/bot-connector-api.js';
import { SANDBOX_KEY_HEADER, TeamsRelay } from './teams/teams-relay.js';
import { TeamsWorkspace } from './teams/teams-workspace.js';
import { keepWorkspace } from './workspace-snapshot.js';

export interface TSandboxOptions {
  orgChart: TOrgChart;
  log: TLogger;
  /** Platforms connected for real; the sandbox stands in for all the others. */
  connected: ReadonlySet<TPlatform>;
  /** Where to keep the workspace across restarts (beside a SQLite database); in memory only when absent. */
  snapshotFile?: string;
  /** Answer requests for any Host name (the server was told to listen beyond this machine). */
  anyHost?: boolean;
  now?: () => Date;
}

/** What the sandbox needs from the running Earshot once it listens. */
export interface TSandboxLink {
  /** Where Earshot listens, as the sandbox calls it: http://127.0.0.1:<port>. */
  baseUrl: string;
  db: TDb;
  ingest: (m: TMention) => Promise<unknown>;
}

export interface TSandbox {
  orgChart: TOrgChart;
  /** The Slack and Teams settings the unchanged surfaces get, pointing them at this sandbox. */
  env: { SLACK_BOT_TOKEN: string; SLACK_SIGNING_SECRET: string; slackApiPath: string; TEAMS_LOCAL_MODE: true };
  connectors: TConnector[];
  /** Stands in for Bot Framework JWT validation on /api/messages: only the sandbox's own activities pass. */
  teamsGate(c: Context): boolean;
  /** The page, its API, and the Slack Web API / Bot Connector stand-ins. */
  app: Hono;
  /** Secrets to keep out of logs. */
  secrets: string[];
  start(link: TSandboxLink): Promise<void>;
  stop(): void;
}

/**
 * The local workspace (DESIGN.md, src/sandbox): a Slack Web API and a Bot Connector on this server that the real
 * Slack and Teams surfaces talk to, the page that shows them, and a stand-in for every social platform. A person's
 * clicks reach Earshot as signed Slack requests and Bot Framework activities, the same code paths as production.
 */
export function createSandbox(o: TSandboxOptions): TSandbox {
  const now = o.now ?? (() => new Date());
  const chart = sandboxOrgChart(o.orgChart);
  const botToken = `xoxb-sandbox-${randomBytes(12).toString('hex')}`;
  const signingSecret = randomBytes(32).toString('hex');
  const teamsKey = randomBytes(24).toString('hex');
  const pageToken = randomBytes(24).toString('hex');
  const feed = new ChangeFeed();
  let link: TSandboxLink | undefined;
  const base = () => {
    if (!link) throw new Error('sandbox used before Earshot listens');
    return link.baseUrl;
  };

  const members = chart.teams.flatMap((t) => t.members);
  const slackWs = new SlackWorkspace(
    chart.teams.map((t) => ({ id: t.slack!.channel, name: t.id, team: t.id })),
    new Map(members.map((m) => [m.slackUserId!, m.name])),
    feed,
  );
  const teamsWs = new TeamsWorkspace(chart.teams.map((t) => ({ id: t.teams!.conversationId, name: t.name, team: t.id })), feed);
  const triggers = new TriggerBook(() => now().getTime());
  const slackRelay = new SlackRelay(slackWs, {
    eventsUrl: () => `${base()}/slack/events`,
    slackBase: () => `${base()}/sandbox/slack`,
    signingSecret,
    triggers,
    now: () => now().getTime(),
  });
  const teamsRelay = new TeamsRelay(teamsWs, {
    messagesUrl: () => `${base()}/api/messages`,
    serviceUrl: () => `${base()}/sandbox/teams/`,
    key: teamsKey,
    now: () => now().getTime(),
    names: new Map(members.map((m) => [m.teamsUserId!, m.name])),
  });
  const outbox = new PlatformOutbox(feed, now);
  const snapshot = o.snapshotFile ? keepWorkspace(o.snapshotFile, { slack: slackWs, teams: teamsWs, outbox, feed, log: o.log }) : undefined;

  let feeder: TFeeder | undefined;
  const traffic = {
    start(ratePerMinute: number) {
      if (feeder?.running) feeder.stop();
      const lines = loadSampleTraffic();
      feeder = startFeeder({
        lines,
        ratePerMinute,
        now,
        send: async (m) => {
          await link!.ingest(m);
          feed.changed();
        },
        onError: (err, m) => o.log.warn('sandbox: a sample mention was not taken', { externalId: m.externalId, error: err instanceof Error ? err.message : String(err) }),
      });
      feed.changed();
      void feeder.done.then(() => feed.changed());
      o.log.info('sandbox: feeding sample traffic', { perMinute: ratePerMinute, mentions: lines.length });
    },
    stop() {
      feeder?.stop();
      feed.changed();
    },
    status: () => ({ running: feeder?.running ?? false, sent: feeder?.sent ?? 0 }),
  };

  const sendDigest = async (memberId: string) => {
    const at = now();
    const date = at.toISOString().slice(0, 10);
    // Today's digest so far, on demand: the same outbox item the digests job writes at a manager's digest time.
    await transact(link!.db, (tx) =>
      enqueue(tx, { kind: 'digest.send', memberId, date }, { destination: `member:${memberId}`, idempotencyKey: `sandbox-digest:${memberId}:${at.getTime()}`, now: at }),
    );
  };

  const app = new Hono();
  // A page on another site could point a DNS name at 127.0.0.1 and script this server as "same origin": only
  // requests addressed to this machine by name are answered, unless the admin chose to listen more widely.
  app.use('*', async (c, next) => {
    if (!o.anyHost && !LOOPBACK_NAMES.has(hostName(c.req.header('host')))) return c.text('The sandbox answers only at localhost.', 421);
    await next();
  });
  app.route('/sandbox/slack', slackWebApi(slackWs, { token: botToken, now: () => now().getTime(), triggers, onResponseUrl: (id, body) => slackRelay.respond(id, body) }));
  app.route('/sandbox/teams', botConnectorApi(teamsWs));
  app.route('/sandbox/api', browserApi({ chart, feed, slack: { ws: slackWs, relay: slackRelay }, teams: { ws: teamsWs, relay: teamsRelay }, outbox, log: o.log, traffic, sendDigest }, pageToken));
  app.route('/', pageRoutes(slackWs, pageToken));

  const key = Buffer.from(teamsKey);
  return {
    orgChart: chart,
    env: { SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret, slackApiPath: '/sandbox/slack/api/', TEAMS_LOCAL_MODE: true },
    connectors: outbox.connectors(o.connected),
    teamsGate(c) {
      const given = Buffer.from(c.req.header(SANDBOX_KEY_HEADER) ?? '');
      return given.length === key.length && timingSafeEqual(given, key);
    },
    app,
    secrets: [botToken, signingSecret, teamsKey, pageToken],
    async start(l) {
      link = l;
      // Earshot "added" to every team's Teams channel, so the Teams surface knows where (and via which serviceUrl) to post.
      const installer = chart.teams.flatMap((t) => t.members).find((m) => m.role !== 'viewer') ?? members[0];
      if (installer) await teamsRelay.installEverywhere(installer.teamsUserId!, teamsWs.messages.length > 0);
    },
    stop() {
      feeder?.stop();
      snapshot?.flush();
    },
  };
}

/** Paths the sandbox serves; everything else is Earshot's own. */
export const isSandboxPath = (path: string) => path === '/' || path.startsWith('/sandbox/');

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);
const hostName = (host: string | undefined) => (host ?? '').replace(/:\d+$/, '').toLowerCase();
