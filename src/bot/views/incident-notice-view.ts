import type { TOrgChart } from '../../config/org-chart-schema.js';
import type { TDb } from '../../store/client.js';
import { personRef, type TPersonRef } from './case-view.js';

/** A notice in the incident card's thread: who it is for and what to tell them (our words only, no user text). */
export interface TIncidentNoticeView {
  person: TPersonRef | null;
  text: string;
}

export async function loadIncidentNotice(db: TDb, chart: TOrgChart, eventId: string): Promise<TIncidentNoticeView | null> {
  const ev = await db.incidentEvent.findUnique({ where: { id: eventId } });
  if (!ev || ev.action !== 'acknowledgement_failed') return null;
  const p = JSON.parse(ev.payload) as { failed?: number; startedBy?: string };
  const n = Number(p.failed ?? 0);
  return {
    person: p.startedBy ? personRef(chart, p.startedBy) : null,
    text: `${n} ${n === 1 ? 'reply' : 'replies'} of your public acknowledgement could not be posted; the texts are kept. "Retry ${n} failed" on the incident card sends them again.`,
  };
}
