import { describe, expect, it } from 'vitest';
import { validateAdaptiveCard } from '../bot/teams/adaptive-card-schema.js';
import { CHANNELS, dialogCard, startTeamsHarness } from '../bot/teams/harness.js';
import { outageSurge } from './surge-mentions.js';

describe('Rename, Split and Merge from the Teams incident card', () => {
  async function surge() {
    const h = await startTeamsHarness();
    await h.install();
    await h.install(CHANNELS.netOps, 'dev');
    const leeds = outageSurge(8, h.clock.now);
    for (const m of leeds) await h.earshot.ingest(m);
    await h.drain();
    const incident = await h.db.incident.findFirstOrThrow();
    const cardOf = (id: string) => h.connector.posts(CHANNELS.netOps).find((m) => JSON.stringify(m.activity).includes(`"incidentId":"${id}"`))!;
    return { h, leeds, incident, cardOf };
  }

  it('Rename: the dialog opens for a responder, not a viewer; an empty title is refused in the dialog; the card shows the new title escaped', async () => {
    const { h, incident, cardOf } = await surge();
    const card = cardOf(incident.id);
    expect(h.cardJson(card)).toContain('"verb":"incident.rename"');
    expect((await h.fetchTask('sam', { verb: 'incident.rename', incidentId: incident.id }, card)).body?.task?.value).toMatch(/view-only|not|cannot/i);
    const opened = await h.fetchTask('ana', { verb: 'incident.rename', incidentId: incident.id }, card);
    expect(validateAdaptiveCard(dialogCard(opened.body))).toEqual([]);
    expect(JSON.stringify(dialogCard(opened.body))).toContain('"id":"title"');
    const refused = await h.submitTask('ana', { verb: 'incident.rename', incidentId: incident.id, title: '  ' });
    expect(JSON.stringify(dialogCard(refused.body))).toContain('Give the incident a title.');
    const done = await h.submitTask('ana', { verb: 'incident.rename', incidentId: incident.id, title: 'Leeds fibre cut **now** [x](https://evil.example)' });
    expect(done.body?.task).toBeUndefined();
    const json = h.cardJson(cardOf(incident.id));
    expect(json).toContain('Leeds fibre cut \\\\*\\\\*now\\\\*\\\\*');
    expect(json).not.toContain('[x](https://evil.example)');
  }, 60_000);

  it('Split and Merge: the member gets its own card; the merged card links to the target, has no actions, and the target counts both', async () => {
    const { h, leeds, incident, cardOf } = await surge();
    await h.submitTask('ana', { verb: 'incident.split', incidentId: incident.id, member: '', ref: `@${leeds[7]!.author.handle}` });
    const split = await h.db.case.findFirstOrThrow({ where: { author: { handle: leeds[7]!.author.handle } } });
    expect(split.incidentId).toBeNull();
    expect(h.connector.posts(CHANNELS.netOps).some((m) => JSON.stringify(m.activity).includes(`"caseId":"${split.id}"`))).toBe(true);
    expect(h.cardJson(cardOf(incident.id))).toContain('"value":"7 (');

    const bradford = outageSurge(6, h.clock.now).map((m, i) => ({ ...m, externalId: `bradford-${i}`, text: m.text.replace(/Leeds/g, 'Bradford').replace('internet', 'broadband'), author: { ...m.author, handle: `bradford_${i}` } }));
    for (const m of bradford) await h.earshot.ingest(m);
    await h.drain();
    const brad = await h.db.incident.findFirstOrThrow({ where: { id: { not: incident.id } } });
    const bradCard = cardOf(brad.id);
    const opened = await h.fetchTask('dev', { verb: 'incident.merge', incidentId: brad.id }, bradCard);
    expect(JSON.stringify(dialogCard(opened.body))).toContain(`"value":"${incident.id}"`);
    const refused = await h.submitTask('dev', { verb: 'incident.merge', incidentId: brad.id, target: '' });
    expect(JSON.stringify(dialogCard(refused.body))).toContain('Choose the incident to merge into.');
    await h.submitTask('dev', { verb: 'incident.merge', incidentId: brad.id, target: incident.id });
    const merged = h.connector.cardOf(bradCard);
    expect(bradCard.updates).toBeGreaterThan(0);
    expect(merged.actions).toBeUndefined();
    expect(JSON.stringify(merged)).toContain(`Merged into [`);
    expect(JSON.stringify(merged)).toContain(`(https://teams.microsoft.com/l/message/${encodeURIComponent(CHANNELS.netOps)}/${encodeURIComponent(cardOf(incident.id).id)})`);
    expect(h.cardJson(cardOf(incident.id))).toContain('"value":"13 (');
  }, 60_000);
});
