/**
 * The order in which due items go out, lowest first (the `rank` column; claim-due-items sorts by it, then by due
 * time). The rule: within a channel, a new case's card goes before anything that only refreshes a card, and more
 * urgent cases go first — so an ordinary mention is posted within seconds even while an incident's updates queue.
 *   10     an incident's card (one per channel, standing for hundreds of mentions)
 *   11–14  a new case's card, P1 … P4
 *   20     alerts and requests people wait on (escalation, SLA, approval, follow-up, spike)
 *   30     an incident card refresh (coalesced: one waits at a time)
 *   40     a case card refresh
 *   50     everything else (replies to platforms, digests)
 */
export function deliveryRank(m: { kind: string; priority?: unknown; message?: unknown }): number {
  switch (m.kind) {
    case 'chat.deliver':
      return m.message && typeof m.message === 'object' ? deliveryRank(m.message as { kind: string }) : 50;
    case 'incident.post':
      return 10;
    case 'card.post': {
      const p = /^P([1-4])$/.exec(String(m.priority ?? ''))?.[1];
      return p ? 10 + Number(p) : 14;
    }
    case 'escalation.notify':
    case 'sla.alert':
    case 'approval.request':
    case 'followup.remind':
    case 'spike.alert':
    case 'incident.notice':
      return 20;
    case 'incident.update':
      return 30;
    case 'card.update':
      return 40;
    default:
      return 50;
  }
}
