import type { TMention } from '../mention.js';
import type { TCategory, TOrgChart, TPriority, TSentiment } from '../config/org-chart-schema.js';
import type { TReading } from './reading.js';

export const DECISIONS = ['respond', 'respond_then_offline', 'monitor', 'ignore', 'escalate'] as const;
export type TDecisionKind = (typeof DECISIONS)[number];

/** The Triage decision contract of DESIGN.md: one per mention, deterministic for the same input, config and history. */
export interface TTriageDecision {
  externalId: string;
  sentiment: TSentiment;
  /** -1 (very negative) .. 1 (very positive) */
  sentimentScore: number;
  complaint: boolean;
  offensive: boolean;
  category: TCategory;
  /** BCP-47-ish primary tag, or "und" when the engine cannot tell. */
  lang: string;
  decision: TDecisionKind;
  priority: TPriority;
  priorityScore: number;
  team: string;
  slaMinutes: number | null;
  clusterId?: string;
  /** Human-readable, shown on the card. */
  reasons: string[];
  /** Calibrated probability (0..1) that the decision is the one a social-care lead would make. */
  confidence: number;
  /** When the engine is unsure, why, in plain words ("Tone unclear — may be sarcastic"); also first in reasons. */
  unsure?: string;
  /** Which tier decided: the fast engine alone, or the sentence encoder's heads ensembled with it. */
  tier: 'fast' | 'full';
  /** What the fast engine read (plain data): the second tier decides again from it. */
  signals: TReading;
}

/** What the store knows about the author before this mention (counters exclude it). */
export interface TAuthorHistory {
  mentions: number;
  complaints: number;
  praise: number;
  tags: string[];
  tier?: string | null;
  customerId?: string | null;
}

/** A mention seen recently, for velocity and clustering; callers pass those inside the window they keep. */
export interface TRecentMention {
  platform: TMention['platform'];
  externalId: string;
  text: string;
  createdAt: string;
  clusterId?: string | null;
  category?: TCategory;
  /** Where it happens, if the post says (see place.ts); computed from the text when absent. */
  place?: string | null;
}

export interface TTriageContext {
  orgChart: TOrgChart;
  /** Injected clock: triage never reads the system time. */
  now: Date;
  author?: TAuthorHistory;
  recent?: readonly TRecentMention[];
}

/** The single entry point ingest calls. Pure: same input, same output. */
export type TTriageFn = (mention: TMention, ctx: TTriageContext) => TTriageDecision;
