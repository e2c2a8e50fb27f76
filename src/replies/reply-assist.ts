import type { TOrgChart } from '../config/org-chart-schema.js';
import type { TReplyPurpose } from '../config/voice-schema.js';
import { AppError } from '../errors.js';
import type { TLogger } from '../log.js';
import type { TDb } from '../store/client.js';
import type { TDraftMetrics } from './draft-metrics.js';
import { startDraft, type TDraftHandle, type TDraftOutcome } from './draft-reply.js';
import { capState } from './draft-usage.js';
import { LlmError, llmFailureSentence, type TLlmErrorKind } from './llm/llm-error.js';
import type { TLlmConfig } from './replies-env.js';
import { suggestReplies, type TSuggestions, type TSuggestSubject } from './suggest-replies.js';
import type { TTextSimilarity } from './text-similarity.js';

/** Whether "Draft with AI" can be offered right now, and if not, why. */
export type TAiAvailability = { kind: 'off' } | { kind: 'available'; model: string } | { kind: 'capped'; reason: string };

/** A draft as a dialog shows it: still being written (with the text so far, when this process has it) or finished. */
export type TDraftState = { kind: 'running'; draftId: string; partial: string } | TDraftOutcome;

export interface TReplyAssist {
  suggest(subject: TSuggestSubject, purpose: TReplyPurpose, agentName: string): Promise<TSuggestions>;
  availability(): Promise<TAiAvailability>;
  /** Starts a draft; `onProgress` streams it. @throws AppError when AI drafts are off, capped, or the person may not reply. */
  draft(r: { subject: TSuggestSubject; actorId: string; surface: 'slack' | 'teams'; onProgress?: (soFar: string) => void }): Promise<TDraftHandle>;
  /** A draft by id, started here or by another process (then without the partial text). */
  draftState(draftId: string): Promise<TDraftState | null>;
}

export interface TReplyAssistDeps {
  db: TDb;
  orgChart: TOrgChart;
  now: () => Date;
  log: TLogger;
  similarity: TTextSimilarity;
  /** Null when LLM_BASE_URL / LLM_API_KEY / LLM_MODEL are unset: AI drafts are off. */
  llm: TLlmConfig | null;
  fetch: typeof fetch;
  secrets: readonly string[];
  metrics: TDraftMetrics;
}

/** Finished drafts stay readable from memory this long, for a dialog that asks again. */
const KEEP_MS = 15 * 60_000;

/** Saved-reply suggestions and AI drafts behind one object, as the chat surfaces use them. */
export function createReplyAssist(deps: TReplyAssistDeps): TReplyAssist {
  const live = new Map<string, { partial: string; outcome?: TDraftOutcome }>();
  return {
    suggest: (subject, purpose, agentName) => suggestReplies(deps, subject, purpose, agentName),
    async availability() {
      if (!deps.llm) return { kind: 'off' };
      const cap = await capState(deps.db, deps.orgChart, deps.now());
      return cap.capped ? { kind: 'capped', reason: cap.reason } : { kind: 'available', model: deps.llm.model };
    },
    async draft(r) {
      if (!deps.llm) throw new AppError('NOT_CONFIGURED', 'AI drafts are off: ask your admin to set LLM_BASE_URL, LLM_API_KEY and LLM_MODEL.', { aiOff: true });
      const top = await suggestReplies(deps, r.subject, 'reply', '');
      const entry: { partial: string; outcome?: TDraftOutcome } = { partial: '' };
      const handle = await startDraft(
        { ...deps, llm: deps.llm },
        {
          caseId: r.subject.id,
          actorId: r.actorId,
          surface: r.surface,
          examples: [top.best, ...top.next].filter((s) => s !== null).slice(0, 2).map((s) => ({ title: s.title, text: s.template })),
          // Only a surface that can show a draft as it arrives asks for a stream (Slack); Teams gets one answer.
          ...(r.onProgress && {
            onProgress: (soFar: string) => {
              entry.partial = soFar;
              r.onProgress!(soFar);
            },
          }),
        },
      );
      live.set(handle.draftId, entry);
      void handle.done.then((o) => {
        entry.outcome = o;
        setTimeout(() => live.delete(handle.draftId), KEEP_MS).unref();
      });
      return handle;
    },
    async draftState(draftId) {
      const mine = live.get(draftId);
      if (mine) return mine.outcome ?? { kind: 'running', draftId, partial: mine.partial };
      const row = await deps.db.aiDraft.findUnique({ where: { id: draftId } });
      if (!row) return null;
      const tokens = { prompt: row.promptTokens, completion: row.completionTokens, estimated: row.tokensEstimated };
      const reasons = (() => {
        try {
          return (JSON.parse(row.flags) as unknown[]).map(String);
        } catch {
          return [];
        }
      })();
      const timeoutMs = deps.llm?.timeoutMs ?? 20_000;
      switch (row.status) {
        case 'ready':
          return { kind: 'ready', draftId, text: row.text ?? '', model: row.model, tokens, notes: [] };
        case 'flagged':
          return { kind: 'flagged', draftId, text: row.text ?? '', model: row.model, tokens, reasons, notes: [] };
        case 'running':
          // Its process may have died: past the deadline it is as good as timed out.
          if (deps.now().getTime() - row.createdAt.getTime() > timeoutMs + 5000) return { kind: 'failed', draftId, reason: llmFailureSentence(new LlmError('timeout', ''), timeoutMs) };
          return { kind: 'running', draftId, partial: '' };
        default: {
          const kind = (row.error?.split(':')[0] ?? 'network') as TLlmErrorKind;
          return { kind: 'failed', draftId, reason: llmFailureSentence(new LlmError(kind, ''), timeoutMs) };
        }
      }
    },
  };
}
