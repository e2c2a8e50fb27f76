import type { TOrgChart } from '../../config/org-chart-schema.js';
import { CATEGORIES, SENTIMENTS } from '../../config/org-chart-schema.js';
import { AppError } from '../../errors.js';
import type { TDb } from '../../store/client.js';
import { DECISIONS } from '../../triage/types.js';
import { CORRECTABLE, type TTriageCorrection } from '../../cases/correct-triage.js';
import { decisionLabel } from './case-view.js';

/** One field of the "Correct triage" dialog, surface-neutral: both Slack's modal and Teams' dialog render these. */
export interface TCorrectionField {
  id: (typeof CORRECTABLE)[number];
  label: string;
  options: { value: string; label: string }[];
  /** What triage (or the last correction) says now: pre-selected. */
  current: string;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The dialog's fields for a case, with its current values. */
export async function loadCorrectionFields(db: TDb, chart: TOrgChart, caseId: string): Promise<TCorrectionField[]> {
  const c = await db.case.findUnique({ where: { id: caseId }, select: { sentiment: true, complaint: true, category: true, decision: true, team: true } });
  if (!c) throw new AppError('NOT_FOUND', 'This case no longer exists.');
  return [
    { id: 'sentiment', label: 'Sentiment', options: SENTIMENTS.map((s) => ({ value: s, label: cap(s) })), current: c.sentiment },
    { id: 'complaint', label: 'Complaint (a problem we can solve)', options: [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }], current: c.complaint ? 'yes' : 'no' },
    { id: 'category', label: 'Category', options: CATEGORIES.map((k) => ({ value: k, label: cap(k) })), current: c.category },
    { id: 'decision', label: 'Decision', options: DECISIONS.map((d) => ({ value: d, label: decisionLabel(d) })), current: c.decision },
    { id: 'team', label: 'Team (a new team gets the card)', options: chart.teams.map((t) => ({ value: t.id, label: t.name })), current: c.team },
  ];
}

/** A submitted dialog's values (field id → chosen value) as a correction; the case service validates it. */
export function correctionOf(values: Partial<Record<TCorrectionField['id'], string | undefined>>): TTriageCorrection {
  return {
    sentiment: values.sentiment as TTriageCorrection['sentiment'],
    complaint: values.complaint === 'yes',
    category: values.category as TTriageCorrection['category'],
    decision: values.decision as TTriageCorrection['decision'],
    team: values.team ?? '',
  };
}
