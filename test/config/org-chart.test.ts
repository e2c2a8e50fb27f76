import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { loadOrgChart, parseOrgChart } from '../../src/config/load-org-chart.js';
import { roleFor, slaMinutesFor } from '../../src/config/org-chart-queries.js';
import { exampleOrgChart } from '../helpers/org-chart.js';

const minimal = (extra = '') => `version: 1
organisation: Test Org
fallbackTeam: care
teams:
  - id: care
    name: Care
    members:
      - { id: ann, name: Ann, role: responder }
${extra}`;

function problems(text: string): string[] {
  try {
    parseOrgChart(text, 'org.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return [...(err as ConfigError).problems];
  }
  throw new Error('expected the org chart to be rejected');
}

describe('org chart', () => {
  it('accepts the bundled example and fills defaults', () => {
    const chart = exampleOrgChart();
    expect(chart.teams.map((t) => t.id)).toEqual(['social-care', 'network-ops', 'billing', 'sales']);
    expect(slaMinutesFor(chart, 'social-care', 'P1')).toBe(15);
    expect(slaMinutesFor(chart, 'billing', 'P2')).toBe(chart.defaultSlaMinutes.P2);
    const lena = chart.teams[0]!.members.find((m) => m.id === 'lena')!;
    expect(lena.needsApproval).toBe(true);
  });

  it('reads the voice guide and the AI-draft cap; without a voice section, refunds and compensation are still banned', () => {
    const chart = exampleOrgChart();
    expect(chart.voice.bannedPromises).toContain('refund');
    expect(chart.voice.allowedLinks).toEqual(['status.acme.example', 'acme.example']);
    expect(chart.aiDrafts.dailyTokenCap).toBe(200000);
    const bare = parseOrgChart(minimal(), 'org.yaml');
    expect(bare.voice).toMatchObject({ bannedPromises: ['refund', 'compensation', 'compensate', 'reimburse', 'money back', 'goodwill payment'], allowedLinks: [], do: [] });
    expect(bare.aiDrafts.dailyTokenCap).toBeUndefined();
  });

  it('explains a bad voice link, cap or saved-reply hint with its line', () => {
    const found = problems(
      minimal(`voice:\n  allowedLinks: ["javascript:alert(1)"]\naiDrafts: { dailyTokenCap: -5 }\nsavedReplies:\n  - { id: a, title: A, text: hi, categories: [outages], use: [dm] }`),
    );
    expect(found.join('\n')).toMatch(/org\.yaml:10:\d+: voice\.allowedLinks\[0\]: must be a host or host\/path/);
    expect(found.join('\n')).toMatch(/aiDrafts\.dailyTokenCap/);
    expect(found.join('\n')).toMatch(/savedReplies\[0\]\.categories\[0\]/);
    expect(found.join('\n')).toMatch(/savedReplies\[0\]\.use\[0\]/);
  });

  it('fills incident defaults and explains a bad incident threshold or an unknown tier with its line', () => {
    const bare = parseOrgChart(minimal(), 'org.yaml');
    expect(bare.incidents).toMatchObject({ minMentions: 5, windowMinutes: 30, ownCard: { risk: true, priorities: [], minFollowers: 10000, verifiedOnly: true } });
    const found = problems(minimal(`incidents:\n  minMentions: 1\n  windowMinutes: 0\n  ownCard: { tiers: [platinum] }`));
    expect(found.join('\n')).toMatch(/org\.yaml:10:\d+: incidents\.minMentions: /);
    expect(found.join('\n')).toMatch(/org\.yaml:11:\d+: incidents\.windowMinutes: /);
    expect(found.join('\n')).toMatch(/incidents\.ownCard\.tiers\[0\]: names unknown customer tier "platinum"/);
  });

  it('names file, line, column and field path for a bad value', () => {
    const text = minimal().replace('role: responder', 'role: boss');
    const [p] = problems(text);
    expect(p).toMatch(/^org\.yaml:8:\d+: teams\[0\]\.members\[0\]\.role: /);
    expect(p).toMatch(/responder|approver|viewer/);
  });

  it('reports a missing field at its parent', () => {
    const [p] = problems(minimal().replace('    name: Care\n', ''));
    expect(p).toMatch(/^org\.yaml:5:\d+: teams\[0\]\.name: /);
  });

  it('rejects routing to an unknown team and an unknown fallback team', () => {
    const all = problems(minimal(`routing:\n  - name: r1\n    match: { category: outage }\n    team: nobody\n`).replace('fallbackTeam: care', 'fallbackTeam: ghost'));
    expect(all.some((p) => /fallbackTeam: names unknown team "ghost"/.test(p))).toBe(true);
    expect(all.some((p) => /^org\.yaml:1[0-2]:\d+: routing\[0\]\.team: names unknown team "nobody"/.test(p))).toBe(true);
  });

  it('rejects an invalid regex, time zone, business hours and unknown keys', () => {
    const text = minimal(`routing:\n  - name: r\n    match: { regex: "([a-" }\n    team: care\n`)
      .replace('    name: Care\n', '    name: Care\n    timezone: Mars/Olympus\n    businessHours: { days: [mon], start: "18:00", end: "09:00" }\n    colour: blue\n');
    const all = problems(text).join('\n');
    expect(all).toMatch(/teams\[0\]\.timezone: is not a known IANA time zone/);
    expect(all).toMatch(/teams\[0\]\.businessHours\.end: start must be before end/);
    expect(all).toMatch(/colour/);
    expect(all).toMatch(/routing\[0\]\.match\.regex: is not a valid regular expression/);
  });

  it('reports YAML syntax errors with their line', () => {
    const [p] = problems('version: 1\nteams: [\n  - id: x\n');
    expect(p).toMatch(/^org\.yaml:\d+:\d+: YAML syntax:/);
  });

  it('says which file it could not read', () => {
    expect(() => loadOrgChart('/nonexistent/org.yaml')).toThrow(/\/nonexistent\/org\.yaml.*ENOENT/s);
  });

  it('loads from a file path', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'org-'));
    const file = path.join(dir, 'org.yaml');
    writeFileSync(file, minimal());
    expect(loadOrgChart(file).organisation).toBe('Test Org');
  });

  it('gives members their role in the case team; managers act across teams; others only view', () => {
    const chart = exampleOrgChart();
    expect(roleFor(chart, 'tom', 'social-care')?.role).toBe('responder');
    expect(roleFor(chart, 'tom', 'billing')?.role).toBe('viewer');
    expect(roleFor(chart, 'priya', 'billing')?.role).toBe('approver');
    expect(roleFor(chart, 'stranger', 'billing')).toBeUndefined();
  });
  it('refuses two members sharing a Slack or Teams account, naming file:line; one member in two teams may repeat theirs', () => {
    const found = problems(
      minimal(`      - { id: bob, name: Bob, role: approver, slackUserId: U0SHARED1, teamsUserId: AAD-1 }
  - id: sales
    name: Sales
    members:
      - { id: bob, name: Bob, role: responder, slackUserId: U0SHARED1, teamsUserId: aad-1 }
      - { id: eve, name: Eve, role: responder, needsApproval: true, slackUserId: U0SHARED1 }
      - { id: mal, name: Mal, role: responder, teamsUserId: aad-1 }`),
    );
    expect(found).toEqual([
      expect.stringMatching(/^org\.yaml:14:\d+: teams\[1\]\.members\[1\]\.slackUserId: slackUserId "U0SHARED1" is already used by member "bob" \(team "care"\)/),
      expect.stringMatching(/^org\.yaml:15:\d+: teams\[1\]\.members\[2\]\.teamsUserId: teamsUserId "aad-1" is already used by member "bob" \(team "care"\)/),
    ]);
  });
});
