import { CORRECTABLE, TRIAGE_CORRECTED } from '../cases/correct-triage.js';
import type { TDb } from '../store/client.js';

/** How often staff left triage as it was: per field and overall, over the cases triaged in a period. */
export interface TTriageAgreement {
  /** Cases created (triaged) in [from, to). */
  triaged: number;
  /** Of those, cases with at least one correction. */
  corrected: number;
  /** Cases without a correction ÷ cases triaged; null when nothing was triaged. */
  rate: number | null;
  /** The same, per corrected field (a case counts against a field once however often that field was corrected). */
  byField: Record<(typeof CORRECTABLE)[number], { corrected: number; rate: number | null }>;
}

/**
 * Agreement with triage = cases without a correction ÷ cases triaged, for the cases created in the period (teams
 * as the case now stands; a correction that moved a case counts for its new team). Corrections are the
 * `triage_corrected` audit events; one on a case from before the period does not count.
 */
export async function triageAgreement(db: TDb, o: { from: Date; to: Date; teams: readonly string[] | 'all' }): Promise<TTriageAgreement> {
  const caseWhere = { createdAt: { gte: o.from, lt: o.to }, ...(o.teams !== 'all' && { team: { in: [...o.teams] } }) };
  const [triaged, events] = await Promise.all([
    db.case.count({ where: caseWhere }),
    // Corrections come after the case was created, so none before `from` can belong to a case of the period.
    db.caseEvent.findMany({ where: { action: TRIAGE_CORRECTED, at: { gte: o.from }, case: caseWhere }, select: { caseId: true, payload: true } }),
  ]);
  const any = new Set<string>();
  const per = new Map<string, Set<string>>(CORRECTABLE.map((f) => [f, new Set()]));
  for (const e of events) {
    any.add(e.caseId);
    for (const f of Object.keys(changedOf(e.payload))) per.get(f)?.add(e.caseId);
  }
  const rate = (n: number) => (triaged ? (triaged - n) / triaged : null);
  return {
    triaged,
    corrected: any.size,
    rate: rate(any.size),
    byField: Object.fromEntries(CORRECTABLE.map((f) => [f, { corrected: per.get(f)!.size, rate: rate(per.get(f)!.size) }])) as TTriageAgreement['byField'],
  };
}

function changedOf(payload: string): Record<string, unknown> {
  try {
    const p = JSON.parse(payload) as { changed?: unknown };
    return p.changed && typeof p.changed === 'object' ? (p.changed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** "91% (9 of 120 corrected) · sentiment 97% · complaint 99% · category 94% · decision 95% · team 98%" */
export function agreementLine(a: TTriageAgreement): string {
  const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);
  if (!a.triaged) return 'no cases triaged';
  const fields = Object.entries(a.byField).map(([f, v]) => `${f} ${pct(v.rate)}`).join(' · ');
  return `${pct(a.rate)} (${a.corrected} of ${a.triaged} corrected) · ${fields}`;
}
