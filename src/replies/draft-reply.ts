import { randomBytes } from 'node:crypto';
import { authorise } from '../cases/authorise.js';
import { findTeam } from '../config/org-chart-queries.js';
import type { TOrgChart } from '../config/org-chart-schema.js';
import { TEXT_LIMITS } from '../connectors/text-limits.js';
import { AppError } from '../errors.js';
import type { TLogger } from '../log.js';
import type { TDb } from '../store/client.js';
import { loadDraftContext } from './draft-context.js';
import { checkDraft, flagReason, redactSecrets } from './draft-checks.js';
import type { TDraftMetrics } from './draft-metrics.js';
import { buildDraftPrompt, type TDraftContext } from './draft-prompt.js';
import { capState } from './draft-usage.js';
import { fitLength } from './fit-length.js';
import { completeWithRetry } from './llm/complete-with-retry.js';
import { LlmError, llmFailureSentence } from './llm/llm-error.js';
import { fillPlaceholders, placeholderValues } from './placeholders.js';
import type { TLlmConfig } from './replies-env.js';

export interface TDraftDeps {
  db: TDb;
  orgChart: TOrgChart;
  now: () => Date;
  log: TLogger;
  llm: TLlmConfig;
  fetch: typeof fetch;
  /** Configured secret values: removed from every prompt, and a draft holding one is flagged. */
  secrets: readonly string[];
  metrics: TDraftMetrics;
  /** Milliseconds for deadlines and durations (default Date.now). */
  monotonic?: () => number;
}

export interface TDraftRequest {
  caseId: string;
  actorId: string;
  surface: 'slack' | 'teams';
  /** The team's best saved replies for this post, as examples of its voice. */
  examples: TDraftContext['examples'];
  /** With it, the answer is streamed and this gets the draft so far (placeholders resolved). */
  onProgress?: (soFar: string) => void;
}

export interface TDraftTokens {
  prompt: number;
  completion: number;
  estimated: boolean;
}

export type TDraftOutcome =
  | { kind: 'ready'; draftId: string; text: string; model: string; tokens: TDraftTokens; notes: string[] }
  | { kind: 'flagged'; draftId: string; text: string; model: string; tokens: TDraftTokens; reasons: string[]; notes: string[] }
  | { kind: 'failed'; draftId: string; reason: string };

export interface TDraftHandle {
  draftId: string;
  done: Promise<TDraftOutcome>;
}

const TEMPERATURE = 0.4;

/**
 * "Draft with AI" for one case. Checks the person may reply and the organisation's daily cap, records the prompt
 * (an AiDraft row) before anything leaves the process, asks the endpoint within LLM_TIMEOUT_MS (retrying 429 / 5xx
 * while time allows), then resolves placeholders, fits the platform's limit and checks the result. The outcome —
 * who asked, the model, the tokens, ready / flagged / failed — goes on the case's audit trail. Nothing is sent:
 * a draft only ever lands in a dialog.
 * @throws AppError FORBIDDEN for viewers; INVALID_STATE (details.aiOff) when today's cap is used up.
 */
export async function startDraft(deps: TDraftDeps, req: TDraftRequest): Promise<TDraftHandle> {
  const started = deps.now();
  const ctx = await loadDraftContext(deps.db, deps.orgChart, req.caseId, req.examples);
  const actor = authorise(deps.orgChart, req.actorId, ctx.team, 'reply');
  const cap = await capState(deps.db, deps.orgChart, started);
  if (cap.capped) throw new AppError('INVALID_STATE', cap.reason, { aiOff: true });
  const c = await deps.db.case.findUniqueOrThrow({ where: { id: req.caseId }, include: { author: true } });
  const values = placeholderValues(
    { author: c.author, team: { name: findTeam(deps.orgChart, c.team)?.name ?? c.team }, platformName: ctx.platformName, caseId: c.id, organisation: deps.orgChart.organisation },
    actor.member.name,
  );
  const voice = deps.orgChart.voice;
  const allowedLinks = allowedLinksOf(deps.orgChart);
  const canary = `ES-${randomBytes(8).toString('hex')}`;
  const messages = buildDraftPrompt({ context: ctx, voice, allowedLinks, canary }).map((m) => ({ ...m, content: redactSecrets(m.content, deps.secrets) }));
  const row = await deps.db.aiDraft.create({
    data: { caseId: c.id, team: c.team, actor: req.actorId, surface: req.surface, model: deps.llm.model, status: 'running', prompt: JSON.stringify(messages), createdAt: started },
  });
  const limit = TEXT_LIMITS[ctx.platform];
  // Time on the wire is measured on the real clock, whatever clock the business logic runs on.
  const clock = { now: deps.monotonic ?? Date.now, start: (deps.monotonic ?? Date.now)() };
  const show = (raw: string) => redactSecrets(fillPlaceholders(raw, values), deps.secrets);

  const run = async (): Promise<TDraftOutcome> => {
    const deadline = clock.start + deps.llm.timeoutMs;
    try {
      const completion = await completeWithRetry(
        { baseUrl: deps.llm.baseUrl, apiKey: deps.llm.apiKey, fetch: deps.fetch },
        { model: deps.llm.model, messages, maxTokens: Math.min(1024, Math.ceil(limit.max / 3) + 64), temperature: TEMPERATURE },
        { deadline, now: clock.now, ...(req.onProgress && { onDelta: (soFar: string) => req.onProgress!(show(soFar)) }) },
      );
      const filled = show(completion.text.trim());
      const fitted = fitLength(filled, limit.max, limit.unit);
      const flags = checkDraft(fitted.text, { bannedPromises: voice.bannedPromises, allowedLinks, knownHandles: [c.author.handle, ...deps.orgChart.brandHandles], secrets: [] });
      // The marker and secrets are looked for in the raw answer: shortening or redaction may have removed them from the text.
      if (completion.text.includes(canary)) flags.push({ kind: 'instructions_leak' });
      if (deps.secrets.some((s) => s.length >= 8 && completion.text.includes(s))) flags.push({ kind: 'secret' });
      const reasons = [...new Set(flags.map(flagReason))];
      const notes = fitted.cut > 0 ? [`The draft was ${fitted.cut.toLocaleString('en')} ${limit.unit} over ${ctx.platformName}'s limit of ${limit.max.toLocaleString('en')} and was shortened; check it still reads right.`] : [];
      const status = reasons.length ? 'flagged' : 'ready';
      const tokens = { prompt: completion.usage.promptTokens, completion: completion.usage.completionTokens, estimated: completion.usage.estimated };
      const text = fitted.text.replaceAll(canary, '').trim();
      await finish(deps, row.id, req, clock, { status, model: completion.model, tokens, reasons, response: redactSecrets(completion.text, deps.secrets), text });
      return status === 'flagged'
        ? { kind: 'flagged', draftId: row.id, text, model: completion.model, tokens, reasons, notes }
        : { kind: 'ready', draftId: row.id, text, model: completion.model, tokens, notes };
    } catch (err) {
      const e = err instanceof LlmError ? err : new LlmError('network', err instanceof Error ? err.message : String(err));
      deps.log.warn('ai draft failed', { caseId: c.id, draftId: row.id, kind: e.kind, error: e.message });
      const reason = llmFailureSentence(e, deps.llm.timeoutMs);
      await finish(deps, row.id, req, clock, { status: e.kind === 'timeout' ? 'timeout' : 'failed', model: deps.llm.model, tokens: { prompt: 0, completion: 0, estimated: false }, reasons: [], error: `${e.kind}: ${e.message}`.slice(0, 500) }).catch(
        (dbErr: unknown) => deps.log.error('ai draft: could not record the failure', { draftId: row.id, error: String(dbErr) }),
      );
      return { kind: 'failed', draftId: row.id, reason };
    }
  };
  return { draftId: row.id, done: run() };
}

/** The allow-list: the voice guide's links, plus the hosts the team's own saved replies already link to. */
export function allowedLinksOf(chart: TOrgChart): string[] {
  const fromReplies = chart.savedReplies.flatMap((r) => [...r.text.matchAll(/(?:https?:\/\/)?((?:[a-z0-9-]+\.)+[a-z]{2,24})(?=[\s/]|$)/gi)].map((m) => m[1]!.toLowerCase()));
  return [...new Set([...chart.voice.allowedLinks, ...fromReplies])];
}

async function finish(
  deps: TDraftDeps,
  draftId: string,
  req: TDraftRequest,
  clock: { now: () => number; start: number },
  r: { status: string; model: string; tokens: TDraftTokens; reasons: string[]; response?: string; text?: string; error?: string },
): Promise<void> {
  const at = deps.now();
  await deps.db.$transaction([
    deps.db.aiDraft.update({
      where: { id: draftId },
      data: {
        status: r.status,
        model: r.model,
        response: r.response ?? null,
        text: r.text ?? null,
        flags: JSON.stringify(r.reasons),
        error: r.error ?? null,
        promptTokens: r.tokens.prompt,
        completionTokens: r.tokens.completion,
        tokensEstimated: r.tokens.estimated,
        finishedAt: at,
      },
    }),
    // The audit row names who asked, the model and the cost; the texts stay in AiDraft, erased with the author.
    deps.db.caseEvent.create({
      data: {
        caseId: req.caseId,
        actor: req.actorId,
        action: 'ai_draft',
        at,
        payload: JSON.stringify({ draftId, model: r.model, status: r.status, promptTokens: r.tokens.prompt, completionTokens: r.tokens.completion, tokensEstimated: r.tokens.estimated, flags: r.reasons, surface: req.surface }),
      },
    }),
  ]);
  deps.metrics.observe({ status: r.status, promptTokens: r.tokens.prompt, completionTokens: r.tokens.completion, seconds: (clock.now() - clock.start) / 1000 });
}
