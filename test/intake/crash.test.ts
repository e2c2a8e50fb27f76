import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/client.js';
import { devMentions } from '../helpers/dev-mentions.js';
import { createTestDb } from '../helpers/db.js';
import { postMention, startEarshotProcess, storedIntegrity, waitInboxEmpty } from '../helpers/earshot-process.js';

describe('crash safety (real processes, kill -9 mid-burst)', () => {
  it('every acknowledged mention is stored exactly once, every case has one card post, and the pipeline resumes by itself', { timeout: 180_000 }, async () => {
    const { url, db: setupDb } = await createTestDb();
    await setupDb.$disconnect();
    const burst = devMentions(2000, { prefix: `crash${Date.now()}` });
    const first = await startEarshotProcess(url);
    const acked = new Set<string>();
    let next = 0;
    let killed = false;
    const sender = async () => {
      while (next < burst.length && !killed) {
        const m = burst[next++]!;
        const r = await postMention(first.base, m);
        if (r.status === 202) acked.add(m.externalId);
        // kill -9 once enough is acknowledged: mid-burst, with requests and batches in flight.
        if (acked.size === 800 && !killed) {
          killed = true;
          await first.kill9();
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, sender));
    expect(killed).toBe(true);
    expect(acked.size).toBeGreaterThanOrEqual(800);

    // Start again on the same file: nobody asks the pipeline to resume; it does.
    const second = await startEarshotProcess(url);
    await waitInboxEmpty(second.base);
    const db = await openDatabase(url);
    try {
      const s = await storedIntegrity(db);
      for (const id of acked) expect(s.externalIds.has(id), `acknowledged ${id} is stored`).toBe(true);
      expect(s.mentionRows).toBe(s.externalIds.size);
      expect(s.badCases).toEqual([]);
      expect(s.orphanMentions).toBe(0);

      // The senders redeliver everything (unanswered requests above all): duplicates are recognised, the rest stored.
      const statuses = new Map<string, string | undefined>();
      let i = 0;
      await Promise.all(Array.from({ length: 16 }, async () => {
        while (i < burst.length) {
          const m = burst[i++]!;
          statuses.set(m.externalId, (await postMention(second.base, m)).inbox);
        }
      }));
      for (const id of acked) expect(statuses.get(id)).toBe('duplicate');
      await waitInboxEmpty(second.base);
      const after = await storedIntegrity(db);
      expect(after.mentionRows).toBe(burst.length);
      expect(after.externalIds.size).toBe(burst.length);
      expect(after.badCases).toEqual([]);
    } finally {
      await db.$disconnect();
      expect(await second.stop()).toBe(0);
    }
  });
});
