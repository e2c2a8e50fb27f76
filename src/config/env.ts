import { z } from 'zod';
import { ZJobsEnv } from '../jobs/jobs-env.js';
import { LOG_LEVELS } from '../log.js';
import { llmGroupProblems, ZRepliesEnv } from '../replies/replies-env.js';
import { ConfigError } from './config-error.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ZSecret = z.string().min(16, 'must be at least 16 characters (use a random value, e.g. `openssl rand -hex 32`)');
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

/**
 * Every environment variable Earshot reads. Connector and chat-surface groups are optional as a group:
 * a group left unset is simply switched off.
 */
export const ZEnv = z.object({
  DATABASE_URL: z.string().min(1).default('file:./data/earshot.db'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  EARSHOT_ORG_CHART: optionalString,
  /** Shared secret for `POST /webhooks/generic`; without it the endpoint answers 503. */
  GENERIC_WEBHOOK_SECRET: ZSecret.optional().or(z.literal('').transform(() => undefined)),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /**
   * A channel's backlog rule (src/outbox/channel-backlog.ts): when more card posts wait than the channel can post in
   * this many seconds, new P3/P4 cases are counted on one backlog card instead, and carded as it drains.
   */
  CHANNEL_BACKLOG_SECONDS: z.coerce.number().int().min(10).max(86_400).default(180),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  /** Pending inbox mentions above which inbound endpoints answer 429 + Retry-After (src/intake). */
  INTAKE_HIGH_WATER: z.coerce.number().int().min(100).max(10_000_000).default(50_000),
  /** Most mentions the pipeline stores in one transaction. */
  INTAKE_MAX_BATCH: z.coerce.number().int().min(1).max(1000).default(200),
  /** Run inbox commits and the pipeline in a worker thread (default), or in the web thread (`false`). */
  INTAKE_WORKER: optionalString.pipe(z.enum(['true', 'false', '1', '0']).optional()).transform((v) => v !== 'false' && v !== '0'),
  /** Triage's second tier (sentence encoder) for every case a person will see, beside the pipeline: `on` (default) or `off`. */
  TRIAGE_TIER2: optionalString.pipe(z.enum(['on', 'off']).optional()).transform((v) => v !== 'off'),
  /** Longest a new case's card waits for the second tier before it goes out with the fast engine's decision. */
  TRIAGE_TIER2_DEADLINE_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Worker threads the second tier embeds in (each holds its own encoder, ~250 MB). */
  TRIAGE_TIER2_WORKERS: z.coerce.number().int().min(1).max(16).default(1),
  /** Heads the second tier decides with: DIR/heads.json from `earshot train --with-corrections` (default: the committed ones). */
  TRIAGE_HEADS_FILE: optionalString,
  /** Scheduled jobs: SLA sweep, reminders, digests, retention (src/jobs/jobs-env.ts). */
  ...ZJobsEnv.shape,
  /** Suggested replies: saved-reply ranking and the optional LLM group for AI drafts (src/replies/replies-env.ts). */
  ...ZRepliesEnv.shape,
  /**
   * Slack: the bot token plus either the signing secret (HTTP: Slack posts to /slack/events) or the app-level token
   * (Socket Mode: Earshot connects out, no public URL); neither means Slack is off. See slackMode().
   */
  SLACK_BOT_TOKEN: optionalString.pipe(
    z.string().refine((v) => !v.startsWith('xapp-'), 'is an app-level token ("xapp-…"); put it in SLACK_APP_TOKEN, and the Bot User OAuth Token ("xoxb-…") here')
      .pipe(z.string().regex(/^xoxb-[A-Za-z0-9-]+$/, 'must be a bot token starting with "xoxb-" (OAuth & Permissions → Bot User OAuth Token)')).optional(),
  ),
  /** App-level token with the connections:write scope (Basic Information → App-Level Tokens); switches on Socket Mode. */
  SLACK_APP_TOKEN: optionalString.pipe(
    z.string().regex(/^xapp-[A-Za-z0-9-]+$/, 'must be an app-level token starting with "xapp-" (Basic Information → App-Level Tokens, scope connections:write)').optional(),
  ),
  SLACK_SIGNING_SECRET: optionalString.pipe(z.string().regex(/^[a-f0-9]{32,}$/i, 'must be the app\'s signing secret (32+ hex characters, Basic Information page)').optional()),
  SLACK_API_URL: z.string().url().default('https://slack.com/api/'),
  /** Teams: the Azure Bot's Microsoft App ID and client secret, both or neither (Teams off unless local mode). */
  TEAMS_APP_ID: optionalString.pipe(z.string().regex(GUID, 'must be the Azure Bot\'s Microsoft App ID (a GUID)').optional()),
  TEAMS_APP_PASSWORD: optionalString.pipe(z.string().min(8, 'must be the Azure Bot\'s client secret').optional()),
  /** Required for SingleTenant bots: the Entra ID tenant the bot is registered in. */
  TEAMS_TENANT_ID: optionalString.pipe(z.string().regex(GUID, 'must be an Entra ID tenant id (a GUID)').optional()),
  TEAMS_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant']).default('MultiTenant'),
  /**
   * Teams without credentials: the Bot Framework adapter then skips JWT validation (Emulator mode). For local
   * development and tests only; refused together with TEAMS_APP_ID.
   */
  TEAMS_LOCAL_MODE: optionalString.pipe(z.enum(['true', 'false', '1', '0']).optional()).transform((v) => v === 'true' || v === '1'),
  /**
   * The local sandbox workspace (src/sandbox): `auto` turns it on when no Slack or Teams surface is configured,
   * `on` insists (refused next to a real surface), `off` never.
   */
  EARSHOT_SANDBOX: optionalString.pipe(z.enum(['auto', 'on', 'off'], { message: 'must be "auto" (on when no Slack or Teams is configured), "on" or "off"' }).optional()).transform((v) => v ?? 'auto'),
}).superRefine((env, ctx) => {
  for (const issue of slackIssues(env)) ctx.addIssue({ code: 'custom', ...issue });
  if (!!env.TEAMS_APP_ID !== !!env.TEAMS_APP_PASSWORD) {
    const missing = env.TEAMS_APP_ID ? 'TEAMS_APP_PASSWORD' : 'TEAMS_APP_ID';
    ctx.addIssue({ code: 'custom', path: [missing], message: 'is required when the other Teams variable is set (set both to enable Teams, neither to disable it)' });
  }
  if (env.TEAMS_LOCAL_MODE && env.TEAMS_APP_ID) {
    ctx.addIssue({ code: 'custom', path: ['TEAMS_LOCAL_MODE'], message: 'skips request authentication, so it cannot be combined with TEAMS_APP_ID; unset it in production' });
  }
  if (env.TEAMS_APP_TYPE === 'SingleTenant' && env.TEAMS_APP_ID && !env.TEAMS_TENANT_ID) {
    ctx.addIssue({ code: 'custom', path: ['TEAMS_TENANT_ID'], message: 'is required when TEAMS_APP_TYPE is SingleTenant' });
  }
  for (const p of llmGroupProblems(env)) ctx.addIssue({ code: 'custom', path: [p.path], message: p.message });
  if (env.EARSHOT_SANDBOX === 'on' && (env.SLACK_BOT_TOKEN || teamsEnabled(env))) {
    ctx.addIssue({ code: 'custom', path: ['EARSHOT_SANDBOX'], message: 'stands in for Slack and Teams, so it cannot be "on" while SLACK_BOT_TOKEN, TEAMS_APP_ID or TEAMS_LOCAL_MODE is set; unset it (or say "auto")' });
  }
  if (env.TEAMS_TENANT_ID && !env.TEAMS_APP_ID) {
    ctx.addIssue({ code: 'custom', path: ['TEAMS_APP_ID'], message: 'is required when TEAMS_TENANT_ID is set' });
  }
});

export type TEnv = z.infer<typeof ZEnv>;

type TSlackVars = Pick<TEnv, 'SLACK_BOT_TOKEN' | 'SLACK_SIGNING_SECRET' | 'SLACK_APP_TOKEN'>;

/** The Slack group's valid combinations: bot token + signing secret (HTTP), bot token + app token (Socket Mode), or none. */
function slackIssues(env: TSlackVars): { path: string[]; message: string }[] {
  const { SLACK_BOT_TOKEN: bot, SLACK_SIGNING_SECRET: secret, SLACK_APP_TOKEN: app } = env;
  if (bot && !secret && !app) {
    return [{ path: ['SLACK_SIGNING_SECRET'], message: 'is required with SLACK_BOT_TOKEN unless SLACK_APP_TOKEN is set: set SLACK_APP_TOKEN (xapp-…) for Socket Mode (no public URL needed), or SLACK_SIGNING_SECRET for HTTP (Slack posts to /slack/events)' }];
  }
  if (!bot && (secret || app)) {
    return [{ path: ['SLACK_BOT_TOKEN'], message: `is required when ${app ? 'SLACK_APP_TOKEN' : 'SLACK_SIGNING_SECRET'} is set (the Bot User OAuth Token, xoxb-…; unset every SLACK_* variable to turn Slack off)` }];
  }
  return [];
}

/** How Slack reaches Earshot: over Earshot's own outbound WebSocket when an app-level token is set, else by HTTP. */
export function slackMode(env: TEnv): 'socket' | 'http' | 'off' {
  if (!env.SLACK_BOT_TOKEN) return 'off';
  return env.SLACK_APP_TOKEN ? 'socket' : env.SLACK_SIGNING_SECRET ? 'http' : 'off';
}

/** Teams is on with credentials (production) or in local mode (no authentication). */
export const teamsEnabled = (env: Pick<TEnv, 'TEAMS_APP_ID' | 'TEAMS_LOCAL_MODE'>): boolean => !!env.TEAMS_APP_ID || env.TEAMS_LOCAL_MODE;

/** The sandbox runs when asked to, or by default when no real chat surface is configured. */
export const sandboxEnabled = (env: TEnv): boolean =>
  env.EARSHOT_SANDBOX === 'on' || (env.EARSHOT_SANDBOX === 'auto' && !env.SLACK_BOT_TOKEN && !teamsEnabled(env));

/** Names of variables whose values must never be logged. */
export const SECRET_VARS = ['GENERIC_WEBHOOK_SECRET', 'DATABASE_URL', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'TEAMS_APP_PASSWORD', 'LLM_API_KEY'] as const;

/**
 * Validates the environment at start-up.
 * @throws ConfigError naming each variable and what is wrong with it (never echoing a secret's value).
 */
export function loadEnv(env: NodeJS.ProcessEnv = process.env): TEnv {
  const parsed = ZEnv.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`);
  // zod skips the cross-field checks once any field is invalid; the Slack combination is still worth naming now,
  // so a person fixing the environment sees every problem in one go.
  const raw = (k: keyof TSlackVars) => env[k] || undefined;
  for (const i of slackIssues({ SLACK_BOT_TOKEN: raw('SLACK_BOT_TOKEN'), SLACK_SIGNING_SECRET: raw('SLACK_SIGNING_SECRET'), SLACK_APP_TOKEN: raw('SLACK_APP_TOKEN') })) {
    const line = `${i.path.join('.')}: ${i.message}`;
    if (!problems.includes(line)) problems.push(line);
  }
  throw new ConfigError('the environment', problems);
}

/** Values to redact from logs. */
export function secretValues(env: TEnv): string[] {
  return SECRET_VARS.map((k) => env[k]).filter((v): v is string => typeof v === 'string' && v.length > 0);
}
