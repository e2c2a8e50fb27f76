import { z } from 'zod';
import { LOG_LEVELS } from '../log.js';
import { ConfigError } from './config-error.js';

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
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  /** Slack: both the bot token and the signing secret, or neither (Slack off). */
  SLACK_BOT_TOKEN: optionalString.pipe(z.string().regex(/^xoxb-[A-Za-z0-9-]+$/, 'must be a bot token starting with "xoxb-"').optional()),
  SLACK_SIGNING_SECRET: optionalString.pipe(z.string().regex(/^[a-f0-9]{32,}$/i, 'must be the app\'s signing secret (32+ hex characters, Basic Information page)').optional()),
  SLACK_API_URL: z.string().url().default('https://slack.com/api/'),
}).superRefine((env, ctx) => {
  if (!!env.SLACK_BOT_TOKEN !== !!env.SLACK_SIGNING_SECRET) {
    const missing = env.SLACK_BOT_TOKEN ? 'SLACK_SIGNING_SECRET' : 'SLACK_BOT_TOKEN';
    ctx.addIssue({ code: 'custom', path: [missing], message: 'is required when the other Slack variable is set (set both to enable Slack, neither to disable it)' });
  }
});
export type TEnv = z.infer<typeof ZEnv>;

/** Names of variables whose values must never be logged. */
export const SECRET_VARS = ['GENERIC_WEBHOOK_SECRET', 'DATABASE_URL', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'] as const;

/**
 * Validates the environment at start-up.
 * @throws ConfigError naming each variable and what is wrong with it (never echoing a secret's value).
 */
export function loadEnv(env: NodeJS.ProcessEnv = process.env): TEnv {
  const parsed = ZEnv.safeParse(env);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    'the environment',
    parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`),
  );
}

/** Values to redact from logs. */
export function secretValues(env: TEnv): string[] {
  return SECRET_VARS.map((k) => env[k]).filter((v): v is string => typeof v === 'string' && v.length > 0);
}
