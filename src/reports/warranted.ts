/**
 * Decisions that warrant a public response: respond, respond_then_offline and escalate (an escalation is a case
 * someone must answer, just with a manager involved). monitor and ignore do not: leaving them unanswered is correct,
 * so they count neither for nor against the response rate or the SLA.
 */
export const WARRANTED_DECISIONS: readonly string[] = ['respond', 'respond_then_offline', 'escalate'];

/** Statuses of cases still on someone's plate: the backlog. monitoring, resolved and ignored need no more work. */
export const OPEN_STATUSES: readonly string[] = ['new', 'claimed', 'offline'];
