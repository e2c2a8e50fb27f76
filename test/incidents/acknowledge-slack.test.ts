import { describe, expect, it } from 'vitest';
import { createXConnector } from '../../src/connectors/x/index.js';
import { startSlackHarness, USERS } from '../bot/slack/harness.js';
import { startFakeX } from '../connectors/fakes/x-api.js';
import { user, xEnv } from '../connectors/x/x-harness.js';
import { outageSurge } from './surge-mentions.js';

const NETOPS = 'C07NETOPS01';
const TEXT = 'Sorry {name}, we know the internet is down in Leeds and engineers are on it. Updates here <!here>';
/** Three posts X will not let us answer until they become visible again (X's official 403 problem body). */
const HIDDEN = new Set([3, 7, 11]);

/**
 * Acknowledge publicly from the Slack incident card, end to end: signed interactivity requests, the fake Slack Web API,
 * the real X connector against the fake X API v2 (OAuth 1.0a checked, RFC 7807 errors), the real outbox and its pacing.
 */
describe('Acknowledge publicly (Slack → X)', () => {
  it('previews the count with a filled, escaped example; reaches each author once, in-media, at X\'s pace; failures show on the card and are retried from it', async () => {
    const x = await startFakeX();
    const sentAt: number[] = [];
    let clockNow = () => new Date();
    const paced: typeof fetch = (url, init) => {
      if (init?.method === 'POST') sentAt.push(clockNow().getTime());
      return fetch(url, init);
    };
    const connector = createXConnector(xEnv(x.url), { fetch: paced, now: () => clockNow() });
    const h = await startSlackHarness({ connectors: [connector] });
    clockNow = h.clock.now;
    try {
      const surge = outageSurge(30, h.clock.now);
      const ids: string[] = [];
      for (const [i, m] of surge.entries()) {
        // The first author's handle and display name are hostile: they must reach Slack as text.
        const author = i === 0 ? { ...m.author, handle: '<!channel>_leeds', displayName: '<@U07PRIYA01> *Boss*' } : m.author;
        const t = x.publish({ text: m.text, author: user(author.handle.replace(/\W/g, '') || 'h', author.followers) });
        if (HIDDEN.has(i)) x.tweets.splice(x.tweets.indexOf(t), 1);
        ids.push(t.id);
        await h.earshot.ingest({ ...m, author, externalId: t.id, createdAt: h.clock.now().toISOString() });
        h.clock.advance(100);
      }
      await h.drain(200);
      const card = () => h.slack.messages.find((m) => m.channel === NETOPS && !m.thread_ts && JSON.stringify(m.blocks).includes('"incident:'))!;
      const incident = await h.db.incident.findFirstOrThrow();
      const at = { channel: NETOPS, ts: card().ts };
      expect(h.cardText(card())).toContain('Acknowledge publicly');

      // A viewer is refused before typing anything.
      await h.click(USERS.sam, 'incident.ack.open', incident.id, at);
      expect(h.slack.ephemerals.at(-1)?.text).toMatch(/view-only/);
      const viewsBefore = h.slack.views.length;
      await h.click(USERS.ana, 'incident.ack.open', incident.id, at);
      expect(h.slack.views.length).toBe(viewsBefore + 1);
      const compose = h.lastView();
      const previewed = await h.submit(USERS.ana, compose.id, { ack_text: { text: { type: 'plain_text_input', value: TEXT } } });
      expect(previewed.body?.response_action).toBe('update');
      const confirm = previewed.body!.view as Record<string, unknown>;
      const shown = JSON.stringify(confirm.blocks); // what Slack renders (private_metadata is never shown)
      expect(shown).toContain('Reply to 30 authors on 1 platform.');
      expect(shown).toContain('&lt;!channel&gt;_leeds');
      expect(shown).toContain('Sorry there, we know'); // a display name that is not a name never reaches the reply
      expect(shown).not.toMatch(/<!channel>|<!here>|<@U07PRIYA01>/);
      expect(await h.db.reply.count()).toBe(0); // nothing stored before the confirm

      // Slack swaps the view in place (response_action: update); the confirm submits it.
      h.slack.views.find((v) => v.id === compose.id)!.view = confirm;
      const sent = await h.submit(USERS.ana, compose.id, {});
      expect(sent.body).toBeNull();
      await h.drain(2000);

      expect(x.posted).toHaveLength(27);
      expect(new Set(x.posted.map((p) => p.inReplyTo)).size).toBe(27);
      expect(x.posted.every((p) => ids.includes(p.inReplyTo!) && p.text.startsWith('Sorry '))).toBe(true);
      // X's declared pace (100 per 15 min, bursts of 5), as the outbox's shared pace spaces the calls.
      const afterBurst = sentAt.slice(5);
      expect((afterBurst.at(-1)! - afterBurst[0]!) / (afterBurst.length - 1)).toBeGreaterThanOrEqual(9000 * 0.95);
      expect(h.cardText(card())).toContain('27 sent · 3 failed');
      expect(h.cardText(card())).toContain('Retry 3 failed');
      expect(h.cardText(card())).toContain('<@U07ANA0001>'); // the person who started it is named beside the failures
      expect((await h.db.incidentEvent.findMany({ orderBy: { at: 'asc' } })).map((e) => e.action)).toEqual(['acknowledged', 'acknowledgement_failed']);
      // The person who started it is told in the incident card's thread, with a mention that notifies them.
      const told = h.threadOf(card()).filter((m) => m.text.includes('could not be posted'));
      expect(told).toHaveLength(1);
      expect(told[0]!.text).toContain('<@U07ANA0001> 3 replies of your public acknowledgement could not be posted');
      const failed = await h.db.reply.findMany({ where: { status: 'failed' } });
      expect(failed).toHaveLength(3);
      expect(failed.every((r) => /deleted or not visible/.test(r.lastError ?? ''))).toBe(true);

      // The posts are visible again; "Retry 3 failed" sends just those three.
      for (const i of HIDDEN) x.publish({ text: 'back', author: user(`back${i}`) }).id = ids[i]!;
      await h.click(USERS.ana, 'incident.ack.retry', incident.id, at);
      await h.drain(2000);
      expect(x.posted).toHaveLength(30);
      expect(new Set(x.posted.map((p) => p.inReplyTo)).size).toBe(30);
      expect(h.cardText(card())).toContain('30 sent');
      expect(h.cardText(card())).not.toContain('failed');

      // Acknowledging again reaches nobody twice: the composer says so under the text.
      await h.click(USERS.dev, 'incident.ack.open', incident.id, at);
      const again = await h.submit(USERS.dev, h.lastView().id, { ack_text: { text: { type: 'plain_text_input', value: TEXT } } });
      expect(again.body).toMatchObject({ response_action: 'errors', errors: { ack_text: 'All 30 authors in this audience were already answered.' } });

      // Resolve with a closing reply: the same composer without an audience; everyone acknowledged gets it once.
      await h.click(USERS.ana, 'incident.ack.closing', incident.id, at);
      const closing = h.lastView();
      expect(JSON.stringify(closing.view)).not.toContain('ack_followers');
      const closingPreview = await h.submit(USERS.ana, closing.id, { ack_text: { text: { type: 'plain_text_input', value: 'Fixed now, {name}. Thanks for bearing with us.' } } });
      expect(JSON.stringify(closingPreview.body!.view.blocks)).toContain('Reply to 30 authors on 1 platform.');
      h.slack.views.find((v) => v.id === closing.id)!.view = closingPreview.body!.view;
      await h.submit(USERS.ana, closing.id, {});
      await h.drain(2000);
      expect(x.posted.filter((p) => p.text.startsWith('Fixed now'))).toHaveLength(30);
      expect(h.cardText(card())).toContain(':white_check_mark: *Resolved*');
      expect(h.cardText(card())).toContain('*Closing reply*: 30 sent');
      expect(await h.db.case.count({ where: { incidentId: incident.id, status: { not: 'resolved' } } })).toBe(0);
      expect(JSON.stringify(h.slack.messages.map((m) => [m.text, m.blocks]))).not.toMatch(/<!channel>|<!here>|<@U07PRIYA01>/);
    } finally {
      await x.close();
    }
  }, 120_000);
});
