import type { TOrgChart } from '../../config/org-chart-schema.js';
import { planAudience } from '../../incidents/ack-audience.js';
import { answeredFor, loadAckState } from '../../incidents/ack-members.js';
import type { TDb } from '../../store/client.js';
import { personRef, type TPersonRef } from './case-view.js';

/** The incident card's public-reply part: how far the acknowledgements and the closing reply have got. */
export interface TIncidentAckView {
  /** Sent / queued / failed over every acknowledgement reply of the incident (closing replies counted apart). */
  acknowledge: { sent: number; queued: number; failed: number; total: number };
  closing: { sent: number; queued: number; failed: number; total: number };
  /** Who started the latest acknowledgement (told on the card when replies failed for good). */
  startedBy: TPersonRef | null;
  /** Acknowledgements waiting for one approval. */
  pending: { ackId: string; kind: string; by: TPersonRef; byId: string; targets: number }[];
  /** Members who joined after the last acknowledgement and have not been answered. */
  newSince: number;
  acknowledged: boolean;
}

const counts = () => ({ sent: 0, queued: 0, failed: 0, total: 0 });

export async function loadIncidentAckView(db: TDb, chart: TOrgChart, incidentId: string): Promise<TIncidentAckView> {
  const acks = await db.incidentAck.findMany({ where: { incidentId }, orderBy: { createdAt: 'asc' }, include: { targetRows: { select: { replyId: true } } } });
  const view: TIncidentAckView = { acknowledge: counts(), closing: counts(), startedBy: null, pending: [], newSince: 0, acknowledged: false };
  if (!acks.length) return view;
  const kindOf = new Map(acks.flatMap((a) => a.targetRows.map((t) => [t.replyId, a.kind] as const)));
  const replies = await db.reply.findMany({ where: { id: { in: [...kindOf.keys()] } }, select: { id: true, status: true } });
  for (const r of replies) {
    const c = kindOf.get(r.id) === 'closing' ? view.closing : view.acknowledge;
    c.total++;
    if (r.status === 'sent') c.sent++;
    else if (r.status === 'failed') c.failed++;
    else if (r.status === 'queued') c.queued++;
  }
  const live = acks.filter((a) => a.kind === 'acknowledge' && a.status !== 'rejected');
  const latest = live.at(-1);
  view.startedBy = latest ? personRef(chart, latest.actor) : null;
  view.acknowledged = live.length > 0;
  view.pending = acks.filter((a) => a.status === 'pending_approval').map((a) => ({ ackId: a.id, kind: a.kind, by: personRef(chart, a.actor), byId: a.actor, targets: a.targets }));
  if (view.acknowledged) {
    const s = await loadAckState(db, incidentId);
    view.newSince = planAudience(s.members, { complaintsOnly: false, minFollowers: 0, platforms: [], onlyNew: true }, answeredFor(s, 'acknowledge'), s.lastAckAt).targets.length;
  }
  return view;
}

/** "380 sent · 25 queued · 7 failed" (the non-zero parts; "0 sent" when nothing has gone yet). */
export function progressLine(c: TIncidentAckView['acknowledge']): string {
  const parts = (['sent', 'queued', 'failed'] as const).filter((k) => c[k] > 0 || k === 'sent').map((k) => `${c[k]} ${k}`);
  return parts.join(' · ');
}

/** The preview's sentence: "Reply to 412 authors on 3 platforms; 18 already acknowledged are skipped." */
export function previewLine(p: { count: number; platforms: unknown[]; skipped: number }, kind: 'acknowledge' | 'closing' = 'acknowledge'): string {
  const authors = `${p.count} ${p.count === 1 ? 'author' : 'authors'}`;
  const on = `${p.platforms.length} ${p.platforms.length === 1 ? 'platform' : 'platforms'}`;
  const skipped = p.skipped ? `; ${p.skipped} already ${kind === 'closing' ? 'sent the closing reply' : 'acknowledged'} ${p.skipped === 1 ? 'is' : 'are'} skipped` : '';
  return `Reply to ${authors} on ${on}${skipped}.`;
}

