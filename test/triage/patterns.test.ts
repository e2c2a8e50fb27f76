import { describe, it, expect } from 'vitest';
import { createTriageSession, triage } from '../../src/triage/index.js';
import { exampleOrgChart, mention, NOW } from './helpers.js';

// Texts written for these tests (not taken from the decision set), one per pattern issue 17 names.
const orgChart = exampleOrgChart();
const run = (text: string, over: Parameters<typeof mention>[1] = {}) => triage(mention(text, over), { orgChart, now: NOW });
const why = (d: { reasons: string[] }) => d.reasons.join(' ');

describe('spam and promotion win over praise and question cues', () => {
  it.each([
    'amazing!!! 😍😍 we grow your page to 20k real followers, DM us',
    'Great post! Do you want to earn £250 a day from home? ask me how',
    'Nice 👍 check my channel for free gift cards, link in bio',
    '@acmebroadband 🚀 presale of $LUNAX is live, claim your airdrop now',
    'Gana 400€ a la semana desde tu móvil, escríbeme por privado 💰',
  ])('%s → ignore', (text) => {
    const d = run(text);
    expect(d.category).toBe('spam');
    expect(d.decision).toBe('ignore');
    expect(d.slaMinutes).toBeNull();
  });
  it('a customer asking whether a giveaway is real is not spam', () => {
    expect(run('@acmebroadband is the giveaway on your page real?').decision).not.toBe('ignore');
  });
});

describe('risk as meaning, keywords as an addition', () => {
  it.each([
    ['@acmebroadband the router made a popping noise and now there are sparks from the power lead', 'safety'],
    ['Touched the back of the TV box and got an electric shock', 'safety'],
    ['@acmebroadband Der Router brennt, überall Rauch!', 'safety'],
    ['@acmebroadband me han hackeado la cuenta y han cambiado el correo', 'hijacked'],
    ['@acmehelp I am taking this to the ombudsman', 'regulator'],
    ["Logged into the app and I'm looking at someone else's address and bank details", 'personal data'],
    ["@acmehelp my dad is 90 and lives alone, his care alarm has not worked since your line went down", 'vulnerable'],
  ])('%s → escalate, saying why (%s)', (text, what) => {
    const d = run(text);
    expect(d.decision).toBe('escalate');
    expect(d.priority).toBe('P1');
    expect(why(d)).toContain(what);
  });
  it.each([
    'honestly the new gigabit tariff is fire 🔥',
    'Can I get the Acme TV app on my Kindle Fire?',
    'lost at ping pong to my kid, my ego is injured',
    'I hacked together a dashboard for my hub stats, no drops this month',
  ])('%s → not escalated', (text) => {
    expect(run(text).decision).not.toBe('escalate');
  });
  it("the org chart's own keyword still escalates when nothing says it is harmless", () => {
    const d = run('@acmebroadband I will sue you over this contract');
    expect(d.decision).toBe('escalate');
  });
});

describe('a legitimate complaint is a concrete problem; bashing, jokes and rants are monitored', () => {
  it.each([
    '@acmebroadband you are honestly the worst provider in the country',
    'acme wifi is like my motivation, gone by 9am lol 😂',
    'All these broadband companies are the same greedy cartel',
  ])('%s → monitor', (text) => {
    const d = run(text);
    expect(d.decision).toBe('monitor');
    expect(d.complaint).toBe(false);
  });
  it('sarcasm around a real fault is still a problem to solve', () => {
    const d = run('Oh great, my broadband has dropped again for the fourth time today, thanks @acmebroadband');
    expect(d.decision).toBe('respond_then_offline');
    expect(d.team).toBe('network-ops');
  });
  it.each([
    ['@acmehelp the firmware update bricked my router', 'defect'],
    ['@acmebroadband the hub is stuck in a bootloop since last night', 'defect'],
    ['my connection drops 11 times a day @acmebroadband', 'defect'],
  ])('defect vocabulary: %s → %s, network-ops', (text, category) => {
    const d = run(text);
    expect(d.category).toBe(category);
    expect(d.team).toBe('network-ops');
    expect(d.decision).toBe('respond_then_offline');
  });
});

describe('factual errors are answered with the correct information', () => {
  it.each([
    'Apparently @acmebroadband is closing every shop in the north next month',
    'PSA: acme are charging £8 for every paper bill from June',
  ])('%s → respond', (text) => {
    const d = run(text);
    expect(d.decision).toBe('respond');
    expect(why(d)).toMatch(/correct information/);
  });
  it('a first-person billing complaint is a complaint, not a claim', () => {
    expect(run('@acmehelp you charged me twice this month, refund please').decision).toBe('respond_then_offline');
  });
});

describe('volume and place', () => {
  it('volume stated in one post makes an incident', () => {
    const d = run('@acmebroadband about 400 homes on our estate have had no internet since Friday');
    expect(d.decision).toBe('escalate');
    expect(why(d)).toMatch(/400 homes/);
  });
  it("one city's outage wave escalates there, and does not absorb another city's complaint", () => {
    const session = createTriageSession(orgChart);
    const at = (min: number) => new Date(NOW.getTime() + min * 60_000).toISOString();
    const wave = [
      'no internet in Norwich since 8am', 'Norwich broadband down for anyone else?', 'internet is down in Norwich NR2',
      'our wifi is off in Norwich, router blinking red', 'Norwich outage? nothing loads', 'still no connection in Norwich',
    ].map((t, i) => session.triage(mention(`@acmebroadband ${t}`, { createdAt: at(i * 3) })));
    expect(wave.at(-1)!.decision).toBe('escalate');
    expect(why(wave.at(-1)!)).toMatch(/Norwich/);
    const other = session.triage(mention('@acmebroadband no broadband in Swansea since lunchtime, can you check?', { createdAt: at(40) }));
    expect(other.category).toBe('outage');
    expect(other.decision).toBe('respond_then_offline');
    expect(other.clusterId).not.toBe(wave[0]!.clusterId);
  });
});

describe('language', () => {
  it('English without function words is read as English, not "no readable words"', () => {
    const d = run('Superb installation, friendly technician, everything working. Recommend.');
    expect(d.lang).toBe('en');
    expect(d.category).toBe('praise');
  });
  it('a language read from cues gets a decision and its label; one the engine cannot read goes to a person', () => {
    const es = run('@acmebroadband me habéis cobrado dos veces la factura, quiero el reembolso');
    expect(es.lang).toBe('es');
    expect(es.decision).toBe('respond_then_offline');
    expect(es.team).toBe('billing');
    const ko = run('@acmebroadband 인터넷이 안 돼요');
    expect(ko.decision).toBe('respond');
    expect(why(ko)).toMatch(/Korean/);
  });
});
