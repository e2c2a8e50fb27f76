/**
 * Which outbox items stand in for any later one like them while they wait. A case card refresh re-reads the case when
 * it goes out, so while one the pipeline asked for is still pending, another for the same case would only post the
 * same card again: a busy case's follow-ups (one refresh each) would otherwise pile up behind the channel's pace. The
 * key is the `pendingKey` column, unique, so two processes cannot both insert one (writers use ON CONFLICT DO NOTHING),
 * and claiming an item clears it (claim-due-items.ts): a refresh asked for while one is in flight is queued, since the
 * one in flight may have read the case already. Only the refreshes follow-up mentions cause are merged (the card says
 * how many joined; the thread gets one "added a follow-up" line for the lot): a refresh a person's click caused (the
 * staff lane) or one that tells the thread something (an SLA escalation, an erasure, an acknowledgement) always goes.
 */
export function pendingKeyOf(m: { kind: string; caseId?: unknown; staff?: unknown; followUp?: unknown; surface?: unknown; message?: unknown }): string | null {
  if (m.kind === 'chat.deliver') {
    const inner = m.message && typeof m.message === 'object' ? pendingKeyOf(m.message as { kind: string }) : null;
    return inner && `${inner}:${String(m.surface)}`;
  }
  return m.kind === 'card.update' && m.followUp === true && m.staff !== true && typeof m.caseId === 'string' ? `card.update:${m.caseId}` : null;
}
