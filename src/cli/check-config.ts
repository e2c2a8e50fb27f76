import { ConfigError } from '../config/config-error.js';
import { loadEnv, sandboxEnabled, slackMode, teamsEnabled, type TEnv } from '../config/env.js';
import { loadOrgChart } from '../config/load-org-chart.js';
import type { TOrgChart } from '../config/org-chart-schema.js';
import { connectorConfigErrors, loadConnectors } from '../connectors/registry.js';
import { parseDatabaseUrl } from '../store/database-url.js';
import { EXAMPLE_ORG_CHART } from '../store/paths.js';
import { loadHeadsFile } from '../triage/tier2/heads-file.js';
import type { TCliIo } from './command.js';

/** `earshot check-config`: every configuration problem at once (exit 78), or a summary of what would run (exit 0). */
export async function runCheckConfig(io: TCliIo): Promise<number> {
  const problems: ConfigError[] = [];
  let env: TEnv | undefined;
  try {
    env = loadEnv(io.env);
    parseDatabaseUrl(env.DATABASE_URL);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(err);
  }
  const world = { fetch: globalThis.fetch, now: () => new Date() };
  problems.push(...connectorConfigErrors(io.env, world));
  const chartFile = io.env.EARSHOT_ORG_CHART || EXAMPLE_ORG_CHART;
  let chart: TOrgChart | undefined;
  try {
    chart = loadOrgChart(chartFile, io.env.EARSHOT_ORG_CHART ? 'EARSHOT_ORG_CHART' : 'the bundled example');
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(err);
  }
  if (env?.TRIAGE_TIER2 && env.TRIAGE_HEADS_FILE) {
    try {
      loadHeadsFile(env.TRIAGE_HEADS_FILE);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems.push(err);
    }
  }
  if (problems.length || !env || !chart) {
    for (const p of problems) io.err(`earshot: ${p.message}`);
    return 78;
  }
  io.out(summary(env, chart, chartFile, loadConnectors(io.env, world).map((c) => c.id), !!io.env.HOST).join('\n'));
  return 0;
}

/** What `earshot start` would run with this configuration, and what would not work yet. */
function summary(env: TEnv, chart: TOrgChart, chartFile: string, connectors: string[], hostGiven: boolean): string[] {
  const db = parseDatabaseUrl(env.DATABASE_URL);
  const slack = slackMode(env);
  const members = chart.teams.flatMap((t) => t.members);
  const lines = [
    'configuration OK',
    `  database:   ${db.provider === 'sqlite' ? `SQLite ${db.file}` : `PostgreSQL ${pgWhere(db.url)}`}`,
    // As `earshot start` binds: the sandbox keeps to this machine unless HOST was set on purpose.
    `  http:       ${sandboxEnabled(env) && !hostGiven ? '127.0.0.1' : env.HOST}:${env.PORT}`,
    `  slack:      ${{ socket: 'on, Socket Mode (connects out; no public URL)', http: 'on, HTTP (Slack posts to /slack/events)', off: 'off' }[slack]}`,
    `  teams:      ${env.TEAMS_LOCAL_MODE ? 'on, LOCAL MODE (requests not authenticated)' : teamsEnabled(env) ? `on (${env.TEAMS_APP_TYPE})` : 'off'}`,
    `  sandbox:    ${sandboxEnabled(env) ? `on: the local workspace at http://localhost:${env.PORT}/ (no Slack or Teams configured)` : 'off'}`,
    `  connectors: ${connectors.length ? connectors.join(', ') : 'none'}${env.GENERIC_WEBHOOK_SECRET ? ' (+ generic webhook)' : ''}`,
    `  jobs:       ${env.JOBS_ENABLED ? 'on' : 'off in this process'}`,
    `  org chart:  ${chartFile} (${chart.teams.length} teams, ${members.length} members)`,
  ];
  const warnings: string[] = [];
  if (slack === 'socket' && env.SLACK_SIGNING_SECRET) warnings.push('SLACK_SIGNING_SECRET is set but unused: with SLACK_APP_TOKEN Slack talks over Socket Mode, and /slack/events takes no requests');
  if (slack !== 'off') {
    const noChannel = chart.teams.filter((t) => !t.slack?.channel).map((t) => t.id);
    if (noChannel.length) warnings.push(`Slack is on but ${noChannel.join(', ')} ha${noChannel.length === 1 ? 's' : 've'} no slack.channel: their cards wait in the outbox`);
    const noId = members.filter((m) => !m.slackUserId).length;
    if (noId) warnings.push(`${noId} member(s) have no slackUserId: they can see cards in Slack but not act`);
  }
  if (teamsEnabled(env)) {
    const noConv = chart.teams.filter((t) => !t.teams?.conversationId).map((t) => t.id);
    if (noConv.length) warnings.push(`Teams is on but ${noConv.join(', ')} ha${noConv.length === 1 ? 's' : 've'} no teams.conversationId: their cards wait until Earshot is added to the channel and the id is set`);
  }
  if (slack === 'off' && !teamsEnabled(env) && !sandboxEnabled(env)) warnings.push('no chat surface is configured: set SLACK_BOT_TOKEN with SLACK_APP_TOKEN (or SLACK_SIGNING_SECRET), or TEAMS_APP_ID with TEAMS_APP_PASSWORD');
  if (!connectors.length && !env.GENERIC_WEBHOOK_SECRET && !sandboxEnabled(env)) warnings.push('no platform is connected: mentions can only arrive through a connector group or GENERIC_WEBHOOK_SECRET');
  return [...lines, ...warnings.map((w) => `  warning:    ${w}`)];
}

/** Host, port and database only: the user name and password stay out of the output. */
function pgWhere(url: string): string {
  const u = new URL(url);
  return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
}
