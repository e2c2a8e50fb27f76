import { describe, expect, it } from 'vitest';
import { computeStats } from '../../src/reports/stats.js';
import type { TDb } from '../../src/store/client.js';
import { createTestDb } from '../helpers/db.js';
import { createPgTestDb } from '../helpers/pg.js';
import { addAuthor, addCase, statsOrgChart } from '../reports/fixtures.js';

/** One small history, written identically to whichever database is given. */
async function history(db: TDb): Promise<void> {
  const fan = await addAuthor(db, { handle: 'fan_one', tags: ['advocate'], praiseCount: 5 });
  const loud = await addAuthor(db, { handle: 'loud', tags: ['frequent', 'advocate'], praiseCount: 2, mentionCount: 12 });
  // A tag that merely contains the word must not count as the tag.
  const former = await addAuthor(db, { handle: 'former', tags: ['ex-advocate'], praiseCount: 50 });
  await addCase(db, { team: 'care', authorId: fan.id, createdAt: '2026-11-23T09:00:00Z', sentiment: 'positive', firstResponseAt: '2026-11-23T09:20:00Z' });
  await addCase(db, { team: 'ops', authorId: fan.id, createdAt: '2026-11-23T10:15:00Z', sentiment: 'positive' });
  await addCase(db, { team: 'ops', authorId: loud.id, createdAt: '2026-11-23T10:30:00Z', firstResponseAt: '2026-11-23T11:30:00Z' });
  await addCase(db, { team: 'care', authorId: former.id, createdAt: '2026-11-23T11:05:00Z' });
  await addCase(db, { team: 'care', createdAt: '2026-11-22T15:00:00Z', status: 'offline', followUpDueAt: '2026-11-23T08:00:00Z' });
  await addCase(db, { team: 'ops', createdAt: '2026-11-23T11:40:00Z', status: 'offline', followUpDueAt: '2026-11-25T08:00:00Z' });
}

describe('stats on PostgreSQL', () => {
  it('give the same answer as on SQLite for the same history: volumes, response times, people, follow-ups', async () => {
    const [{ db: pg }, { db: lite }] = await Promise.all([createPgTestDb(), createTestDb()]);
    await history(pg);
    await history(lite);
    const orgChart = statsOrgChart();
    const now = new Date('2026-11-23T12:00:00Z');
    for (const teams of ['all', ['care'], ['ops'], ['care', 'ops']] as const) {
      const o = { teams, from: new Date('2026-11-23T00:00:00Z'), to: new Date('2026-11-24T00:00:00Z'), now, orgChart };
      const [a, b] = [await computeStats(pg, o), await computeStats(lite, o)];
      // Ids are generated per database; everything else must match.
      const strip = (s: typeof a) => JSON.parse(JSON.stringify(s).replace(/"(authorId|caseId)":"[^"]+"/g, '"$1":"-"'));
      expect(strip(a)).toEqual(strip(b));
      if (teams === 'all') {
        expect(a.topAdvocates.map((p) => [p.handle, p.cases])).toEqual([['fan_one', 2], ['loud', 1]]);
        expect(a.frequentEngagers.map((p) => p.handle)).toEqual(['loud']);
        expect(a.followUpsDue).toMatchObject({ count: 1, items: [{ team: 'care', overdue: true }] });
        expect(a.volume.total).toBe(5);
      }
    }
  });
});
