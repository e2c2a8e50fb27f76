import { describe, it, expect } from 'vitest';
import { clusterIdFor, createTriageSession, triage, type TRecentMention } from '../../src/triage/index.js';
import { exampleOrgChart, mention, NOW } from './helpers.js';

const orgChart = exampleOrgChart();
const ago = (min: number) => new Date(NOW.getTime() - min * 60_000).toISOString();
const recent = (id: string, text: string, min: number, clusterId?: string): TRecentMention => ({ platform: 'x', externalId: id, text, createdAt: ago(min), ...(clusterId ? { clusterId } : {}) });

describe('clustering', () => {
  it('same wording with different handles joins the earlier mention, reusing its clusterId', () => {
    const r = [recent('a', '@acmehelp broadband down in Leeds since 9am, nothing works', 10, 'c_existing')];
    const d = triage(mention('@acmebroadband broadband down in Leeds since 9am, nothing works!'), { orgChart, now: NOW, recent: r });
    expect(d.clusterId).toBe('c_existing');
    expect(d.reasons.join(' ')).toMatch(/Same story/);
  });
  it('derives the id from the founding mention when it has none', () => {
    const r = [recent('a', 'Boycott Acme now, they lie about speeds, share this everywhere', 5)];
    const d = triage(mention('Boycott Acme now, they lie about speeds, share this everywhere'), { orgChart, now: NOW, recent: r });
    expect(d.clusterId).toBe(clusterIdFor('x', 'a'));
  });
  it('same link clusters even with different words', () => {
    const r = [recent('a', 'look at this https://news.example/acme-outage-story', 3)];
    const d = triage(mention('wow https://news.example/acme-outage-story'), { orgChart, now: NOW, recent: r });
    expect(d.clusterId).toBe(clusterIdFor('x', 'a'));
  });
  it('unrelated text and items outside the 60-minute window do not cluster', () => {
    const m = mention('broadband down in Leeds since 9am, nothing works');
    const r = [recent('a', 'I love the new ad with the dog', 2), recent('b', 'broadband down in Leeds since 9am, nothing works', 90)];
    const d = triage(m, { orgChart, now: NOW, recent: r });
    expect(d.clusterId).toBe(clusterIdFor('x', m.externalId));
    expect(d.reasons.join(' ')).not.toMatch(/Same story/);
  });
  it('a session keeps the window itself and gives a wave one cluster', () => {
    const s = createTriageSession(orgChart);
    const ids = Array.from({ length: 8 }, (_, i) =>
      s.triage(mention(`@acmebroadband is the internet down in Leeds? nothing loading ${'!'.repeat(i)}`, { createdAt: ago(20 - i) })),
    );
    expect(new Set(ids.map((d) => d.clusterId)).size).toBe(1);
    expect(ids.at(-1)?.decision).toBe('escalate');
    expect(s.recent()).toHaveLength(8);
  });
  it('session window drops mentions older than the window', () => {
    const s = createTriageSession(orgChart, { windowMinutes: 10 });
    s.triage(mention('first post', { createdAt: ago(30) }));
    s.triage(mention('second post', { createdAt: ago(0) }));
    expect(s.recent().map((r) => r.text)).toEqual(['second post']);
  });
  it('stays fast with a large window', () => {
    const r = Array.from({ length: 2000 }, (_, i) => recent(`w${i}`, `random chatter number ${i} about things ${i % 17}`, (i % 50) + 1));
    const t0 = performance.now();
    for (let i = 0; i < 200; i++) triage(mention(`my internet is down again ${i}`), { orgChart, now: NOW, recent: r });
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
