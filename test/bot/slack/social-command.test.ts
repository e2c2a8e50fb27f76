import { describe, expect, it } from 'vitest';
import { startSlackHarness, USERS } from './harness.js';

const SERVICE = 'the engineer never turned up for my appointment, terrible service and nobody answers the phone';

describe('/social', () => {
  it('help, empty and unknown subcommands answer with usage', async () => {
    const h = await startSlackHarness();
    for (const text of ['help', '', 'frobnicate now']) {
      const res = await h.command(USERS.tom, text);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ response_type: 'ephemeral' });
      expect(res.body!.text).toContain('/social stats [team|all] [today|7d|30d]');
    }
    expect((await h.command(USERS.tom, 'frobnicate')).body!.text).toContain("I don't know `frobnicate`");
  });

  it('queue lists my open cases and my team’s unclaimed ones, with links to the cards', async () => {
    const h = await startSlackHarness();
    const mine = await h.ingestCase({ text: SERVICE, author: { handle: 'mine_author' } });
    await h.ingestCase({ text: 'I have been waiting three weeks for my new router to be delivered', author: { handle: 'waiting_author' } });
    await h.click(USERS.tom, 'case.claim', mine.caseId, mine.card);
    const res = await h.command(USERS.tom, 'queue');
    const text = res.body!.text as string;
    const [yours, unclaimed] = text.split('\n\n');
    expect(yours).toContain('Your open cases (1)');
    expect(yours).toContain('@mine_author');
    expect(yours).toContain(`https://slack.com/archives/${mine.card.channel}/p${mine.card.ts.replace('.', '')}`);
    expect(unclaimed).toContain('Unclaimed in social-care (1)');
    expect(unclaimed).toContain('@waiting_author');
  });

  it('whois shows the profile and history, escaping what the author controls', async () => {
    const h = await startSlackHarness();
    await h.ingestCase({ text: SERVICE, author: { handle: 'jane_doe', displayName: '<!channel> Jane', followers: 4200, tier: 'premium' } });
    const text = (await h.command(USERS.tom, 'whois @jane_doe')).body!.text as string;
    expect(text).toContain('&lt;!channel&gt; Jane');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('4.2k followers');
    expect(text).toContain('tier premium');
    expect(text).toContain('1 mentions · 1 complaints');
    expect((await h.command(USERS.tom, 'whois nobody_here')).body!.text).toContain('No one called');
    expect((await h.command(USERS.tom, 'whois myspace:bob')).body!.text).toContain('Unknown platform');
    expect((await h.command(USERS.tom, 'whois')).body!.text).toContain('Usage');
  });

  it('route dry-runs triage with reasons and stores nothing', async () => {
    const h = await startSlackHarness();
    const text = (await h.command(USERS.tom, 'route there is an outage in Leeds, nothing works <!here>')).body!.text as string;
    expect(text).toContain('Dry run');
    expect(text).toContain('outage');
    expect(text).toContain('Network Operations');
    expect(text).toContain('*Why*');
    expect(text).not.toContain('<!here>');
    expect(await h.db.case.count()).toBe(0);
    expect((await h.command(USERS.tom, 'route')).body!.text).toContain('Usage');
  });
});
