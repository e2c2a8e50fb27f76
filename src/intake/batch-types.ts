import type { TMention } from '../mention.js';
import type { TTriageDecision } from '../triage/index.js';

/** One accepted mention as the pipeline takes it from the inbox. */
export interface TInboxEntry {
  seq: number;
  mention: TMention;
  /** When its accept committed: the mention's received time. */
  acceptedAt: Date;
  attempts: number;
}

/** What became of one mention; `ingest()` callers get this back. */
export type TIngestResult =
  | { status: 'duplicate'; mentionId: string; caseId: string | null }
  | { status: 'created'; mentionId: string; caseId: string; decision: TTriageDecision }
  | { status: 'joined'; mentionId: string; caseId: string; decision: TTriageDecision };

export interface TAuthorRow {
  id: string;
  platform: string;
  handle: string;
  externalId: string | null;
  displayName: string | null;
  profileUrl: string | null;
  followers: number;
  verified: boolean;
  mentionCount: number;
  complaintCount: number;
  praiseCount: number;
  offensiveCount: number;
  /** JSON array, as stored. */
  tags: string;
  customerId: string | null;
  tier: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

export interface TOpenCase {
  id: string;
  priority: string;
  priorityScore: number;
  clusterId: string | null;
  category: string;
  createdAt: Date;
}

/** What the database knows that a batch depends on, read once per batch inside its transaction. */
export interface TBatchState {
  /** Mentions already stored, by `platform\0externalId`. */
  stored: Map<string, { id: string; caseId: string | null }>;
  /** Authors by `platform\0handle`. */
  authors: Map<string, TAuthorRow>;
  /** Thread keys of stored mentions that batch mentions answer, by `platform\0externalId`. */
  parents: Map<string, string>;
  /** Thread keys of cases whose sent replies batch mentions answer, by `platform\0platformReplyId`. */
  ourReplies: Map<string, string>;
  /** Open cases by `platform\0threadKey\0authorId`, newest first (filled after threads are resolved). */
  openCases: Map<string, TOpenCase>;
}

export const key2 = (a: string, b: string): string => `${a}\u0000${b}`;
export const key3 = (a: string, b: string, c: string): string => `${a}\u0000${b}\u0000${c}`;
