import { readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { slackManifest } from '../../src/manifests/slack-manifest.js';
import { teamsManifest } from '../../src/manifests/teams-manifest.js';
import { PACKAGE_ROOT } from '../../src/store/paths.js';
import { runEarshot } from '../helpers/cli.js';

const APP_ID = '5b9e2a7c-1f3d-4e8a-9c6b-2d4f6a8b0c1e';

describe('earshot manifest', { timeout: 90_000 }, () => {
  it('slack: prints the Socket Mode variant, writes the HTTP one for the given host', async () => {
    const [socket, http] = await Promise.all([
      runEarshot(['manifest', 'slack', '--socket']),
      runEarshot(['manifest', 'slack', '--url', 'https://earshot.acme.com/', '--out', 'out/slack.json']),
    ]);
    expect(socket.status).toBe(0);
    expect(parse(socket.stdout)).toEqual(slackManifest({ socket: true }));
    expect(http.status).toBe(0);
    const written = JSON.parse(readFileSync(path.join(http.cwd, 'out/slack.json'), 'utf8'));
    expect(written).toEqual(slackManifest({ socket: false, baseUrl: 'https://earshot.acme.com' }));
    expect(written.settings.event_subscriptions.request_url).toBe('https://earshot.acme.com/slack/events');
    expect(http.stderr).toContain('SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN');
  });

  it('teams: writes the sideloadable zip with your app id and host; prints the manifest without --out', async () => {
    const [zip, printed] = await Promise.all([
      runEarshot(['manifest', 'teams', '--url', 'https://earshot.acme.com', '--app-id', APP_ID, '--out', 'earshot-teams.zip']),
      runEarshot(['manifest', 'teams', '--url', 'https://earshot.acme.com'], { TEAMS_APP_ID: APP_ID }),
    ]);
    expect(zip.status).toBe(0);
    const files = unzipSync(readFileSync(path.join(zip.cwd, 'earshot-teams.zip')));
    expect(Object.keys(files)).toEqual(['manifest.json', 'color.png', 'outline.png']);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    expect(manifest).toEqual(teamsManifest({ appId: APP_ID, baseUrl: 'https://earshot.acme.com' }));
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(Buffer.from(files['color.png']!)).toEqual(readFileSync(path.join(PACKAGE_ROOT, 'manifests/teams/color.png')));
    expect(zip.stderr).toContain('messaging endpoint to https://earshot.acme.com/api/messages');
    expect(printed.status).toBe(0);
    expect(JSON.parse(printed.stdout).id).toBe(APP_ID);
  });

  it('refuses what would not import, with usage and exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['manifest', 'slack'], /--socket \(no public URL\) or --url/],
      [['manifest', 'slack', '--socket', '--url', 'https://a.example'], /--url is not used with --socket/],
      [['manifest', 'slack', '--url', 'http://a.example'], /--url must use https/],
      [['manifest', 'slack', '--url', 'https://a.example/slack/events'], /leave out \/slack\/events/],
      [['manifest', 'slack', '--url', 'earshot'], /--url must be an absolute URL/],
      [['manifest', 'slack', '--socket', '--app-id', APP_ID], /--app-id is for `earshot manifest teams`/],
      [['manifest', 'teams', '--url', 'https://a.example'], /--app-id is required/],
      [['manifest', 'teams', '--url', 'https://a.example', '--app-id', '00000000-0000-4000-8000-000000000000'], /placeholder id/],
      [['manifest', 'teams', '--url', 'https://a.example', '--app-id', 'nope'], /must be the Azure Bot’s Microsoft App ID, a GUID/],
      [['manifest', 'teams', '--url', 'https://a.example', '--app-id', APP_ID, '--out', 'x.txt'], /--out must end in \.zip/],
    ];
    const runs = await Promise.all(cases.map(([args]) => runEarshot(args)));
    for (const [i, r] of runs.entries()) {
      const [args, pattern] = cases[i]!;
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(pattern);
      expect(r.stderr).toContain('Usage: earshot manifest slack');
      expect(r.stdout).toBe('');
    }
  });
});
