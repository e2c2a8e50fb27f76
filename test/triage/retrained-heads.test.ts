import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTask } from '../../scripts/triage/data.js';
import { retrainWithCorrections } from '../../scripts/triage/retrain.js';
import { HEADS, loadHeadsFile } from '../../src/triage/tier2/index.js';
import { createTestDb } from '../helpers/db.js';
import { postMention, startEarshotProcess } from '../helpers/earshot-process.js';
import { mention } from '../helpers/mentions.js';
import { exampleOrgChart } from '../helpers/org-chart.js';

// The trainer `earshot train --with-corrections` runs (scripts/triage/retrain.ts), for real: it reads the dev data,
// the embedding cache and the fast models' out-of-fold logits (.cache/triage; see docs/triage.md), and the server
// decides with the file it wrote. The command's own refusals are in train-cli.test.ts.
const orgChart = exampleOrgChart();

/** The refined decision a running `earshot start` (second tier on) gives one post. */
async function decidedByServer(env: Record<string, string>, text: string): Promise<{ decision: string; tier: string }> {
  const { db, url } = await createTestDb();
  const p = await startEarshotProcess(url, { TRIAGE_TIER2: 'on', TRIAGE_TIER2_DEADLINE_MS: '60000', ...env });
  const m = mention({ text, author: { handle: 'new-customer' } });
  expect((await postMention(p.base, m)).status).toBe(202);
  const until = Date.now() + 90_000;
  for (;;) {
    const c = await db.case.findFirst({ where: { mentions: { some: { externalId: m.externalId } } }, include: { events: { where: { action: 'triage_refined' } } } });
    if (c && c.events.length > 0) {
      await p.stop();
      return { decision: c.decision, tier: (JSON.parse(c.events[0]!.payload) as { tier: string }).tier };
    }
    if (Date.now() > until) throw new Error(`no refined decision after 90 s: ${p.stderr().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// Recordings that vanish: the sentence encoder reads them as a shrug and monitors them; the team says each is a
// complaint to answer and take offline. One post of the kind is kept back to see whether the model learned.
const RECORDINGS = [
  'all my recorded shows disappeared overnight again',
  'my series recordings keep deleting themselves',
  'lost every recording on my box again after the update',
  'my saved recordings are gone again, this keeps happening',
  'recordings on my tv box vanish every week',
  'my box wiped my recordings again',
  'half my recordings disappeared from my box this morning',
].map((t) => `@acmebroadband ${t}`);
// And what is not a complaint about recordings (the team corrects both ways).
const NOT_COMPLAINTS = [
  'thanks, the engineer sorted my recordings in minutes',
  'love the new box, recordings work perfectly now',
  'how do I record a whole series on the new box?',
].map((t) => `@acmebroadband ${t}`);
const KEPT_BACK = '@acmebroadband my recordings keep vanishing again, third time this month';

describe('retraining with corrections, then the server', () => {
  it('accepts a model that learned from the team, and the running server decides with the file it wrote', async () => {
    // The rows as `earshot train` hands them to the trainer; these carry the complaint and decision staff set.
    const rows = [
      ...RECORDINGS.map((text, i) => ({ id: `case-${i}`, text, platform: 'x' as const, complaint: true, decision: 'respond_then_offline' as const, category: 'service' as const, team: 'social-care' })),
      ...NOT_COMPLAINTS.map((text, i) => ({ id: `case-n${i}`, text, complaint: false })),
    ];
    const r = await retrainWithCorrections(HEADS, rows, { orgChart });
    expect(r.check.worse).toEqual([]);
    expect(r.staff.after.agreement).toBeGreaterThanOrEqual(r.staff.before.agreement);
    expect(r.accepted).toBe(true);
    // Only the head the corrections label was trained; the others are the committed ones, unchanged.
    expect(r.candidate.tasks.complaint).not.toEqual(HEADS.tasks.complaint);
    expect(r.candidate.tasks.offensive).toEqual(HEADS.tasks.offensive);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'earshot-train-')), 'heads.json');
    writeFileSync(file, JSON.stringify(r.candidate) + '\n');
    expect(loadHeadsFile(file).meta?.['corrections']).toBe(rows.length);

    // A new customer's post of the same kind: monitored with the committed heads, answered with the retrained ones.
    expect(await decidedByServer({}, KEPT_BACK)).toEqual({ decision: 'monitor', tier: 'full' });
    expect(await decidedByServer({ TRIAGE_HEADS_FILE: file }, KEPT_BACK)).toEqual({ decision: 'respond_then_offline', tier: 'full' });
  }, 300_000);

  it('refuses a model that got worse on the held-out data, naming the task', async () => {
    // A team that marks complaints as none and the reverse, on posts the trainer also learns from the dev data.
    const rows = loadTask('complaint').filter((r) => r.split === 'train').slice(0, 40).map((r) => ({ id: `c-${r.externalId}`, text: r.text, complaint: r.gold !== 'true' }));
    const r = await retrainWithCorrections(HEADS, rows, { orgChart });
    expect(r.accepted).toBe(false);
    expect(r.check.worse).toEqual(['complaint']);
    expect(r.check.after.complaint).toBeLessThan(r.check.before.complaint - 0.005);
  }, 300_000);
});
