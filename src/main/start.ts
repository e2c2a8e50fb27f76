import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { loadEnv, sandboxEnabled, secretValues, slackMode, teamsEnabled, type TEnv } from '../config/env.js';
import { loadOrgChart } from '../config/load-org-chart.js';
import { connectorSecretValues } from '../connectors/connector-secrets.js';
import { loadConnectors } from '../connectors/registry.js';
import { createEarshot } from '../earshot.js';
import { createScheduler, earshotJobs } from '../jobs/index.js';
import { createLogger, type TLogger } from '../log.js';
import { routeConsole } from '../logging/console-bridge.js';
import { openDatabase, type TDb } from '../store/client.js';
import { migrateDatabase } from '../store/migrate.js';
import { EXAMPLE_ORG_CHART } from '../store/paths.js';
import { createSandbox, isSandboxPath } from '../sandbox/sandbox.js';
import { loadHeadsFile } from '../triage/tier2/heads-file.js';
import { guardBackgroundWork } from './process-guards.js';
import { startupSummary } from './startup-summary.js';

export interface TRunning {
  port: number;
  /** The sandbox page's address, when the sandbox is on. */
  sandboxUrl: string | null;
  stop(): Promise<void>;
}

export interface TStartHooks {
  /** Called when Earshot cannot go on after start-up (Slack refused the Socket Mode token); the caller stops it. */
  onFatal?(err: Error): void;
}

/**
 * `earshot start`: validate config, bring the database current, serve HTTP and run the outbox.
 * Config problems throw ConfigError before anything is opened.
 */
export async function startEarshot(
  env: TEnv = loadEnv(),
  rawEnv: NodeJS.ProcessEnv = process.env,
  givenLog?: TLogger,
  announce: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  hooks: TStartHooks = {},
): Promise<TRunning> {
  const orgChartFile = env.EARSHOT_ORG_CHART ?? EXAMPLE_ORG_CHART;
  const orgChart = loadOrgChart(orgChartFile);
  // A retrained model is checked whole before anything opens: a bad file stops start-up naming the file and field.
  const heads = env.TRIAGE_TIER2 && env.TRIAGE_HEADS_FILE ? loadHeadsFile(env.TRIAGE_HEADS_FILE) : undefined;
  // Connector env groups are validated here too, before anything is opened.
  const connectors = new Map(loadConnectors(rawEnv, { fetch: globalThis.fetch, now: () => new Date() }).map((c) => [c.id, c]));
  // The logger needs the sandbox's generated secrets, and the sandbox a logger: it gets one that forwards.
  let logger = givenLog;
  const lazy: TLogger = { debug: (m, f) => logger!.debug(m, f), info: (m, f) => logger!.info(m, f), warn: (m, f) => logger!.warn(m, f), error: (m, f) => logger!.error(m, f) };
  // The sandbox binds to this machine only, unless HOST was set on purpose.
  const host = sandboxEnabled(env) && !rawEnv.HOST ? '127.0.0.1' : env.HOST;
  const sandbox = sandboxEnabled(env) ? createSandbox({ orgChart, log: lazy, connected: new Set(connectors.keys()), anyHost: !isLoopback(host), ...sandboxSnapshotFile(env.DATABASE_URL) }) : undefined;
  const log = (logger ??= createLogger({ level: env.LOG_LEVEL, secrets: [...secretValues(env), ...connectorSecretValues(rawEnv), ...(sandbox?.secrets ?? [])] }));
  // Config is valid: from here on this process is a server, and whatever a library prints goes out as JSON lines too.
  const releaseConsole = routeConsole(log);
  // A database restart or a bug in a background loop must cost a log line, not the process.
  const unguard = guardBackgroundWork(log);
  const applied = await migrateDatabase({ databaseUrl: env.DATABASE_URL });
  if (applied.length) log.info('database migrated', { applied });
  if (heads) log.info('triage tier 2 decides with retrained heads', { file: env.TRIAGE_HEADS_FILE, corrections: heads.meta?.['corrections'] ?? null });
  const db: TDb = await openDatabase(env.DATABASE_URL);
  // Listening comes first: the sandbox's Slack API URL carries the port, which PORT=0 only reveals now.
  let handle: (req: Request) => Response | Promise<Response> = () => new Response('Earshot is starting.', { status: 503, headers: { 'retry-after': '1' } });
  const server = await listen((req) => handle(req), host, env.PORT);
  const port = (server.address() as { port: number }).port;
  const selfUrl = `http://${isLoopback(host) || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`;
  const surfaceEnv: TEnv = sandbox
    ? { ...env, SLACK_BOT_TOKEN: sandbox.env.SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET: sandbox.env.SLACK_SIGNING_SECRET, SLACK_APP_TOKEN: undefined, SLACK_API_URL: `${selfUrl}${sandbox.env.slackApiPath}`, TEAMS_LOCAL_MODE: true }
    : env;
  const allConnectors = new Map([...(sandbox?.connectors ?? []).map((c) => [c.id, c] as const), ...connectors]);
  const earshot = createEarshot({
    env: surfaceEnv, orgChart: sandbox?.orgChart ?? orgChart, db, log, connectors: allConnectors, secrets: connectorSecretValues(rawEnv), ...(sandbox && { teamsGate: sandbox.teamsGate }),
    ...(env.INTAKE_WORKER && { intakeWorker: { databaseUrl: env.DATABASE_URL, logLevel: env.LOG_LEVEL } }),
    ...(env.TRIAGE_TIER2 && { tier2: { deadlineMs: env.TRIAGE_TIER2_DEADLINE_MS, workers: env.TRIAGE_TIER2_WORKERS, ...(heads && { heads }) } }),
  });
  handle = sandbox ? (req) => (isSandboxPath(new URL(req.url).pathname) ? sandbox.app.fetch(req) : earshot.app.fetch(req)) : earshot.app.fetch;
  earshot.dispatcher.start();
  // The pipeline drains the inbox (and picks up what a previous run accepted but did not process).
  earshot.intake.start();
  const realSurface = !!env.SLACK_BOT_TOKEN || teamsEnabled(env);
  // The bundled example's managers are fictional: their digests are for the sandbox to show, never a real chat.
  const digests = !!sandbox || (realSurface && orgChartFile !== EXAMPLE_ORG_CHART);
  const scheduler = createScheduler({
    db,
    log,
    timezone: orgChart.timezone,
    jobs: earshotJobs({ orgChart: sandbox?.orgChart ?? orgChart, env, connectors: [...connectors.values()], accept: earshot.intake.accept, digests }),
  });
  // A web-only replica can leave the jobs to other processes; each slot still runs exactly once overall.
  if (env.JOBS_ENABLED) await scheduler.start();
  await sandbox?.start({ baseUrl: selfUrl, db, ingest: earshot.ingest });
  // Connecting to Slack must not hold up the server, the outbox or the jobs: a Slack outage is retried in the
  // background; only a refused token ends the process.
  void earshot.slackSocket?.start().catch((err: Error) => {
    log.error('slack: Socket Mode connection failed', { error: err.message });
    hooks.onFatal?.(err);
  });
  const sandboxUrl = sandbox ? `http://${isLoopback(host) || host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}/` : null;
  const summary = startupSummary({ port, host, sandboxUrl, slack: !!env.SLACK_BOT_TOKEN, teams: teamsEnabled(env), connectors: [...connectors.keys()], digests, exampleChart: orgChartFile === EXAMPLE_ORG_CHART, jobs: env.JOBS_ENABLED });
  log.info('earshot listening', { ...summary.fields, slackMode: slackMode(surfaceEnv), orgChart: orgChartFile, teams: orgChart.teams.length, summary: summary.line });
  for (const w of summary.warnings) log.warn(w);
  announce(summary.line);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      log.info('shutting down: no new requests; finishing work in flight');
      // close() stops accepting and resolves once in-flight requests have answered; idle keep-alives go now.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const grace = new Promise<void>((resolve) => setTimeout(resolve, env.SHUTDOWN_GRACE_MS).unref());
      // Socket Mode: no new envelopes either; the connection closes beside the HTTP server.
      const socketClosed = earshot.slackSocket?.stop() ?? Promise.resolve();
      await Promise.race([Promise.all([closed, socketClosed]), grace]);
      server.closeAllConnections();
      // Slack handlers may still be working after their ack (a stats answer, a card refresh): let them finish.
      await Promise.race([Promise.all([earshot.slackIdle(), earshot.teamsIdle()]), grace]);
      await scheduler.stop();
      // Finishes the batch in progress; what is still in the inbox waits there, durable, for the next start.
      await earshot.intake.stop();
      sandbox?.stop();
      await earshot.dispatcher.stop();
      await db.$disconnect();
      log.info('shutdown complete');
      unguard();
      releaseConsole();
    })());
  return { port, sandboxUrl, stop };
}

function listen(fetch: (req: Request) => Response | Promise<Response>, hostname: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname, port }, () => resolve(server as Server)) as Server;
    server.once('error', reject);
  });
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || host.startsWith('127.');

/** The sandbox keeps its channels beside a SQLite database (data/earshot.db → data/sandbox-workspace.json). */
function sandboxSnapshotFile(databaseUrl: string): { snapshotFile?: string } {
  if (!databaseUrl.startsWith('file:')) return {};
  const file = databaseUrl.slice('file:'.length).split('?')[0] ?? '';
  return { snapshotFile: join(dirname(resolve(file)), 'sandbox-workspace.json') };
}
