import type { THeadScorer } from '../../src/triage/tier2/index.js';
import type { startSlackHarness } from '../bot/slack/harness.js';

/** The real scorer behind a gate the test opens: a model that is slow to answer (or never does). */
export function slowScorer(real: THeadScorer) {
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  return { scorer: { score: async (texts: string[]) => (await gate, real.score(texts)) } satisfies THeadScorer, open };
}

/** A case's own card (not a thread reply) among what the fake Slack received. */
export const cardOf = (h: Awaited<ReturnType<typeof startSlackHarness>>, caseId: string) =>
  h.slack.messages.find((m) => !m.thread_ts && m.blocks.some((b) => String(b.block_id).startsWith(`case:${caseId}:`)));

/** From the decision set: the fast engine monitors it for social care; the encoder reads a billing complaint. */
export const REFUND = { platform: 'reddit' as const, text: 'Acme billed me for a router I returned in January. Support keep saying it\'s "in progress".' };
