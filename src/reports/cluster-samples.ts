import type { TDb } from '../store/client.js';

/**
 * The first mention of each cluster, cut to 200 characters, so a reader sees what the issue is about rather than a
 * cluster id. Raw platform text: renderers escape it.
 */
export async function clusterSamples(db: TDb, clusterIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await Promise.all(
    clusterIds.map(async (id) => {
      // Two indexed steps (Case(clusterId), then Mention(caseId)) rather than one join ordered by receivedAt, which a
      // planner may answer by walking every mention in time order until it meets the cluster.
      const first = await db.case.findFirst({ where: { clusterId: id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true } });
      const m = first && (await db.mention.findFirst({ where: { caseId: first.id }, orderBy: { receivedAt: 'asc' }, select: { text: true } }));
      if (m) out.set(id, m.text.length > 200 ? `${m.text.slice(0, 199)}…` : m.text);
    }),
  );
  return out;
}
