/**
 * The order in which due items go out, lowest first (the `rank` column; claim-due-items sorts by it, then by due
 * time). The rule, in lanes:
 *   0      the staff lane: work a person just asked for and is waiting to see — an in-media reply or private
 *          follow-up, an approval request, the card refresh after a staff click. It never queues behind bulk card
 *          posts, however many a surge has waiting (test/outbox/reply-lane.test.ts).
 *   10     an incident's card (one per channel, standing for hundreds of mentions), and a channel's backlog card
 *          (one per channel, standing for the cases waiting to be carded: src/outbox/channel-backlog.ts)
 *   11–14  a new case's card, P1 … P4 — so an ordinary mention is posted within seconds even while refreshes queue
 *   20     alerts and requests people wait on (escalation, SLA, follow-up, spike, a failed
 *          bulk acknowledgement's notice)
 *   30     an incident card refresh (coalesced: one waits at a time)
 *   40     a case card refresh the pipeline asked for (a follow-up mention joined the case)
 *   50     everything else (digests)
 */
export const STAFF_LANE = 0;

export function deliveryRank(m: { kind: string; priority?: unknown; message?: unknown; staff?: unknown }): number {
  switch (m.kind) {
    case 'chat.deliver':
      return m.message && typeof m.message === 'object' ? deliveryRank(m.message as { kind: string }) : 50;
    case 'platform.reply':
    case 'approval.request':
      return STAFF_LANE;
    case 'incident.post':
    case 'backlog.update':
      return 10;
    case 'card.post': {
      const p = /^P([1-4])$/.exec(String(m.priority ?? ''))?.[1];
      return p ? 10 + Number(p) : 14;
    }
    case 'escalation.notify':
    case 'sla.alert':
    case 'followup.remind':
    case 'spike.alert':
    case 'incident.notice':
      return 20;
    case 'incident.update':
      return 30;
    case 'card.update':
      return m.staff === true ? STAFF_LANE : 40;
    default:
      return 50;
  }
}

/** The ranks of new-case card posts: what a channel's backlog rule counts and holds back. */
export const CARD_POST_RANKS = { min: 11, max: 14 } as const;
