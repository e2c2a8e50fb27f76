import { describe, expect, it } from 'vitest';
import { postMention, startEarshotProcess, storedIntegrity, waitInboxEmpty } from '../helpers/earshot-process.js';
import { devMentions } from '../helpers/dev-mentions.js';
import { createPgTestDb } from '../helpers/pg.js';

const active = (stderr: string) => (stderr.match(/"msg":"intake pipeline active"/g) ?? []).length;

describe('two Earshot processes on one PostgreSQL database', () => {
  it('share the inbox with one active pipeline, keep a wave in one cluster, and fail over when the active one is killed', { timeout: 180_000 }, async () => {
    const { db, url } = await createPgTestDb();
    const a = await startEarshotProcess(url);
    const b = await startEarshotProcess(url);
    const tag = `fo${Date.now()}`;
    // An outage wave, word for word, arriving through both processes: one story, so one cluster.
    const wave = Array.from({ length: 40 }, (_, i) => ({ platform: 'x', externalId: `${tag}-wave-${i}`, text: '@acmebroadband total outage in Leeds since 9am, no internet at all, status page says nothing', createdAt: new Date(Date.now() - 60_000 + i * 500).toISOString(), author: { handle: `${tag}-w${i}` } }));
    const rest = devMentions(600, { prefix: tag, start: new Date(Date.now() - 30 * 60_000).toISOString() });
    const send = async (items: unknown[], targets: (typeof a)[]) => {
      let i = 0;
      const failed: unknown[] = [];
      await Promise.all(Array.from({ length: 8 }, async () => {
        while (i < items.length) {
          const k = i++;
          const r = await postMention(targets[k % targets.length]!.base, items[k]);
          if (r.status !== 202) failed.push(items[k]);
        }
      }));
      return failed;
    };
    expect(await send(wave, [a, b])).toEqual([]);
    await waitInboxEmpty(a.base);
    // Exactly one of the two ran the pipeline.
    expect(active(a.stderr()) + active(b.stderr())).toBe(1);
    const leader = active(a.stderr()) ? a : b;
    const standby = leader === a ? b : a;
    const clusters = await db.case.findMany({ where: { mentions: { some: { externalId: { startsWith: `${tag}-wave-` } } } }, select: { clusterId: true } });
    expect(clusters).toHaveLength(40);
    expect(new Set(clusters.map((c) => c.clusterId)).size).toBe(1);

    // Mid-burst, kill -9 the active one; senders whose request died retry on the other.
    let sent = 0;
    const killer = (async () => {
      while (sent < 200) await new Promise((r) => setTimeout(r, 20));
      await leader.kill9();
    })();
    let i = 0;
    const retry: unknown[] = [];
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (i < rest.length) {
        const k = i++;
        const target = k % 2 ? leader : standby;
        const r = await postMention(target.base, rest[k]);
        sent++;
        if (r.status !== 202) retry.push(rest[k]);
      }
    }));
    await killer;
    expect(await send(retry, [standby])).toEqual([]);
    await waitInboxEmpty(standby.base, 90_000);
    expect(active(standby.stderr())).toBe(1); // it took over by itself
    const s = await storedIntegrity(db);
    expect(s.mentionRows).toBe(640);
    expect(s.externalIds.size).toBe(640);
    expect(s.badCases).toEqual([]);
    expect(s.orphanMentions).toBe(0);
    expect(await standby.stop()).toBe(0);
  });
});
