import { describe, it, expect } from 'vitest';
import { DECISIONS, triage, type TTriageDecision } from '../../src/triage/index.js';
import { detectLanguage } from '../../src/triage/language.js';
import { normaliseText } from '../../src/triage/normalise.js';
import { tokenise } from '../../src/triage/tokenise.js';
import { exampleOrgChart, mention, NOW } from './helpers.js';

const orgChart = exampleOrgChart();

function sane(d: TTriageDecision): void {
  expect(DECISIONS).toContain(d.decision);
  expect(['P1', 'P2', 'P3', 'P4']).toContain(d.priority);
  expect(Number.isFinite(d.priorityScore)).toBe(true);
  expect(d.sentimentScore).toBeGreaterThanOrEqual(-1);
  expect(d.sentimentScore).toBeLessThanOrEqual(1);
  expect(d.reasons.length).toBeGreaterThan(0);
  expect(orgChart.teams.map((t) => t.id)).toContain(d.team);
  expect(() => JSON.stringify(d)).not.toThrow();
}

describe('determinism', () => {
  it('same input, config and history → identical output', () => {
    const m = mention('@acmebroadband internet down AGAIN sooo annoyed :( https://t.co/abc', { author: { handle: 'z', followers: 5000, tier: 'premium' }, metrics: { likes: 3 } });
    const recent = [{ platform: 'x' as const, externalId: 'q', text: 'internet down again so annoyed', createdAt: NOW.toISOString() }];
    const ctx = { orgChart, now: NOW, recent, author: { mentions: 3, complaints: 2, praise: 0, tags: [] } };
    const a = triage(m, ctx);
    const b = triage(structuredClone(m), { ...ctx, recent: structuredClone(recent) });
    expect(b).toEqual(a);
  });
});

describe('language', () => {
  const lang = (t: string, given?: string) => {
    const n = normaliseText(t);
    return detectLanguage(n, tokenise(n), given).lang;
  };
  it.each([
    ['My internet has not been working since this morning and nobody answers the phone', 'en'],
    ['Mi internet no funciona desde ayer y nadie me responde, qué vergüenza', 'es'],
    ["Ma connexion ne marche pas depuis hier et personne ne répond, c'est nul", 'fr'],
    ['Mein Internet funktioniert seit gestern nicht und niemand ist erreichbar', 'de'],
    ['Minha internet não está funcionando desde ontem e ninguém responde', 'pt'],
    ['La mia connessione non funziona da ieri e nessuno risponde, che vergogna', 'it'],
    ['Mijn internet werkt niet sinds gisteren en niemand neemt op, wat een schande', 'nl'],
    ['Интернет не работает со вчерашнего дня', 'ru'],
    ['インターネットが昨日から使えません', 'ja'],
    ['wifi down @acme', 'en'],
  ])('%s → %s', (text, expected) => expect(lang(text)).toBe(expected));
  it('a platform tag wins unless it is a non-language', () => {
    expect(lang('hello there', 'fr-CA')).toBe('fr');
    expect(lang('hello there', 'und')).toBe('en');
  });
});

describe('adversarial text: no crash, sensible output', () => {
  const cases: [string, string][] = [
    ['empty', ''],
    ['whitespace', '   \n\t  '],
    ['100 KB', '@acmebroadband my internet is down '.repeat(3000).slice(0, 100_000)],
    ['only emoji', '😡😡😡🔥🔥'],
    ['right-to-left', 'شبكة الإنترنت لا تعمل منذ الصباح \u202e@acmebroadband'],
    ['zero-width', 'my inter\u200bnet is d\u200cown f\u200du\u200bck you'],
    ['control characters', 'bad\u0000 service\u0007 \u001b[31mred\u001b[0m \u0085'],
    ['lone surrogates', '\ud83d broken \udc00 text'],
    ['regex-hostile', '((((((((((((((((((((a]]]]]]]' + '!'.repeat(5000)],
  ];
  it.each(cases)('%s', (_name, text) => {
    const t0 = performance.now();
    const d = triage(mention(text), { orgChart, now: NOW });
    expect(performance.now() - t0).toBeLessThan(500);
    sane(d);
  });
  it('zero-width joiners do not hide words', () => {
    const d = triage(mention('my inter\u200bnet is d\u200bown'), { orgChart, now: NOW });
    expect(d.category).toBe('outage');
  });
  it('emoji-only and empty posts are sent to a person, with tone not guessed', () => {
    for (const t of ['', '😡😡😡']) {
      const d = triage(mention(t), { orgChart, now: NOW });
      expect(d.lang).toBe('und');
      expect(d.sentimentScore).toBe(0);
      expect(d.decision).toBe('respond');
    }
  });
});
