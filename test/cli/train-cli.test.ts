import { describe, expect, it } from 'vitest';
import { ZCorrectionRow } from '../../scripts/triage/retrain.js';
import { correctTriage } from '../../src/cases/index.js';
import { loadTriageCorrections } from '../../src/cases/triage-corrections.js';
import { runEarshot } from '../helpers/cli.js';
import { createTestDb } from '../helpers/db.js';
import { createTestIntake } from '../helpers/intake.js';
import { mention } from '../helpers/mentions.js';
import { exampleOrgChart } from '../helpers/org-chart.js';

describe('earshot train --with-corrections', () => {
  it('exports each corrected case once, as staff last left it, in a shape the trainer accepts', async () => {
    const { db } = await createTestDb();
    const orgChart = exampleOrgChart();
    const intake = createTestIntake(db);
    const a = await intake.ingest(mention({ text: '@acmebroadband the engineer never turned up for my appointment', author: { handle: 'ann' } }));
    await intake.ingest(mention({ text: '@acmebroadband thanks, all fixed', author: { handle: 'ben' } }));
    const deps = { db, orgChart, now: () => new Date() };
    const c = await db.case.findUniqueOrThrow({ where: { id: a.caseId! } });
    const base = { sentiment: c.sentiment as 'negative', complaint: c.complaint, category: c.category as 'service', decision: c.decision as 'respond', team: c.team };
    await correctTriage(deps, { caseId: c.id, actorId: 'tom', correction: { ...base, category: 'outage' } });
    await correctTriage(deps, { caseId: c.id, actorId: 'tom', correction: { ...base, category: 'delivery', decision: 'escalate' } });
    const rows = await loadTriageCorrections(db);
    expect(rows).toEqual([{ id: c.id, text: '@acmebroadband the engineer never turned up for my appointment', platform: 'x', ...base, category: 'delivery', decision: 'escalate' }]);
    for (const r of rows) expect(ZCorrectionRow.safeParse(r).success).toBe(true);
  });

  it('says what is wrong instead of training: no flag, no corrections, or the committed model directory as output', async () => {
    const { url } = await createTestDb();
    const noFlag = await runEarshot(['train'], { DATABASE_URL: url });
    expect(noFlag.status).toBe(2);
    expect(noFlag.stderr).toContain('--with-corrections');
    const none = await runEarshot(['train', '--with-corrections'], { DATABASE_URL: url });
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('no triage corrections recorded yet');
    const committed = await runEarshot(['train', '--with-corrections', '--out', `${process.cwd()}/src/triage/model`], { DATABASE_URL: url });
    expect(committed.status).toBe(2);
    expect(committed.stderr).toContain('committed model directory');
  }, 60_000);
});
