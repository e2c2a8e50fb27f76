import { validate as validateCron } from 'node-cron';
import { z } from 'zod';
import { ConfigError } from '../config/config-error.js';

/** An optional env var: unset and empty both mean "not given". */
export const zOptional = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

/** A node-cron expression with a default, checked at start-up rather than when the scheduler first runs it. */
export const zCron = (fallback: string) =>
  zOptional.pipe(z.string().refine((v) => validateCron(v), 'must be a node-cron expression, e.g. "*/5 * * * *"').optional()).transform((v) => v ?? fallback);

/** A comma-separated list ("acme, acme corp") as trimmed, non-empty entries. */
export const zList = zOptional.transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean));

/**
 * Reads one connector's env group. The group is off (null) while none of its `switches` is set, so an unused
 * connector costs nothing; once any is set the whole group must be valid.
 * @throws ConfigError naming each variable and what is wrong (never echoing a value).
 */
export function parseEnvGroup<S extends z.ZodType>(label: string, schema: S, switches: readonly string[], env: NodeJS.ProcessEnv): z.infer<S> | null {
  if (!switches.some((k) => env[k])) return null;
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  throw new ConfigError(`the ${label} connector environment`, parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`));
}
