import { describe, expect, it } from 'vitest';
import { destinationKind } from '../../src/metrics/outbox-metrics.js';
import { createMetrics } from '../../src/metrics/registry.js';

describe('metrics registry', () => {
  it('hands back the metric already registered under a name, so a factory that runs twice counts in one place', async () => {
    const m = createMetrics({ processMetrics: false });
    m.counter({ name: 'earshot_test_total', help: 'h', labelNames: ['route'] }).inc({ route: '/a' });
    m.counter({ name: 'earshot_test_total', help: 'h', labelNames: ['route'] }).inc({ route: '/a' });
    expect(await m.scrape()).toMatch(/^earshot_test_total\{route="\/a"\} 2$/m);
  });

  it('runs every scrape hook before rendering, and escapes hostile label values', async () => {
    const m = createMetrics({ processMetrics: false });
    const depth = m.gauge({ name: 'earshot_test_depth', help: 'h', labelNames: ['kind'] });
    let reads = 0;
    m.onScrape(async () => {
      reads++;
      depth.reset();
      depth.set({ kind: 'a"b\\c\nd' }, reads);
    });
    await m.scrape();
    const text = await m.scrape();
    expect(text).toContain('earshot_test_depth{kind="a\\"b\\\\c\\nd"} 2');
    expect(text.split('\n').filter((l) => l.startsWith('earshot_test_depth{'))).toHaveLength(1);
  });

  it('appends the process metrics unless told not to', async () => {
    expect(await createMetrics().scrape()).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
    expect(await createMetrics({ processMetrics: false }).scrape()).not.toContain('nodejs_');
  });
});

describe('outbox destination label', () => {
  const item = (kind: string, destination: string, payload: Record<string, unknown> = {}) => ({ kind, destination, payload }) as Parameters<typeof destinationKind>[0];

  it('names the surface, the platform or the fan-out step, never the channel or case', () => {
    expect(destinationKind(item('chat.deliver', 'C07BILLING1', { surface: 'slack' }))).toBe('slack');
    expect(destinationKind(item('chat.deliver', '19:abc@thread.tacv2', { surface: 'teams' }))).toBe('teams');
    expect(destinationKind(item('platform.reply', 'platform:mastodon'))).toBe('mastodon');
    expect(destinationKind(item('card.post', 'team:billing'))).toBe('fanout');
  });

  it('folds anything unexpected into "other" so the label set stays bounded', () => {
    expect(destinationKind(item('platform.reply', 'platform:myspace'))).toBe('other');
    expect(destinationKind(item('platform.reply', 'C0123'))).toBe('other');
    expect(destinationKind(item('chat.deliver', 'x', { surface: 'irc' }))).toBe('other');
  });
});
