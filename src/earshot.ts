import type { Hono } from 'hono';
import { chatDeliverHandler, chatFanoutHandlers } from './bot/chat-fanout.js';
import type { TChatSurface } from './bot/chat-surface.js';
import { createSlackApp, type TSlackInbound } from './bot/slack/slack-app.js';
import { createSlackDigestSender } from './bot/slack/digest-sender.js';
import { createSlackSurface } from './bot/slack/slack-surface.js';
import { createTeamsApp, type TTeamsConfig } from './bot/teams/teams-app.js';
import { createTeamsSurface } from './bot/teams/teams-surface.js';
import { digestSource } from './bot/views/digest-view.js';
import type { TConnector } from './connectors/connector.js';
import { platformName } from './connectors/text-limits.js';
import { genericWebhookHandler } from './connectors/generic/generic-webhook.js';
import { webhookRoute } from './connectors/webhook-route.js';
import type { TOrgChart } from './config/org-chart-schema.js';
import { secretValues, slackMode, teamsEnabled, type TEnv } from './config/env.js';
import { createIntake, type TIntake, type TIntakeOptions } from './intake/create-intake.js';
import { createRefiner, logTier2Status, type THeadsFile, type TRefiner } from './triage/tier2/index.js';
import { createIntakeThread } from './intake/intake-thread.js';
import type { TIngestResult } from './intake/batch-types.js';
import { parsePeriod } from './reports/period.js';
import { computeStats } from './reports/stats.js';
import type { TLogger } from './log.js';
import { outboxMetrics } from './metrics/outbox-metrics.js';
import { createMetrics, type TMetrics } from './metrics/registry.js';
import { timedTriage } from './metrics/triage-metrics.js';
import type { TPlatform } from './mention.js';
import { createDispatcher, type TDispatcher } from './outbox/dispatcher.js';
import { platformReplyHandler } from './outbox/handlers/platform-reply.js';
import type { TOutboxHandler } from './outbox/outbox-handler.js';
import { registerDraftMetrics } from './replies/draft-metrics.js';
import { createReplyAssist, type TReplyAssist } from './replies/reply-assist.js';
import { llmConfig } from './replies/replies-env.js';
import { createTextSimilarity } from './replies/text-similarity.js';
import { createServer } from './server.js';
import { loadEncoder } from './triage/encoder/index.js';
import type { TDb } from './store/client.js';
import { triage } from './triage/index.js';
import type { TTriageFn } from './triage/types.js';

export interface TEarshotOptions {
  env: TEnv;
  orgChart: TOrgChart;
  db: TDb;
  log: TLogger;
  now?: () => Date;
  /** Outbound connectors by platform; chat surfaces add their own outbox handlers. */
  connectors?: ReadonlyMap<TPlatform, TConnector>;
  handlers?: readonly TOutboxHandler[];
  triage?: TTriageFn;
  /**
   * Run the intake (inbox commits and pipeline) in a worker thread with a connection of its own, as `earshot start`
   * does; without it the intake runs in this thread on `db` (tests, tools with their own triage engine).
   */
  intakeWorker?: { databaseUrl: string; logLevel: import('./log.js').TLogLevel };
  /** How Teams' Bot Connector calls leave the process; tests point them at a local fake. */
  teamsFetch?: typeof fetch;
  /** Socket Mode's reconnect delay (default 5 s); tests shorten it. */
  slackReconnectDelayMs?: number;
  /**
   * In sandbox mode, stands in for Bot Framework JWT validation (which needs Microsoft's keys from the network):
   * only activities carrying the sandbox's own key reach the adapter, which runs in local mode behind it.
   */
  teamsGate?: (c: import('hono').Context) => boolean;
  /** Where every module registers its metrics and /metrics reads them; a fresh registry when absent. */
  metrics?: TMetrics;
  /** How AI-draft requests leave the process (default global fetch). */
  llmFetch?: typeof fetch;
  /** Secret values beyond TEnv's (connector credentials): kept out of every AI prompt. */
  secrets?: readonly string[];
  /**
   * Triage's second tier beside the pipeline (`earshot start` passes it when TRIAGE_TIER2 is on): new cases' cards
   * wait up to `deadlineMs` for it. `refiner` shares one already loaded (tests); otherwise the intake starts its own,
   * deciding with `heads` (TRIAGE_HEADS_FILE, validated at start-up) or the committed ones.
   */
  tier2?: { deadlineMs: number; workers?: number; refiner?: TRefiner; heads?: THeadsFile };
}

export interface TEarshot {
  app: Hono;
  dispatcher: TDispatcher;
  /** Settles when Slack handlers still running after their ack have finished (tests, shutdown). */
  slackIdle: () => Promise<void>;
  /** Settles when Teams turns in progress have finished (tests, shutdown). */
  teamsIdle: () => Promise<void>;
  /** Accepts one mention and resolves once the pipeline has stored it (in-process callers, tests). */
  ingest: (m: import('./mention.js').TMention) => Promise<TIngestResult>;
  /** The inbox and its pipeline: `accept` for webhooks and pollers, `start`/`stop`/`drain` for its worker. */
  intake: TIntake;
  /** Present in Socket Mode: the outbound connection to Slack, opened after the server listens. */
  slackSocket?: { start(): Promise<void>; stop(): Promise<void> };
  /** This instance's metrics registry (src/metrics/registry.ts): register more with metrics.counter/gauge/histogram. */
  metrics: TMetrics;
  /** Ranked saved replies and AI drafts, surface-neutral (an incident's acknowledgement can use it too). */
  assist: TReplyAssist;
}

/** The composition root: wires services to their edges. No module below imports this one. */
export function createEarshot(opts: TEarshotOptions): TEarshot {
  const now = opts.now ?? (() => new Date());
  const metrics = opts.metrics ?? createMetrics();
  const deps = { db: opts.db, orgChart: opts.orgChart, triage: timedTriage(opts.triage ?? triage, metrics), now };
  const limits = { highWater: opts.env.INTAKE_HIGH_WATER, maxBatch: opts.env.INTAKE_MAX_BATCH };
  const intake = opts.intakeWorker
    ? createIntakeThread({ ...opts.intakeWorker, orgChart: opts.orgChart, log: opts.log, metrics, db: opts.db, ...limits, ...(opts.tier2 && { tier2: { deadlineMs: opts.tier2.deadlineMs, workers: opts.tier2.workers ?? 1, ...(opts.tier2.heads && { heads: opts.tier2.heads }) } }) })
    : inProcessIntake(opts, { ...deps, log: opts.log, metrics, ...limits });
  const ingest = (m: import('./mention.js').TMention) => intake.ingest(m);
  const connectors = opts.connectors ?? new Map<TPlatform, TConnector>();
  const assist = createReplyAssist({
    db: opts.db,
    orgChart: opts.orgChart,
    now,
    log: opts.log,
    similarity: createTextSimilarity({ mode: opts.env.REPLY_RANKING, load: loadEncoder, log: opts.log }),
    llm: llmConfig(opts.env),
    fetch: opts.llmFetch ?? globalThis.fetch,
    secrets: [...secretValues(opts.env), ...(opts.secrets ?? [])],
    metrics: registerDraftMetrics(metrics, { db: opts.db, orgChart: opts.orgChart, now }),
  });
  const surfaces: TChatSurface[] = [];
  let slackEvents: ((c: import('hono').Context) => Promise<Response>) | undefined;
  let slackIdle = async () => {};
  let slackSocket: TEarshot['slackSocket'];
  const slackInbound = slackInboundOf(opts.env, opts.slackReconnectDelayMs);
  if (opts.env.SLACK_BOT_TOKEN && slackInbound) {
    const cfg = { botToken: opts.env.SLACK_BOT_TOKEN, apiUrl: opts.env.SLACK_API_URL, inbound: slackInbound };
    const slack = createSlackApp(cfg, { ...deps, log: opts.log, assist, privateUnsupported: (p) => privateUnsupported(connectors, p) });
    if (slack.inbound.mode === 'http') slackEvents = slack.inbound.receiver.handle;
    else {
      slackSocket = slack.inbound.socket;
      // Slack sends nothing here in Socket Mode; say so rather than "Slack is off".
      slackEvents = async (c) => c.json({ error: { code: 'NOT_CONFIGURED', message: 'Slack is connected over Socket Mode (SLACK_APP_TOKEN), so this URL takes no requests.' } }, 503);
    }
    slackIdle = () => slack.idle();
    const digest = createSlackDigestSender({ db: opts.db, orgChart: opts.orgChart, client: slack.client, now });
    surfaces.push(createSlackSurface({ db: opts.db, orgChart: opts.orgChart, client: slack.client, log: opts.log, now, digest }));
  }
  let teamsMessages: ((c: import('hono').Context) => Promise<Response>) | undefined;
  let teamsIdle = async () => {};
  if (teamsEnabled(opts.env)) {
    const e = opts.env;
    const cfg: TTeamsConfig = e.TEAMS_APP_ID && e.TEAMS_APP_PASSWORD
      ? { mode: 'authenticated', appId: e.TEAMS_APP_ID, appPassword: e.TEAMS_APP_PASSWORD, appType: e.TEAMS_APP_TYPE, ...(e.TEAMS_TENANT_ID && { tenantId: e.TEAMS_TENANT_ID }) }
      : { mode: 'local' };
    if (cfg.mode === 'local' && !opts.teamsGate) opts.log.warn('teams: local mode, requests to /api/messages are NOT authenticated (TEAMS_LOCAL_MODE); never use it in production');
    const teams = createTeamsApp(cfg, { ...deps, log: opts.log, assist, privateUnsupported: (p) => privateUnsupported(connectors, p) }, { ...(opts.teamsFetch && { fetch: opts.teamsFetch }) });
    const gate = opts.teamsGate;
    teamsMessages = gate
      ? async (c) => (gate(c) ? teams.receiver.handle(c) : c.json({ error: { code: 'UNAUTHORIZED', message: 'Only the sandbox workspace may call /api/messages here.' } }, 401))
      : teams.receiver.handle;
    teamsIdle = () => teams.receiver.idle();
    // Teams cards have no permalink Earshot can build without Graph; the digest names the cases instead.
    const digest = digestSource(opts.db, opts.orgChart, now, async () => null);
    surfaces.push(createTeamsSurface({ db: opts.db, orgChart: opts.orgChart, connector: teams.connector, log: opts.log, now, digest, ...(e.TEAMS_TENANT_ID && { tenantId: e.TEAMS_TENANT_ID }) }));
  }
  const app = createServer({
    db: opts.db,
    log: opts.log,
    now,
    metrics,
    webhooks: {
      generic: { post: genericWebhookHandler({ secret: opts.env.GENERIC_WEBHOOK_SECRET, log: opts.log, intake }) },
      // Platforms that push (X Account Activity, Meta) answer their handshakes and deliveries here.
      ...Object.fromEntries(
        [...connectors.values()].filter((c) => c.webhook).map((c) => [c.id, webhookRoute(c.webhook!, { intake, log: opts.log, now, name: c.id })]),
      ),
    },
    ...(slackEvents && { slackEvents }),
    todayStats: async () => {
      const t = now();
      const day = parsePeriod('today', { now: t, timeZone: opts.orgChart.timezone });
      return computeStats(opts.db, { teams: 'all', from: day.from, to: day.to, now: t, orgChart: opts.orgChart });
    },
    ...(teamsMessages && { teamsMessages }),
  });
  const dispatcher = createDispatcher({
    db: opts.db,
    log: opts.log,
    now,
    pollMs: opts.env.OUTBOX_POLL_MS,
    metrics: outboxMetrics(metrics),
    handlers: [
      platformReplyHandler(opts.db, connectors),
      // Without any chat surface, notices wait in the outbox (visible in /metrics) until one is configured.
      ...(surfaces.length ? [...chatFanoutHandlers(surfaces, { incidentUpdateMs: opts.orgChart.incidents.updateEverySeconds * 1000, backlogSeconds: opts.env.CHANNEL_BACKLOG_SECONDS }), chatDeliverHandler(surfaces, { backlogSeconds: opts.env.CHANNEL_BACKLOG_SECONDS })] : []),
      ...(opts.handlers ?? []),
    ],
  });
  return { app, dispatcher, ingest, intake, slackIdle, teamsIdle, metrics, assist, ...(slackSocket && { slackSocket }) };
}

/** The intake in this thread, with the second tier's refiner beside it when asked for (closed with the intake if it is ours). */
function inProcessIntake(opts: TEarshotOptions, o: TIntakeOptions): TIntake {
  const t2 = opts.tier2;
  if (!t2) return createIntake(o);
  const refiner = t2.refiner ?? createRefiner({ orgChart: opts.orgChart, ...(t2.workers && { workers: t2.workers }), ...(t2.heads && { heads: t2.heads }), onStatus: (s) => logTier2Status(opts.log, s) });
  const intake = createIntake({ ...o, tier2: { refiner, deadlineMs: t2.deadlineMs } });
  if (t2.refiner) return intake;
  return { ...intake, stop: async () => (await intake.stop(), await refiner.close()) };
}

/** Socket Mode when an app-level token is set (the signing secret is then unused), else HTTP; null when Slack is off. */
function slackInboundOf(env: TEnv, reconnectDelayMs: number | undefined): TSlackInbound | null {
  const mode = slackMode(env);
  if (mode === 'socket') return { mode, appToken: env.SLACK_APP_TOKEN!, ...(reconnectDelayMs !== undefined && { reconnectDelayMs }) };
  if (mode === 'http') return { mode, signingSecret: env.SLACK_SIGNING_SECRET! };
  return null;
}

/** What staff are told when they pick a private follow-up the platform (or this install) cannot send. */
function privateUnsupported(connectors: ReadonlyMap<TPlatform, TConnector>, platform: TPlatform): string | null {
  const c = connectors.get(platform);
  if (!c) return `${platformName(platform)} is not connected to Earshot, so no private message can be sent from here; follow up by email or phone.`;
  if (c.sendPrivate) return null;
  return c.privateUnsupported ?? `${platformName(platform)} has no private messages; follow up by email or phone.`;
}

