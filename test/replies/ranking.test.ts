import { beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/log.js';
import { suggestReplies, type TSuggestSubject } from '../../src/replies/suggest-replies.js';
import { createTextSimilarity, type TTextSimilarity } from '../../src/replies/text-similarity.js';
import { EncoderUnavailableError, loadEncoder } from '../../src/triage/encoder/index.js';
import { exampleOrgChart } from '../helpers/org-chart.js';

/** One realistic post per category, and the example org chart's saved reply a social-care lead would pick first. */
const POSTS: { category: string; lang?: string; text: string; best: string }[] = [
  { category: 'outage', text: '@acmebroadband is the internet down in Leeds? Nothing since 7am', best: 'outage-ack' },
  { category: 'outage', lang: 'es', text: '@acmebroadband sin internet desde esta mañana en Madrid, ¿hay una avería?', best: 'outage-ack-es' },
  { category: 'defect', text: 'my connection keeps dropping every ten minutes and the router light is flashing orange', best: 'fault-check' },
  { category: 'billing', text: "I've been charged twice this month, why is my bill £20 higher than last time?", best: 'billing-dm' },
  { category: 'delivery', text: 'ordered the new router a week ago and it still has not arrived, where is it?', best: 'delivery-check' },
  { category: 'service', text: 'waited on hold for two hours and then the agent hung up on me. Awful service', best: 'service-sorry' },
  { category: 'question', text: 'how do I change my wifi password on the new hub?', best: 'how-to' },
  { category: 'praise', text: 'the engineer who came today was brilliant, thank you @acmebroadband!', best: 'thanks' },
  { category: 'lead', text: 'thinking of switching to acme, what packages do you have for a family of five?', best: 'sales-intro' },
  { category: 'abuse', text: 'you useless idiots, worst company ever, absolute clowns', best: 'keep-it-civil' },
];

const subject = (p: { category: string; lang?: string; text: string }): TSuggestSubject => ({
  id: 'cmcase000000000000abc123',
  post: { text: p.text },
  lang: p.lang ?? 'en',
  category: p.category,
  platformName: 'X',
  author: { handle: 'jane_doe', displayName: 'Jane Doe' },
  team: { name: 'Social Care' },
});

const chart = exampleOrgChart();
const log = createMemoryLogger();
let encoder: TTextSimilarity;

beforeAll(async () => {
  encoder = createTextSimilarity({ mode: 'encoder', load: loadEncoder, log });
  await encoder.ready();
}, 60_000);

describe('saved replies ranked on the example org chart', () => {
  for (const method of ['encoder', 'words'] as const) {
    it(`puts the right reply first for a post of each category (${method})`, async () => {
      const similarity = method === 'encoder' ? encoder : createTextSimilarity({ mode: 'words', load: loadEncoder, log });
      for (const p of POSTS) {
        const s = await suggestReplies({ orgChart: chart, similarity }, subject(p), 'reply', 'Tom Okafor');
        expect(s.method).toBe(method);
        expect({ post: p.text, best: s.best?.id }).toEqual({ post: p.text, best: p.best });
        expect(s.next).toHaveLength(2);
        expect(s.next.map((n) => n.id)).not.toContain(p.best);
      }
    });
  }

  it('resolves placeholders in what it pre-fills, and says why it chose it', async () => {
    const s = await suggestReplies({ orgChart: chart, similarity: encoder }, subject(POSTS[3]!), 'reply', 'Tom Okafor');
    expect(s.best).toMatchObject({ id: 'billing-dm', reasons: ['written for billing posts', 'in English', 'similar wording'] });
    expect(s.best!.text).toBe("Hi Jane, sorry about the confusion with your bill. Please DM us your account number and we'll go through the charges with you. Ref ES-ABC123.");
    expect(s.best!.template).toContain('{caseRef}');
  });

  it('a spam post matches no reply written for its category: wording alone orders them', async () => {
    const s = await suggestReplies({ orgChart: chart, similarity: encoder }, subject({ category: 'spam', text: 'FREE crypto giveaway!!! click my profile' }), 'reply', 'Tom');
    expect([s.best, ...s.next].every((x) => !x!.reasons.some((r) => r.startsWith('written for')))).toBe(true);
  });

  it('Move offline ranks replies meant for it: the billing DM for a billing post, else "Take it to DM"', async () => {
    const billing = await suggestReplies({ orgChart: chart, similarity: encoder }, subject(POSTS[3]!), 'offline', 'Tom');
    expect(billing.best?.id).toBe('billing-dm');
    const outage = await suggestReplies({ orgChart: chart, similarity: encoder }, subject(POSTS[0]!), 'offline', 'Tom');
    expect(outage.best?.id).toBe('take-offline');
    // Replies for the Reply dialog only are never offered as an acknowledgement, and vice versa.
    const ids = [outage.best, ...outage.next].map((x) => x!.id);
    expect(ids).not.toContain('outage-ack');
    const reply = await suggestReplies({ orgChart: chart, similarity: encoder }, subject(POSTS[0]!), 'reply', 'Tom');
    expect([reply.best, ...reply.next].map((x) => x!.id)).not.toContain('take-offline');
  });

  it('with no saved reply for Move offline, it starts from a standard acknowledgement', async () => {
    const bare = { ...chart, savedReplies: [] };
    const s = await suggestReplies({ orgChart: bare, similarity: encoder }, subject(POSTS[0]!), 'offline', 'Tom');
    expect(s.best).toMatchObject({ id: 'earshot-offline', text: 'Hi Jane, sorry about this. We will contact you directly to sort it out.' });
    expect((await suggestReplies({ orgChart: bare, similarity: encoder }, subject(POSTS[0]!), 'reply', 'Tom')).best).toBeNull();
  });

  it('ranks by words, and says so once, when the encoder cannot load; the first ranking never waits for it', async () => {
    const memory = createMemoryLogger();
    const broken = createTextSimilarity({ mode: 'encoder', load: () => Promise.reject(new EncoderUnavailableError(new Error('weights missing'))), log: memory });
    const first = await suggestReplies({ orgChart: chart, similarity: broken }, subject(POSTS[0]!), 'reply', 'Tom');
    expect(first).toMatchObject({ method: 'words', best: { id: 'outage-ack' } });
    await broken.ready();
    const again = await suggestReplies({ orgChart: chart, similarity: broken }, subject(POSTS[6]!), 'reply', 'Tom');
    expect(again).toMatchObject({ method: 'words', best: { id: 'how-to' } });
    expect(memory.lines.filter((l) => String(l.msg).includes('sentence encoder unavailable'))).toHaveLength(1);
  });
});
