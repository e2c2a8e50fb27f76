import type { TOrgChart } from '../config/org-chart-schema.js';
import type { TBatchPlan, TOutboxRow } from '../intake/plan-batch.js';
import type { TTriageDecision } from '../triage/index.js';
import { deliveryRank } from '../outbox/delivery-rank.js';
import { ownCardReason } from './own-card.js';

/** An open incident as a batch sees it. */
export interface TOpenIncident {
  id: string;
  team: string;
}

/** Outages and faults are one family: a bad firmware push shows up as both "no internet" and "hub bricked". */
const FAMILY = new Set(['outage', 'defect']);

/**
 * The key under which outage and fault reports naming one place meet, whatever their wording: "internet down in
 * Leeds?" and "Leeds broadband dead again" are one incident for the team that owns it, though they cluster apart.
 */
export const placeKey = (team: string, category: string, place: string | undefined): string | undefined =>
  place && FAMILY.has(category) ? `${team}\u0000${place}` : undefined;

/** What the database knows that the batch's incident decisions depend on (src/incidents/incident-store.ts). */
export interface TIncidentState {
  /** Open (or monitored) incidents by cluster id. */
  open: Map<string, TOpenIncident>;
  /** Open (or monitored) incidents by placeKey. */
  byPlace: Map<string, TOpenIncident>;
  /** Stored cases per cluster inside the org chart's window (clusters without an open incident only). */
  stored: Map<string, number>;
}

export interface TNewIncident {
  id: string;
  clusterId: string;
  team: string;
  category: string;
  place: string | null;
  /** The cluster's stored cases from this time on join it too. */
  since: Date;
  at: Date;
}

/** What the batch adds to incidents: new ones, and those whose members changed (their counts are recomputed). */
export interface TIncidentPlan {
  created: TNewIncident[];
  touched: Set<string>;
}

/**
 * Turns clusters past the org chart's threshold into incidents, in arrival order: the mention that brings a cluster to
 * `incidents.minMentions` cases inside `incidents.windowMinutes` — or an outage / fault report that brings its place to
 * that many reports in triage's hour — founds the incident, the cluster's earlier cases join it, and every later case
 * of the cluster, or outage / fault report of the team naming the place, joins while it is open. A member gets no card of its own (nor a wave
 * escalation) unless ownCardReason says it deserves one; then its card goes to the incident card's thread. Rewrites
 * `plan` in place (cases' incidentId, their outbox items) and adds the incident card's items. Pure.
 */
export function planIncidents(plan: TBatchPlan, state: TIncidentState, deps: { orgChart: TOrgChart; now: Date; newId: () => string }): TIncidentPlan {
  const out: TIncidentPlan = { created: [], touched: new Set() };
  const { minMentions, windowMinutes } = deps.orgChart.incidents;
  const decisions = new Map<string, TTriageDecision>();
  for (const r of plan.results.values()) if (r.status === 'created') decisions.set(r.caseId, r.decision);
  const authors = new Map(plan.authors.map((a) => [a.id, a]));
  const counts = new Map(state.stored);
  const absorbed = new Map<string, { incidentId: string; own: boolean; risk: boolean }>();
  const earlier = new Map<string, string[]>();

  for (const c of plan.cases) {
    const d = decisions.get(c.id);
    if (!c.clusterId || !d || c.status === 'ignored') continue;
    const place = d.signals.place;
    const pk = placeKey(c.team, c.category, place);
    let inc = state.open.get(c.clusterId) ?? (pk ? state.byPlace.get(pk) : undefined);
    if (!inc) {
      const n = (counts.get(c.clusterId) ?? 0) + 1;
      counts.set(c.clusterId, n);
      const mates = [...(earlier.get(c.clusterId) ?? []), ...(pk ? (earlier.get(pk) ?? []) : [])];
      const samePlace = pk ? (d.signals.placeVolume?.samePlace ?? 0) + 1 : 0;
      if (n < minMentions && samePlace < minMentions) {
        earlier.set(c.clusterId, [...(earlier.get(c.clusterId) ?? []), c.id]);
        if (pk) earlier.set(pk, [...(earlier.get(pk) ?? []), c.id]);
        continue;
      }
      inc = { id: deps.newId(), team: c.team };
      state.open.set(c.clusterId, inc);
      if (pk) state.byPlace.set(pk, inc);
      out.created.push({ id: inc.id, clusterId: c.clusterId, team: c.team, category: c.category, place: pk ? place! : null, since: new Date(deps.now.getTime() - windowMinutes * 60_000), at: deps.now });
      // The cluster's (and place's) cases earlier in this batch already have their cards planned: they keep them, and join.
      for (const id of mates) plan.cases.find((x) => x.id === id)!.incidentId = inc.id;
      plan.outbox.push(row(deps, 'incident.post', { incidentId: inc.id, team: inc.team }, `team:${inc.team}`, `incident.post:${inc.id}:${inc.team}`));
    }
    c.incidentId = inc.id;
    out.touched.add(inc.id);
    const a = authors.get(c.authorId);
    const reason = ownCardReason(deps.orgChart, { decision: d, author: { followers: a?.followers ?? 0, verified: a?.verified ?? false, tier: a?.tier ?? null } });
    absorbed.set(c.id, { incidentId: inc.id, own: reason !== undefined, risk: d.signals.risk.length > 0 });
  }

  if (absorbed.size) {
    const kept: TOutboxRow[] = [];
    for (const o of plan.outbox) {
      const m = o.caseId === null ? undefined : absorbed.get(o.caseId);
      if (!m) kept.push(o);
      else if (o.kind === 'card.post' && m.own) {
        // Its card goes into the incident card's thread (src/bot/*-surface.ts).
        kept.push({ ...o, payload: JSON.stringify({ ...JSON.parse(o.payload), incidentId: m.incidentId }) });
      } else if (o.kind === 'escalation.notify' && m.risk) kept.push(o);
    }
    plan.outbox = kept;
  }
  const founded = new Set(out.created.map((i) => i.id));
  for (const id of out.touched) {
    // A new incident's post shows its latest state when it goes out; an existing card gets one coalesced refresh.
    // Coalescing happens when the fan-out turns this into chat deliveries, after this batch commits (chat-fanout.ts).
    if (!founded.has(id)) plan.outbox.push(row(deps, 'incident.update', { incidentId: id }, `incident:${id}`, `incident.update:${id}:${deps.newId()}`));
  }
  return out;
}

function row(deps: { now: Date; newId: () => string }, kind: 'incident.post' | 'incident.update', payload: Record<string, string>, destination: string, idempotencyKey: string): TOutboxRow {
  return { id: deps.newId(), kind, destination, payload: JSON.stringify(payload), idempotencyKey, caseId: null, at: deps.now, rank: deliveryRank({ kind }), pendingKey: null };
}
