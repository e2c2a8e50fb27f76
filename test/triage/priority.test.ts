import { describe, it, expect } from 'vitest';
import { prioritise, slaFor, type TPriorityInput } from '../../src/triage/priority.js';
import { exampleOrgChart, mention } from './helpers.js';

const orgChart = exampleOrgChart();
const base = (over: Partial<TPriorityInput> = {}): TPriorityInput => ({
  mention: mention('x'), orgChart, category: 'defect', sentimentScore: -0.5, complaint: true, similarRecent: 0,
  risk: false, decision: 'respond_then_offline', readable: true, ...over,
});
const score = (over: Partial<TPriorityInput> = {}) => prioritise(base(over)).score;

describe('priority factors', () => {
  it('category severity orders outage above question above praise', () => {
    expect(score({ category: 'outage' })).toBeGreaterThan(score({ category: 'question' }));
    expect(score({ category: 'question' })).toBeGreaterThan(score({ category: 'praise' }));
  });
  it('negativity raises the score', () => {
    expect(score({ sentimentScore: -0.9 })).toBeGreaterThan(score({ sentimentScore: 0.2 }));
  });
  it('reach: followers and verified', () => {
    const big = score({ mention: mention('x', { author: { handle: 'a', followers: 250_000, verified: true } }) });
    expect(big).toBeGreaterThan(score());
    expect(prioritise(base({ mention: mention('x', { author: { handle: 'a', followers: 250_000 } }) })).factors.join()).toMatch(/reach 250k/);
  });
  it('customer value: tier weight multiplies, from the mention or the author history; customerId adds', () => {
    const plain = score();
    expect(score({ mention: mention('x', { author: { handle: 'a', tier: 'business' } }) })).toBeCloseTo(plain * 2, 0);
    expect(score({ author: { mentions: 1, complaints: 0, praise: 0, tags: [], tier: 'premium' } })).toBeCloseTo(plain * 1.5, 0);
    expect(score({ mention: mention('x', { author: { handle: 'a', customerId: 'C1' } }) })).toBeGreaterThan(plain);
  });
  it('velocity: engagement and similar recent mentions', () => {
    expect(score({ mention: mention('x', { metrics: { likes: 500, shares: 100, replies: 40 } }) })).toBeGreaterThan(score());
    expect(score({ similarRecent: 4 })).toBeGreaterThan(score());
  });
  it('author history: repeat complainer and unhappy advocate', () => {
    expect(score({ author: { mentions: 5, complaints: 3, praise: 0, tags: [] } })).toBeGreaterThan(score());
    expect(score({ author: { mentions: 5, complaints: 0, praise: 4, tags: [] } })).toBeGreaterThan(score());
  });
  it('bands and clamps: escalate ≥ P2, risk P1, ignore/monitor/praise P4', () => {
    expect(prioritise(base({ category: 'other', sentimentScore: 0, complaint: false, decision: 'escalate' })).priority).toBe('P2');
    expect(prioritise(base({ risk: true, decision: 'escalate' })).priority).toBe('P1');
    expect(prioritise(base({ category: 'outage', decision: 'monitor' })).priority).toBe('P4');
    expect(prioritise(base({ category: 'praise', sentimentScore: 0.9, complaint: false, decision: 'respond' })).priority).toBe('P4');
    expect(prioritise(base({ category: 'outage', sentimentScore: -1, similarRecent: 5, mention: mention('x', { author: { handle: 'a', tier: 'business' } }) })).priority).toBe('P1');
  });
  it('SLA from the team, else the org default; none for ignore/monitor', () => {
    expect(slaFor(orgChart, 'network-ops', 'P1', 'escalate')).toBe(10);
    expect(slaFor(orgChart, 'billing', 'P3', 'respond')).toBe(240);
    expect(slaFor(orgChart, 'billing', 'P3', 'monitor')).toBeNull();
  });
});
