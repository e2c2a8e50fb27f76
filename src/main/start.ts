import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { loadEnv, secretValues, teamsEnabled, type TEnv } from '../config/env.js';
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

export interface TRunning {
  port: number;
  stop(): Promise<void>;
}

/**
 * `earshot start`: validate config, bring the database current, serve HTTP and run the outbox.
 * Config problems throw ConfigError before anything is opened.
 */
export async function startEarshot(
  env: TEnv = loadEnv(),
  rawEnv: NodeJS.ProcessEnv = process.env,
  log: TLogger = createLogger({ level: env.LOG_LEVEL, secrets: [...secretValues(env), ...connectorSecretValues(rawEnv)] }),
): Promise<TRunning> {
  const orgChartFile = env.EARSHOT_ORG_CHART ?? EXAMPLE_ORG_CHART;
  const orgChart = loadOrgChart(orgChartFile);
  // Connector env groups are validated here too, before anything is opened.
  const connectors = new Map(loadConnectors(rawEnv, { fetch: globalThis.fetch, now: () => new Date() }).map((c) => [c.id, c]));
  // Config is valid: from here on this process is a server, and whatever a library prints goes out as JSON lines too.
  const releaseConsole = routeConsole(log);
  const applied = await migrateDatabase({ databaseUrl: env.DATABASE_URL });
  if (applied.length) log.info('database migrated', { applied });
  const db: TDb = await openDatabase(env.DATABASE_URL);
  const earshot = createEarshot({ env, orgChart, db, log, connectors, ...(env.INTAKE_WORKER && { intakeWorker: { databaseUrl: env.DATABASE_URL, logLevel: env.LOG_LEVEL } }) });
  const server = await listen(earshot.app.fetch, env.HOST, env.PORT);
  const port = (server.address() as { port: number }).port;
  earshot.dispatcher.start();
  // The pipeline drains the inbox (and picks up what a previous run accepted but did not process).
  earshot.intake.start();
  const scheduler = createScheduler({
    db,
    log,
    timezone: orgChart.timezone,
    jobs: earshotJobs({ orgChart, env, connectors: [...connectors.values()], accept: earshot.intake.accept }),
  });
  // A web-only replica can leave the jobs to other processes; each slot still runs exactly once overall.
  if (env.JOBS_ENABLED) await scheduler.start();
  log.info('earshot listening', { host: env.HOST, port, orgChart: orgChartFile, teams: orgChart.teams.length, connectors: [...connectors.keys()], jobs: env.JOBS_ENABLED, slack: !!env.SLACK_BOT_TOKEN, msTeams: teamsEnabled(env) });

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      log.info('shutting down: no new requests; finishing work in flight');
      // close() stops accepting and resolves once in-flight requests have answered; idle keep-alives go now.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const grace = new Promise<void>((resolve) => setTimeout(resolve, env.SHUTDOWN_GRACE_MS).unref());
      await Promise.race([closed, grace]);
      server.closeAllConnections();
      // Slack handlers may still be working after their ack (a stats answer, a card refresh): let them finish.
      await Promise.race([Promise.all([earshot.slackIdle(), earshot.teamsIdle()]), grace]);
      await scheduler.stop();
      // Finishes the batch in progress; what is still in the inbox waits there, durable, for the next start.
      await earshot.intake.stop();
      await earshot.dispatcher.stop();
      await db.$disconnect();
      log.info('shutdown complete');
      releaseConsole();
    })());
  return { port, stop };
}

function listen(fetch: (req: Request) => Response | Promise<Response>, hostname: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname, port }, () => resolve(server as Server)) as Server;
    server.once('error', reject);
  });
}
