import { describe, expect, it } from 'vitest';
import { selected, startSlackHarness, text, USERS } from '../bot/slack/harness.js';
import { outageSurge } from './surge-mentions.js';

const NETOPS = 'C07NETOPS01';

describe('Rename, Split and Merge from the Slack incident card', () => {
  async function surge() {
    const h = await startSlackHarness();
    const leeds = outageSurge(8, h.clock.now);
    for (const m of leeds) await h.earshot.ingest({ ...m, createdAt: h.clock.now().toISOString() });
    await h.drain(200);
    const cardOf = (incidentId: string) => h.slack.messages.find((m) => m.channel === NETOPS && !m.thread_ts && JSON.stringify(m.blocks).includes(`"incident:${incidentId}:`))!;
    const incident = await h.db.incident.findFirstOrThrow();
    return { h, leeds, incident, cardOf, at: (id: string) => ({ channel: NETOPS, ts: cardOf(id).ts }) };
  }

  it('Rename: a modal with the current title; a refusal shows under the field; the card takes the new title, escaped', async () => {
    const { h, incident, cardOf, at } = await surge();
    expect(h.cardText(cardOf(incident.id))).toContain('"action_id":"incident.rename"');
    await h.click(USERS.sam, 'incident.rename', incident.id, at(incident.id));
    expect(h.slack.ephemerals.at(-1)?.text).toMatch(/view-only|not a member|cannot/i);
    await h.click(USERS.ana, 'incident.rename', incident.id, at(incident.id));
    const modal = h.lastView();
    expect(JSON.stringify(modal.view)).toContain(JSON.stringify(incident.title).slice(1, -1));
    const refused = await h.submit(USERS.ana, modal.id, { title: { text: text('   ') } });
    expect(refused.body).toMatchObject({ response_action: 'errors', errors: { title: 'Give the incident a title.' } });
    const ok = await h.submit(USERS.ana, modal.id, { title: { text: text('Leeds fibre cut <!channel> <@U07PRIYA01>') } });
    expect(ok.body).toBeNull();
    const card = h.cardText(cardOf(incident.id));
    expect(card).toContain('Leeds fibre cut &lt;!channel&gt; &lt;@U07PRIYA01&gt;');
    expect(card).not.toContain('<!channel>');
    expect(cardOf(incident.id).text).not.toContain('<!channel>');
  }, 60_000);

  it('Split: pick a member from the list (or by handle); it gets its own top-level card and the incident card is recounted', async () => {
    const { h, leeds, incident, cardOf, at } = await surge();
    await h.click(USERS.ana, 'incident.split', incident.id, at(incident.id));
    const modal = h.lastView();
    const members = await h.db.case.findMany({ where: { incidentId: incident.id }, include: { author: true } });
    const pick = members.find((c) => c.author.handle === leeds[7]!.author.handle)!;
    expect(JSON.stringify(modal.view)).toContain(`"value":"${pick.id}"`);
    expect((await h.submit(USERS.ana, modal.id, { member: { member: selected(pick.id) } })).body).toBeNull();
    const own = h.slack.messages.filter((m) => m.channel === NETOPS && !m.thread_ts && JSON.stringify(m.blocks).includes(`"case:${pick.id}:`));
    expect(own).toHaveLength(1);
    expect(h.cardText(cardOf(incident.id))).toContain('*Mentions*\\n7 (');
    // By handle, when the mention is not among the listed ones; an unknown handle is refused under the field.
    await h.click(USERS.ana, 'incident.split', incident.id, at(incident.id));
    const again = h.lastView();
    const unknown = await h.submit(USERS.ana, again.id, { member: { member: { type: 'static_select', selected_option: null } }, ref: { text: text('@nobody_here') } });
    expect(unknown.body?.errors?.member).toMatch(/No mention in this incident matches “@nobody_here”/);
    expect((await h.submit(USERS.ana, again.id, { member: { member: { type: 'static_select', selected_option: null } }, ref: { text: text(`@${leeds[6]!.author.handle}`) } })).body).toBeNull();
    expect(h.cardText(cardOf(incident.id))).toContain('*Mentions*\\n6 (');
  }, 60_000);

  it('Merge: pick the target among the team’s open incidents; the merged card says "Merged into" with a link and loses its actions', async () => {
    const { h, incident: leeds, cardOf, at } = await surge();
    const bradford = outageSurge(6, h.clock.now).map((m, i) => ({ ...m, externalId: `bradford-${i}`, text: m.text.replace(/Leeds/g, 'Bradford').replace('internet', 'broadband'), author: { ...m.author, handle: `bradford_${i}` } }));
    for (const m of bradford) await h.earshot.ingest(m);
    await h.drain(200);
    const brad = await h.db.incident.findFirstOrThrow({ where: { id: { not: leeds.id } } });
    await h.click(USERS.dev, 'incident.merge', brad.id, at(brad.id));
    const modal = h.lastView();
    expect(JSON.stringify(modal.view)).toContain(`"value":"${leeds.id}"`);
    expect((await h.submit(USERS.dev, modal.id, { target: { target: selected(leeds.id) } })).body).toBeNull();
    const merged = cardOf(brad.id);
    const leedsCard = cardOf(leeds.id);
    expect(h.cardText(merged)).toContain(`Merged into <https://slack.com/archives/${NETOPS}/p${leedsCard.ts.replace('.', '')}|`);
    expect(merged.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(h.cardText(leedsCard)).toContain('*Mentions*\\n14 (');
  }, 60_000);
});
