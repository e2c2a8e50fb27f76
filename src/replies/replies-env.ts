import { z } from 'zod';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

/** The LLM group's variables: all three or none. */
export const LLM_VARS = ['LLM_BASE_URL', 'LLM_API_KEY', 'LLM_MODEL'] as const;

/**
 * Environment variables of suggested replies, merged into ZEnv (`...ZRepliesEnv.shape`). AI drafts are off unless
 * the whole LLM group is set; `llmGroupProblems` is checked in ZEnv's superRefine so a half-set group stops start-up.
 */
export const ZRepliesEnv = z.object({
  /** Base URL of an OpenAI-compatible API, up to and including the version ("https://api.openai.com/v1"). */
  LLM_BASE_URL: optional.pipe(z.string().url('must be the base URL of an OpenAI-compatible API, e.g. "https://api.openai.com/v1"').refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL').optional()),
  LLM_API_KEY: optional.pipe(z.string().min(8, 'must be the API key of the LLM endpoint').optional()),
  LLM_MODEL: optional.pipe(z.string().min(1).max(200).optional()),
  /** The whole draft (all retries included) must finish within this; past it the dialog keeps the saved reply. */
  LLM_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(20_000),
  /** `words` ranks saved replies by shared words only, sparing the sentence encoder's ~350 MB. */
  REPLY_RANKING: z.enum(['encoder', 'words']).default('encoder'),
});
export type TRepliesEnv = z.infer<typeof ZRepliesEnv>;

export interface TLlmConfig {
  baseUrl: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
}

/** One issue per missing variable once any of the group is set. */
export function llmGroupProblems(env: Partial<Record<(typeof LLM_VARS)[number], string | undefined>>): { path: string; message: string }[] {
  if (!LLM_VARS.some((k) => env[k])) return [];
  return LLM_VARS.filter((k) => !env[k]).map((k) => ({
    path: k,
    message: `is required when ${LLM_VARS.filter((x) => env[x]).join(' / ')} is set (set LLM_BASE_URL, LLM_API_KEY and LLM_MODEL to enable AI drafts, none to disable them)`,
  }));
}

/** The endpoint AI drafts go to, or null when they are off. */
export function llmConfig(env: TRepliesEnv): TLlmConfig | null {
  if (!env.LLM_BASE_URL || !env.LLM_API_KEY || !env.LLM_MODEL) return null;
  return { baseUrl: env.LLM_BASE_URL.replace(/\/+$/, ''), apiKey: env.LLM_API_KEY, model: env.LLM_MODEL, timeoutMs: env.LLM_TIMEOUT_MS };
}
