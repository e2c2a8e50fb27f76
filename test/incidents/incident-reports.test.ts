import { describe, expect, it } from 'vitest';
import { digestSource } from '../../src/bot/views/digest-view.js';
import { statsReport } from '../../src/bot/views/stats-view.js';
import { manualClock } from '../helpers/clock.js';
import { createTestDb } from '../helpers/db.js';
import { createTestIntake } from '../helpers/intake.js';
import { exampleOrgChart } from '../helpers/org-chart.js';
import { outageSurge } from './surge-mentions.js';

const MINUTE = 60_000;

describe('the day\'s incidents in /social stats and the daily digest', () => {
  it('lists each incident with its size, first response and resolution time', async () => {
    const { db } = await createTestDb();
    const clock = manualClock('2026-11-23T10:00:00.000Z');
    const chart = exampleOrgChart();
    const intake = createTestIntake(db, { now: clock.now, orgChart: chart });
    for (const m of outageSurge(8, clock.now)) {
      await intake.ingest(m);
      clock.advance(1000);
    }
    const incident = await db.incident.findFirstOrThrow();
    // A member answered 4 minutes in, the incident resolved after 95: as the case and incident services record them.
    const member = await db.case.findFirstOrThrow({ where: { incidentId: incident.id }, orderBy: { createdAt: 'asc' } });
    await db.case.update({ where: { id: member.id }, data: { firstResponseAt: new Date(incident.firstSeenAt.getTime() + 4 * MINUTE) } });
    await db.incident.update({ where: { id: incident.id }, data: { status: 'resolved', resolvedAt: new Date(incident.firstSeenAt.getTime() + 95 * MINUTE) } });
    const line = `(Network Operations) — 8 mentions · first response 4 min · resolved in 95 min`;

    const stats = await statsReport(db, chart, 'dev', ['today'], new Date('2026-11-23T12:00:00.000Z'));
    const section = stats.sections.find((s) => s.heading === 'Incidents (1)');
    expect(section?.items?.[0]?.text).toContain(line);
    expect(section?.items?.[0]?.text.startsWith(incident.title)).toBe(true);

    // The next morning's digest for the team's manager lists the same incident for that day.
    const digest = await digestSource(db, chart, () => new Date('2026-11-24T09:00:00.000Z'), async () => null).compose('dev', '2026-11-23');
    expect(digest.digest.incidents).toMatchObject([{ id: incident.id, count: 8, firstResponseMinutes: 4, resolutionMinutes: 95, status: 'resolved' }]);
    expect(digest.view.sections.find((s) => s.heading === 'Incidents (1)')?.items?.[0]?.text).toContain(line);

    // Another team's manager sees none of it.
    const other = await statsReport(db, chart, 'mo', ['today'], new Date('2026-11-23T12:00:00.000Z'));
    expect(other.sections.some((s) => s.heading.startsWith('Incidents'))).toBe(false);
  }, 60_000);
});
