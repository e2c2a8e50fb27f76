import { describe, it, expect } from 'vitest';
import { triage } from '../../src/triage/index.js';
import { decide, type TDecideInput } from '../../src/triage/decide.js';
import { exampleOrgChart, mention, NOW } from './helpers.js';

const orgChart = exampleOrgChart();
const run = (text: string, extra: Partial<Parameters<typeof triage>[1]> = {}) => triage(mention(text), { orgChart, now: NOW, ...extra });

const base: TDecideInput = {
  lang: 'en', readable: true, cues: false, category: 'other', complaint: false, concrete: false, offensive: false, irony: false,
  sarcasmMarker: false, joke: false, verdict: false, spamScore: 0, risk: [], similarRecent: 0, sameCategoryRecent: 0,
  authorTags: [], toneUnclear: false,
};

describe('decision rules (end to end)', () => {
  it('spam → ignore', () => {
    const d = run('FOLLOW ME for free followers!!! click here https://spam.example/x #f4f #follow');
    expect(d.category).toBe('spam');
    expect(d.decision).toBe('ignore');
    expect(d.slaMinutes).toBeNull();
  });
  it('risk keyword → escalate at P1, naming the keyword', () => {
    const d = run('@acmebroadband I will sue you if this is not fixed');
    expect(d.decision).toBe('escalate');
    expect(d.priority).toBe('P1');
    expect(d.reasons.join(' ')).toMatch(/"sue you"/);
  });
  it('troll-tagged author → monitor, flagged', () => {
    const d = run('@acmebroadband your service is rubbish and you know it', { author: { mentions: 9, complaints: 5, praise: 0, tags: ['troll'] } });
    expect(d.decision).toBe('monitor');
    expect(d.reasons.join(' ')).toMatch(/troll/);
  });
  it('joke with nothing to solve → monitor', () => {
    const d = run('lol @acmebroadband the router looks like a toaster 😂');
    expect(d.decision).toBe('monitor');
    expect(d.reasons.join(' ')).toMatch(/joke|sarcasm/);
  });
  it('factual error → respond with correct information', () => {
    const d = run('I heard @acmebroadband is selling customer data, is it true?');
    expect(d.decision).toBe('respond');
    expect(d.reasons.join(' ')).toMatch(/correct information/);
  });
  it('unhappy customer with a problem → respond_then_offline', () => {
    const d = run('@acmebroadband you charged me twice this month, I want a refund');
    expect(d.complaint).toBe(true);
    expect(d.category).toBe('billing');
    expect(d.decision).toBe('respond_then_offline');
  });
  it('question → respond', () => {
    const d = run('@acmebroadband what time does the shop on High Street open on Sundays?');
    expect(d.category).toBe('question');
    expect(d.decision).toBe('respond');
  });
  it('praise → respond at low priority and records the advocate', () => {
    const d = run('@acmebroadband thanks for the quick fix, you guys are brilliant ❤');
    expect(d.category).toBe('praise');
    expect(d.decision).toBe('respond');
    expect(d.priority).toBe('P4');
    expect(d.reasons.join(' ')).toMatch(/advocate/);
  });
  it('outage at volume → escalate', () => {
    const recent = Array.from({ length: 6 }, (_, i) => ({
      platform: 'x' as const, externalId: `r${i}`, text: `is anyone else's internet down in Leeds? ${i}`,
      createdAt: new Date(NOW.getTime() - (i + 1) * 60_000).toISOString(), category: 'outage' as const,
    }));
    const d = run('@acmebroadband internet is down again in Leeds', { recent });
    expect(d.category).toBe('outage');
    expect(d.decision).toBe('escalate');
    expect(d.reasons.join(' ')).toMatch(/incident/);
  });
  it('a language read from cues is decided, not sent back as "not understood"', () => {
    const d = run('@acmebroadband mi internet no funciona desde ayer, qué pasa?');
    expect(d.lang).toBe('es');
    expect(d.category).toBe('outage');
    expect(d.decision).toBe('respond_then_offline');
    expect(d.team).toBe('network-ops');
    expect(d.reasons.join(' ')).toMatch(/Spanish \(es\).*phrase cues/);
  });
  it('a language the engine cannot read at all → respond, naming who must read it, tone not guessed', () => {
    const d = run('@acmebroadband 昨日からインターネットが使えません');
    expect(d.lang).toBe('ja');
    expect(d.decision).toBe('respond');
    expect(d.sentimentScore).toBe(0);
    expect(d.reasons.join(' ')).toMatch(/person who reads Japanese/);
  });
});

describe('decide() order', () => {
  it('a risk to a person beats spam signs and trolls; a scam pitch that borrows risk words stays spam', () => {
    const hijack = [{ kind: 'data' as const, evidence: 'my account has been hacked' }];
    expect(decide({ ...base, category: 'spam', spamScore: 2, risk: hijack, authorTags: ['troll'] }).decision).toBe('escalate');
    expect(decide({ ...base, category: 'spam', spamScore: 5, risk: hijack }).decision).toBe('ignore');
    expect(decide({ ...base, category: 'spam', spamScore: 2, risk: [{ kind: 'keyword', evidence: 'hacked' }] }).decision).toBe('ignore');
  });
  it('a bare risk keyword in a post whose tone is unclear is not escalated automatically', () => {
    const d = decide({ ...base, risk: [{ kind: 'keyword', evidence: 'fire' }], toneUnclear: true });
    expect(d.decision).toBe('respond_then_offline');
    expect(d.reason).toMatch(/tone is unclear/);
  });
  it('troll beats complaint', () => {
    expect(decide({ ...base, complaint: true, concrete: true, category: 'service', authorTags: ['Troll'] }).decision).toBe('monitor');
  });
  it('volume below threshold stays a normal complaint', () => {
    expect(decide({ ...base, complaint: true, concrete: true, category: 'outage', similarRecent: 2 }).decision).toBe('respond_then_offline');
    expect(decide({ ...base, complaint: true, concrete: true, category: 'outage', sameCategoryRecent: 5 }).decision).toBe('escalate');
  });
  it('abuse with nothing to solve → monitor; lead → respond; other → monitor', () => {
    expect(decide({ ...base, category: 'abuse', offensive: true }).decision).toBe('monitor');
    expect(decide({ ...base, category: 'lead' }).decision).toBe('respond');
    expect(decide({ ...base }).decision).toBe('monitor');
  });
  it('praise with a laugh is still praise; an explicit sarcasm marker is not', () => {
    expect(decide({ ...base, category: 'praise', joke: true }).decision).toBe('respond');
    expect(decide({ ...base, category: 'praise', sarcasmMarker: true }).decision).toBe('monitor');
  });
});
