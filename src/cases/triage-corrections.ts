import type { TDb } from '../store/client.js';
import { CORRECTABLE, TRIAGE_CORRECTED } from './correct-triage.js';

/** One corrected case as training reads it (scripts/triage/retrain.ts `ZCorrectionRow`): the post and staff's labels. */
export interface TCorrectionExport {
  id: string;
  text: string;
  platform: string;
  sentiment: string;
  complaint: boolean;
  category: string;
  decision: string;
  team: string;
}

/**
 * The organisation's own corrections, one per corrected case, in case-id order (so a retrain over the same database
 * is the same run): the text triage read (the case's first mention) and the labels as staff last left them — the
 * dialog submits every field, so all five are staff's answer, not only those that changed.
 */
export async function loadTriageCorrections(db: TDb): Promise<TCorrectionExport[]> {
  const events = await db.caseEvent.findMany({ where: { action: TRIAGE_CORRECTED }, orderBy: [{ at: 'asc' }, { id: 'asc' }], select: { caseId: true, payload: true } });
  const latest = new Map<string, Record<string, unknown>>();
  for (const e of events) {
    const labels = labelsOf(e.payload);
    if (labels) latest.set(e.caseId, labels);
  }
  const ids = [...latest.keys()].sort();
  const first = await db.mention.findMany({ where: { caseId: { in: ids } }, orderBy: { receivedAt: 'asc' }, select: { caseId: true, text: true, platform: true } });
  const post = new Map<string, { text: string; platform: string }>();
  for (const m of first) if (m.caseId && !post.has(m.caseId)) post.set(m.caseId, m);
  return ids.flatMap((id) => {
    const p = post.get(id);
    const l = latest.get(id)!;
    return p ? [{ id, text: p.text, platform: p.platform, ...(l as Omit<TCorrectionExport, 'id' | 'text' | 'platform'>) }] : [];
  });
}

/** The labels after a correction: the triage it started from with what staff changed laid over it. */
function labelsOf(payload: string): Record<string, unknown> | null {
  try {
    const p = JSON.parse(payload) as { triage?: Record<string, unknown>; changed?: Record<string, { to?: unknown }> };
    const out: Record<string, unknown> = {};
    for (const f of CORRECTABLE) {
      const v = p.changed?.[f] ? p.changed[f]!.to : p.triage?.[f];
      if (v === undefined) return null;
      out[f] = v;
    }
    return out;
  } catch {
    return null;
  }
}
