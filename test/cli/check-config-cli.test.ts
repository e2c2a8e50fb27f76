import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEarshot } from '../helpers/cli.js';

const APP_TOKEN = 'xapp-1-A0EARSHOT-123-checkconfigsecret';
const BOT_TOKEN = 'xoxb-1-2-checkconfigsecret';

describe('earshot check-config', { timeout: 90_000 }, () => {
  it('exit 0 with a summary of what would run, naming no secret', async () => {
    const r = await runEarshot(['check-config'], {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_SIGNING_SECRET: 'f'.repeat(32),
      DATABASE_URL: 'postgresql://earshot:pa55word@db.internal:5432/earshot',
      GENERIC_WEBHOOK_SECRET: 'x'.repeat(32),
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('configuration OK');
    expect(r.stdout).toMatch(/slack: +on, Socket Mode/);
    expect(r.stdout).toMatch(/warning: +SLACK_SIGNING_SECRET is set but unused/);
    expect(r.stdout).toMatch(/database: +PostgreSQL db\.internal:5432\/earshot/);
    expect(r.stdout).toMatch(/org chart: .*org-chart\.example\.yaml \(4 teams, \d+ members\)/);
    expect(r.stdout + r.stderr).not.toMatch(/pa55word|checkconfigsecret|xxxxxxxx|ffffffff/);
    // Nothing opened or created: no database file, no data folder.
    expect(existsSync(path.join(r.cwd, 'data'))).toBe(false);
  });

  it('exit 78 naming every problem at once: variables by name, the org chart by file, line and field', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'check-'));
    const org = path.join(dir, 'org.yaml');
    writeFileSync(org, 'version: 1\norganisation: X\nfallbackTeam: a\nteams:\n  - id: a\n    name: A\n    members:\n      - { id: b, name: B, role: king }\n');
    const r = await runEarshot(['check-config'], { PORT: 'http', SLACK_APP_TOKEN: APP_TOKEN, REDDIT_CLIENT_ID: 'abcdefghijkl', EARSHOT_ORG_CHART: org });
    expect(r.status).toBe(78);
    expect(r.stderr).toMatch(/PORT: /);
    expect(r.stderr).toMatch(/SLACK_BOT_TOKEN: is required when SLACK_APP_TOKEN is set/);
    expect(r.stderr).toMatch(/Reddit connector environment[\s\S]*REDDIT_CLIENT_SECRET/);
    expect(r.stderr).toContain(`${org}:8:`);
    expect(r.stderr).toContain('teams[0].members[0].role');
    expect(r.stderr).not.toContain(APP_TOKEN);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });
});
