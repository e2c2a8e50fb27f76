import type { TOrgChart } from '../config/org-chart-schema.js';
import type { TBatchPlan } from '../intake/plan-batch.js';
import { bool, date, insertRows, num, type TSql } from '../intake/sql.js';
import { placeOf } from '../triage/place.js';
import { incidentTitle } from './incident-title.js';
import { placeKey, planIncidents, type TIncidentPlan, type TIncidentState } from './plan-incidents.js';

/**
 * The incidents' SQL, on the intake's raw-SQL path (same text on SQLite and PostgreSQL, see src/intake/sql.ts): what a
 * batch's incident decisions read, the incidents it founds, and the recount of every incident whose members changed.
 */

const OPEN = `('open', 'monitoring')`;
const ids = (n: number) => new Array(n).fill('?').join(', ');

/** Open incidents of the batch's clusters, and the stored size of each joined cluster that has none. */
export async function loadIncidentState(sql: TSql, plan: TBatchPlan, chart: TOrgChart, now: Date): Promise<TIncidentState> {
  const state: TIncidentState = { open: new Map(), byPlace: new Map(), stored: new Map() };
  // Only a case that joined a cluster can have stored cluster-mates; a cluster founded in this batch has none.
  const joined = new Set<string>();
  const places = new Set<string>();
  for (const r of plan.results.values()) {
    if (r.status !== 'created') continue;
    if (r.decision.signals.cluster.joined && r.decision.clusterId) joined.add(r.decision.clusterId);
    if (placeKey(r.decision.team, r.decision.category, r.decision.signals.place)) places.add(r.decision.signals.place!);
  }
  if (joined.size === 0 && places.size === 0) return state;
  const clusters = [...joined];
  const where = [clusters.length && `"clusterId" IN (${ids(clusters.length)})`, places.size && `"place" IN (${ids(places.size)})`].filter(Boolean).join(' OR ');
  const open = await sql.query<{ id: string; clusterId: string; team: string; category: string; place: string | null }>(
    `SELECT "id", "clusterId", "team", "category", "place" FROM "Incident" WHERE (${where}) AND "status" IN ${OPEN} ORDER BY "createdAt" DESC`, [...clusters, ...places]);
  open.push(...(await mergedTargets(sql, where, [...clusters, ...places])));
  for (const r of open) {
    if (!state.open.has(r.clusterId)) state.open.set(r.clusterId, { id: r.id, team: r.team });
    const pk = placeKey(r.team, r.category, r.place ?? undefined);
    if (pk && !state.byPlace.has(pk)) state.byPlace.set(pk, { id: r.id, team: r.team });
  }
  const rest = clusters.filter((c) => !state.open.has(c));
  if (rest.length) {
    const since = new Date(now.getTime() - chart.incidents.windowMinutes * 60_000);
    const counts = await sql.query<{ clusterId: string; n: unknown }>(
      `SELECT "clusterId", COUNT(*) AS "n" FROM "Case" WHERE "clusterId" IN (${ids(rest.length)}) AND "createdAt" >= ? AND "status" <> 'ignored' GROUP BY "clusterId"`, [...rest, since]);
    for (const r of counts) state.stored.set(r.clusterId, num(r.n));
  }
  return state;
}

/**
 * A merged incident's cluster and place keep feeding the incident it was merged into (src/incidents/merge-incidents.ts):
 * one row per merged incident, with the open target's id and team under the merged one's cluster and place. Listed
 * after the open incidents, so a cluster's own open incident wins.
 */
async function mergedTargets(sql: TSql, where: string, params: unknown[]) {
  return sql.query<{ id: string; clusterId: string; team: string; category: string; place: string | null }>(
    `SELECT t."id" AS "id", m."clusterId" AS "clusterId", t."team" AS "team", m."category" AS "category", m."place" AS "place"
     FROM "Incident" m JOIN "Incident" t ON t."id" = m."mergedInto"
     WHERE (${where.replace(/"(clusterId|place)"/g, 'm."$1"')}) AND m."status" = 'merged' AND t."status" IN ${OPEN} ORDER BY m."createdAt" DESC`, params);
}

/** Loads what the batch's incident decisions need, makes them (plan-incidents.ts), and writes the new incidents. */
export async function planBatchIncidents(sql: TSql, plan: TBatchPlan, deps: { orgChart: TOrgChart; now: Date; newId: () => string }): Promise<TIncidentPlan> {
  const inc = planIncidents(plan, await loadIncidentState(sql, plan, deps.orgChart, deps.now), deps);
  await insertIncidents(sql, inc);
  return inc;
}

/** The batch's new incidents, before its cases (which reference them); their numbers come from `recountIncidents`. */
export async function insertIncidents(sql: TSql, inc: TIncidentPlan): Promise<void> {
  const cols = ['id', 'clusterId', 'team', 'category', 'place', 'title', 'status', 'firstSeenAt', 'lastSeenAt', 'count', 'ratePerMinute', 'reach', 'platforms', 'sentiment', 'samples', 'topAuthors', 'createdAt', 'updatedAt'];
  await insertRows(sql, 'Incident', cols, inc.created.map((i) => [i.id, i.clusterId, i.team, i.category, i.place, incidentTitle(i.category, []), 'open', i.at, i.at, 0, 0, 0, '{}', '{}', '[]', '[]', i.at, i.at]));
}

/** A case someone split out of an incident (src/incidents/split-incident.ts) is not swept into the next one. */
const NOT_SPLIT = (caseId: string) => `NOT EXISTS (SELECT 1 FROM "CaseEvent" e WHERE e."caseId" = ${caseId} AND e."action" = 'split_from_incident')`;

/** After the batch's cases are written: the founding clusters' stored cases join, and every touched incident is recounted. */
export async function finishIncidents(sql: TSql, inc: TIncidentPlan, chart: TOrgChart, now: Date): Promise<void> {
  for (const i of inc.created) {
    await sql.run(`UPDATE "Case" SET "incidentId" = ? WHERE "clusterId" = ? AND "createdAt" >= ? AND "incidentId" IS NULL AND "status" <> 'ignored' AND ${NOT_SPLIT('"Case"."id"')}`, [i.id, i.clusterId, i.since]);
    if (i.place) await joinSamePlace(sql, i.id, i.team, i.place, i.since);
  }
  for (const id of inc.touched) await recountIncident(sql, chart, id, now);
}

/** Most earlier reports a place-founded incident looks through for its own (bounds one rare statement). */
const PLACE_SCAN = 2000;

/** An incident founded by place takes in the team's earlier outage / fault reports naming that place, whatever their cluster. */
async function joinSamePlace(sql: TSql, incidentId: string, team: string, place: string, since: Date): Promise<void> {
  const rows = await sql.query<{ id: string; text: string }>(
    `SELECT c."id" AS "id", m."text" AS "text" FROM "Case" c JOIN "Mention" m ON m."caseId" = c."id"
     WHERE c."team" = ? AND c."category" IN ('outage', 'defect') AND c."createdAt" >= ? AND c."incidentId" IS NULL AND c."status" <> 'ignored' AND ${NOT_SPLIT('c."id"')}
     ORDER BY c."createdAt" DESC LIMIT ?`, [team, since, PLACE_SCAN]);
  const mine = [...new Set(rows.filter((r) => placeOf(r.text) === place).map((r) => r.id))];
  if (mine.length) await sql.run(`UPDATE "Case" SET "incidentId" = ? WHERE "id" IN (${ids(mine.length)})`, [incidentId, ...mine]);
}

/** How many of the first members' posts the title and the samples are drawn from. */
const TITLE_SAMPLE = 30;
const SAMPLES = 3;
const TOP_AUTHORS = 5;

/**
 * Recomputes an incident's numbers from its member cases: count, first / last seen, rate per minute over the last five
 * minutes, platforms, sentiment mix, reach of its distinct authors, the first posts, and the highest-tier then
 * highest-reach authors; the title too, unless someone renamed it. Exact after a split or a merge as after a batch.
 */
export async function recountIncident(sql: TSql, chart: TOrgChart, id: string, now: Date): Promise<void> {
  const mix = await sql.query<{ platform: string; sentiment: string; n: unknown; first: unknown; last: unknown }>(
    `SELECT "platform", "sentiment", COUNT(*) AS "n", MIN("createdAt") AS "first", MAX("createdAt") AS "last" FROM "Case" WHERE "incidentId" = ? GROUP BY "platform", "sentiment"`, [id]);
  const platforms: Record<string, number> = {};
  const sentiment: Record<string, number> = { negative: 0, neutral: 0, positive: 0 };
  let count = 0;
  let first = now;
  let last = new Date(0);
  for (const r of mix) {
    const n = num(r.n);
    count += n;
    platforms[r.platform] = (platforms[r.platform] ?? 0) + n;
    sentiment[r.sentiment] = (sentiment[r.sentiment] ?? 0) + n;
    if (date(r.first) < first) first = date(r.first);
    if (date(r.last) > last) last = date(r.last);
  }
  if (count === 0) last = first;
  const windowStart = new Date(last.getTime() - 5 * 60_000);
  const [recent] = await sql.query<{ n: unknown }>(`SELECT COUNT(*) AS "n" FROM "Case" WHERE "incidentId" = ? AND "createdAt" >= ?`, [id, windowStart]);
  const minutes = Math.min(5, Math.max(1, (last.getTime() - first.getTime()) / 60_000));
  const authors = await sql.query<Record<string, unknown>>(
    `SELECT "platform", "handle", "displayName", "followers", "verified", "tier" FROM "Author" WHERE "id" IN (SELECT "authorId" FROM "Case" WHERE "incidentId" = ?)`, [id]);
  // An INTEGER column on both databases: a sum of celebrity audiences stops at its ceiling.
  const reach = Math.min(2_147_483_647, authors.reduce((s, a) => s + num(a.followers), 0));
  const weight = (t: unknown) => (typeof t === 'string' ? (chart.customerTiers[t]?.weight ?? 1) : 1);
  const top = authors
    .sort((a, b) => weight(b.tier) - weight(a.tier) || num(b.followers) - num(a.followers) || String(a.handle).localeCompare(String(b.handle)))
    .slice(0, TOP_AUTHORS)
    .map((a) => ({ platform: String(a.platform), handle: String(a.handle), displayName: (a.displayName as string | null) ?? null, followers: num(a.followers), verified: bool(a.verified), tier: (a.tier as string | null) ?? null }));
  const posts = await sql.query<{ caseId: string; platform: string; text: string; url: string | null; handle: string }>(
    `SELECT c."id" AS "caseId", m."platform" AS "platform", m."text" AS "text", m."url" AS "url", a."handle" AS "handle"
     FROM "Case" c JOIN "Mention" m ON m."caseId" = c."id" JOIN "Author" a ON a."id" = c."authorId"
     WHERE c."incidentId" = ? ORDER BY c."createdAt", m."receivedAt", m."id" LIMIT ?`, [id, TITLE_SAMPLE]);
  const [row] = await sql.query<{ category: string; titleEdited: unknown }>(`SELECT "category", "titleEdited" FROM "Incident" WHERE "id" = ?`, [id]);
  const title = row && !bool(row.titleEdited) ? incidentTitle(row.category, posts.map((p) => p.text)) : undefined;
  const samples = posts.slice(0, SAMPLES).map((p) => ({ caseId: p.caseId, platform: p.platform, handle: p.handle, text: p.text, url: p.url }));
  await sql.run(
    `UPDATE "Incident" SET "count" = ?, "firstSeenAt" = ?, "lastSeenAt" = ?, "ratePerMinute" = ?, "reach" = ?, "platforms" = ?, "sentiment" = ?, "samples" = ?, "topAuthors" = ?${title ? ', "title" = ?' : ''}, "updatedAt" = ?, "version" = "version" + 1 WHERE "id" = ?`,
    [count, first, last, Math.round((num(recent?.n) / minutes) * 10) / 10, reach, JSON.stringify(platforms), JSON.stringify(sentiment), JSON.stringify(samples), JSON.stringify(top), ...(title ? [title] : []), now, id],
  );
}
