/**
 * Triage: the pure engine that reads a mention and decides what staff should do with it.
 * No I/O, no clock (pass `now`), no randomness. See DESIGN.md "Triage decision".
 *
 * @example
 * import { triage } from './triage/index.js';
 * const d = triage(mention, { orgChart, now: new Date(), recent, author });
 */
export { triage } from './triage.js';
export { createTriageSession, type TTriageSession, type TTriageSessionOptions } from './session.js';
export { CLUSTER_WINDOW_MINUTES, clusterIdFor } from './cluster.js';
export { VOLUME_THRESHOLD } from './decide.js';
export { READABLE_LANGS } from './language.js';
export type {
  TAuthorHistory,
  TDecisionKind,
  TRecentMention,
  TTriageContext,
  TTriageDecision,
  TTriageFn,
} from './types.js';
export { DECISIONS } from './types.js';
