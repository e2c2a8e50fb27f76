import { describe, expect, it } from 'vitest';
import { statsReport } from '../../../src/bot/views/stats-view.js';
import { reportBlocks } from '../../../src/bot/slack/blocks/report-blocks.js';
import { reportCard } from '../../../src/bot/teams/cards/command-cards.js';
import { createTestDb } from '../../helpers/db.js';
import { addAuthor, addCase, statsOrgChart } from '../../reports/fixtures.js';

const NOW = new Date('2026-11-23T12:00:00Z');

describe('stats report', () => {
  it('shows the sentiment ratio, top issues with what they are about, advocates, engagers and follow-ups due', async () => {
    const { db } = await createTestDb();
    const fan = await addAuthor(db, { handle: 'fan_one', tags: ['advocate'], praiseCount: 4 });
    const loud = await addAuthor(db, { handle: 'loud_<!here>', tags: ['frequent'], mentionCount: 9 });
    await addCase(db, { team: 'care', clusterId: 'wave-1', createdAt: '2026-11-23T09:00:00Z' }, 'Broadband down in Leeds <!channel>');
    await addCase(db, { team: 'care', clusterId: 'wave-1', createdAt: '2026-11-23T09:05:00Z', authorId: loud.id }, 'same here');
    await addCase(db, { team: 'care', createdAt: '2026-11-23T10:00:00Z', authorId: fan.id, sentiment: 'positive', category: 'praise', decision: 'monitor' });
    await addCase(db, { team: 'care', createdAt: '2026-11-23T10:30:00Z', authorId: fan.id, sentiment: 'positive', category: 'praise', decision: 'monitor' });
    // Follow-ups promised on care's clock (London): one already late, one due this evening.
    await addCase(db, { team: 'care', createdAt: '2026-11-20T09:00:00Z', status: 'offline', followUpDueAt: '2026-11-23T08:00:00Z', assignee: 'tom' });
    await addCase(db, { team: 'care', createdAt: '2026-11-20T09:30:00Z', status: 'offline', followUpDueAt: '2026-11-23T18:00:00Z' });

    const r = await statsReport(db, statsOrgChart(), 'priya', ['care', 'today'], NOW);
    const facts = Object.fromEntries(r.sections.flatMap((s) => s.facts ?? []).map((f) => [f.label, f.value]));
    expect(facts['Sentiment ratio']).toBe('1.0 positive per negative (2 : 2)');
    expect(facts['Follow-ups due']).toBe('2 (1 overdue)');
    const items = Object.fromEntries(r.sections.filter((s) => s.items).map((s) => [s.heading, s.items!.map((i) => i.text)]));
    expect(items).toEqual({
      'Top issues': ['2 cases (2 negative): “Broadband down in Leeds <!channel>”'],
      'Top advocates': ['@fan_one (X) · 2 cases'],
      'Frequent engagers': ['@loud_<!here> (X) · 1 case'],
      'Offline follow-ups due': [
        'Overdue since 2026-11-23 08:00 (Europe/London) · Care · Tom',
        'Due 2026-11-23 18:00 (Europe/London) · Care · unassigned',
      ],
    });

    // Platform text in the report never becomes a mention on either surface.
    const slack = JSON.stringify(reportBlocks(r).blocks);
    expect(slack).not.toMatch(/<!channel>|<!here>/);
    expect(slack).toContain('&lt;!channel&gt;');
    expect(JSON.stringify(reportCard(r))).toContain('Broadband down in Leeds');
  });

  it('leaves out sections with nothing in them and says when there were no negative cases', async () => {
    const { db } = await createTestDb();
    await addCase(db, { team: 'care', createdAt: '2026-11-23T10:00:00Z', sentiment: 'positive', category: 'praise', decision: 'monitor' });
    const r = await statsReport(db, statsOrgChart(), 'priya', ['care', 'today'], NOW);
    // Triage agreement is always there: 100% of one case is a figure, not an empty section.
    expect(r.sections.map((s) => s.heading)).toEqual(['Volume', 'Responses', 'Now', 'Triage']);
    expect(r.sections[3]!.facts![0]!.value).toBe('100% (0 of 1 corrected) · sentiment 100% · complaint 100% · category 100% · decision 100% · team 100%');
    expect(r.sections[0]!.facts!.find((f) => f.label === 'Sentiment ratio')!.value).toBe('1 positive, no negative');
  });
});
