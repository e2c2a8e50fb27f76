import { describe, it, expect } from 'vitest';
import { ZOrgChart, type TOrgChart } from '../../src/config/org-chart-schema.js';
import { route, ruleMatches, type TRouteInput } from '../../src/triage/route.js';
import { triage } from '../../src/triage/index.js';
import { exampleOrgChart, mention, NOW } from './helpers.js';

function chart(routing: unknown[]): TOrgChart {
  return ZOrgChart.parse({
    version: 1, organisation: 'T', fallbackTeam: 'care',
    teams: [{ id: 'care', name: 'Care' }, { id: 'ops', name: 'Ops', slaMinutes: { P1: 5, P2: 10, P3: 20, P4: 40 } }],
    routing,
  });
}
const input = (over: Partial<TRouteInput> = {}): TRouteInput => ({
  mention: mention('My WiFi is dead'), text: 'My WiFi is dead', category: 'outage', lang: 'en', sentiment: 'negative', ...over,
});
const rule = (match: Record<string, unknown>) => chart([{ name: 'r', team: 'ops', match }]).routing[0]!;

describe('routing matchers', () => {
  it('platform', () => {
    expect(ruleMatches(rule({ platform: 'x' }), input())).toBe(true);
    expect(ruleMatches(rule({ platform: ['reddit', 'youtube'] }), input())).toBe(false);
  });
  it('category', () => {
    expect(ruleMatches(rule({ category: ['outage', 'defect'] }), input())).toBe(true);
    expect(ruleMatches(rule({ category: 'billing' }), input())).toBe(false);
  });
  it('keywords: case-insensitive whole word or phrase', () => {
    expect(ruleMatches(rule({ keywords: ['wifi'] }), input())).toBe(true);
    expect(ruleMatches(rule({ keywords: ['is dead'] }), input())).toBe(true);
    expect(ruleMatches(rule({ keywords: ['wi'] }), input())).toBe(false);
    expect(ruleMatches(rule({ keywords: 'sue you' }), input({ text: 'this issue you see' }))).toBe(false);
  });
  it('regex with flags iu', () => {
    expect(ruleMatches(rule({ regex: 'wi-?fi\\s+is' }), input())).toBe(true);
    expect(ruleMatches(rule({ regex: '^dead' }), input())).toBe(false);
  });
  it('lang compares primary tags', () => {
    expect(ruleMatches(rule({ lang: 'en' }), input({ lang: 'en' }))).toBe(true);
    expect(ruleMatches(rule({ lang: ['es-MX'] }), input({ lang: 'es' }))).toBe(true);
    expect(ruleMatches(rule({ lang: 'fr' }), input())).toBe(false);
  });
  it('tier, any case; absent tier never matches', () => {
    expect(ruleMatches(rule({ tier: 'business' }), input({ tier: 'Business' }))).toBe(true);
    expect(ruleMatches(rule({ tier: 'business' }), input())).toBe(false);
  });
  it('sentiment', () => {
    expect(ruleMatches(rule({ sentiment: ['negative'] }), input())).toBe(true);
    expect(ruleMatches(rule({ sentiment: 'positive' }), input())).toBe(false);
  });
  it('all named conditions must match', () => {
    expect(ruleMatches(rule({ category: 'outage', platform: 'reddit' }), input())).toBe(false);
    expect(ruleMatches(rule({ category: 'outage', keywords: ['wifi'], sentiment: 'negative' }), input())).toBe(true);
  });
});

describe('route()', () => {
  it('first matching rule wins and is named', () => {
    const c = chart([
      { name: 'first', team: 'ops', match: { category: 'outage' } },
      { name: 'second', team: 'care', match: { keywords: ['wifi'] } },
    ]);
    const r = route(c, input());
    expect(r.team).toBe('ops');
    expect(r.reason).toContain('"first"');
  });
  it('falls back when nothing matches', () => {
    const r = route(chart([{ name: 'x', team: 'ops', match: { category: 'billing' } }]), input());
    expect(r.team).toBe('care');
    expect(r.reason).toMatch(/fallback/);
  });
  it('example org chart: outage to network-ops with its own SLA, billing to billing, lead to sales', () => {
    const orgChart = exampleOrgChart();
    const out = triage(mention('@acmebroadband my internet is down again, third time this week. Useless!'), { orgChart, now: NOW });
    expect(out.team).toBe('network-ops');
    expect([10, 30, 120, 720]).toContain(out.slaMinutes);
    expect(triage(mention('@acmebroadband you charged me twice, I want a refund'), { orgChart, now: NOW }).team).toBe('billing');
    expect(triage(mention('Thinking of switching to @acmebroadband, how much is the fibre package?'), { orgChart, now: NOW }).team).toBe('sales');
  });
});
