import { TestAdapter, type Activity } from 'botbuilder';
import { wordsReplyAssist } from '../../helpers/reply-assist.js';
import { describe, expect, it } from 'vitest';
import { createTeamsApp } from '../../../src/bot/teams/teams-app.js';
import { createMemoryLogger } from '../../../src/log.js';
import { triage } from '../../../src/triage/index.js';
import { manualClock } from '../../helpers/clock.js';
import { createTestDb } from '../../helpers/db.js';
import { validateAdaptiveCard } from './adaptive-card-schema.js';
import { CHANNELS, startTeamsHarness, teamsOrgChart } from './harness.js';

const SERVICE = 'the engineer never turned up for my appointment, terrible service and nobody answers the phone';

describe('@Earshot commands', () => {
  async function ask(text: string, user: Parameters<Awaited<ReturnType<typeof startTeamsHarness>>['message']>[0] = 'tom', conversation: string = CHANNELS.socialCare) {
    const h = await startTeamsHarness();
    await h.install();
    return { h, answer: async (t = text, u = user, c = conversation) => {
      const before = h.connector.messages.length;
      const res = await h.message(u, t, c);
      expect(res.status).toBe(200);
      const replies = h.connector.messages.slice(before);
      expect(replies).toHaveLength(1);
      const card = h.connector.cardOf(replies[0]!);
      expect(validateAdaptiveCard(card)).toEqual([]);
      return { json: JSON.stringify(card), message: replies[0]! };
    } };
  }

  it('help lists every command, as the manifest does; unknown words get help with the problem first', async () => {
    const { answer } = await ask('help');
    const { json, message } = await answer();
    for (const cmd of ['stats', 'queue', 'whois', 'route', 'help']) expect(json).toContain(`@Earshot ${cmd}`);
    // The answer is a reply to the command message, in its thread.
    expect(message.replyToId).toMatch(/^f:/);
    expect((await answer('frobnicate')).json).toContain('I don\'t know \\"frobnicate\\".');
  });

  it('queue shows my open cases with a link to their card, and my teams’ unclaimed ones', async () => {
    const { h, answer } = await ask('queue');
    const { caseId, card } = await h.ingestCase({ text: SERVICE });
    expect((await answer()).json).toContain('Unclaimed in social-care (1)');
    await h.execute('tom', 'case.claim', { caseId }, card);
    const { json } = await answer();
    expect(json).toContain('Your open cases (1)');
    expect(json).toContain(`https://teams.microsoft.com/l/message/${encodeURIComponent(card.channel)}/${card.id}`);
    expect(json).toContain('Unclaimed in social-care (0)');
    expect((await answer('queue', 'stranger')).json).toContain('teamsUserId: aad-stranger');
  });

  it('whois shows an author’s profile and cases; route dry-runs triage without storing anything', async () => {
    const { h, answer } = await ask('whois');
    await h.ingestCase({ text: SERVICE, author: { handle: 'jane_doe', displayName: 'Jane Doe' } });
    const who = (await answer('whois @jane_doe')).json;
    expect(who).toContain('**Jane Doe**');
    expect(who).toContain('1 mentions');
    expect((await answer('whois x:nobody')).json).toContain('No one called @nobody has mentioned you on X');
    expect((await answer('whois')).json).toContain('Usage: @Earshot whois');
    const cases = await h.db.case.count();
    const route = (await answer('route my bill is wrong, I was charged twice')).json;
    expect(route).toContain('**Dry run**');
    expect(route).toContain('Team: **Billing & Accounts**');
    expect(await h.db.case.count()).toBe(cases);
  });

  it('stats renders the report for a team and period; bad arguments are explained; commands work in a 1:1 chat too', async () => {
    const { h, answer } = await ask('stats');
    await h.ingestCase({ text: SERVICE });
    const stats = (await answer('stats social-care 7d')).json;
    expect(stats).toContain('Stats for social-care');
    expect(stats).toContain('last 7 days');
    expect(stats).toMatch(/"title":"Cases","value":"1"/);
    expect((await answer('stats')).json).toContain('Stats for social-care');
    expect((await answer('stats all someday')).json).toContain('Unknown period');
    await h.install('a:1on1-tom', 'tom');
    expect((await answer('help', 'tom', 'a:1on1-tom')).json).toContain('@Earshot queue');
  });
});

describe('Teams bot logic under botbuilder’s TestAdapter', () => {
  async function testAdapter() {
    const { db } = await createTestDb();
    const clock = manualClock();
    const orgChart = teamsOrgChart();
    const teams = createTeamsApp({ mode: 'local' }, { db, orgChart, log: createMemoryLogger(), now: clock.now, triage, privateUnsupported: () => null, assist: wordsReplyAssist(db, orgChart, clock.now) });
    return new TestAdapter((ctx) => teams.run(ctx));
  }

  it('answers a command with a card', async () => {
    const adapter = await testAdapter();
    await adapter.send('route my internet has been down all day').assertReply((a: Partial<Activity>) => {
      expect(a.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(JSON.stringify(a.attachments)).toContain('Dry run');
    });
  });

  it('answers an Action.Execute invoke for a case that does not exist with a message, not a card', async () => {
    const adapter = await testAdapter();
    await adapter.processActivity({
      type: 'invoke',
      name: 'adaptiveCard/action',
      channelId: 'msteams',
      from: { id: '29:tom', name: 'tom', aadObjectId: 'aad-tom' },
      value: { action: { type: 'Action.Execute', verb: 'case.claim', data: { caseId: 'missing' } }, trigger: 'manual' },
    } as Partial<Activity>);
    const response = adapter.activeQueue.find((a) => a.type === 'invokeResponse');
    expect(response?.value).toEqual({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining('does not exist') } });
  });
});
