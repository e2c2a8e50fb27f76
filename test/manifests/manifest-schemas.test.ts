import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type Options } from 'ajv';
import draft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { PLACEHOLDER_BASE_URL } from '../../src/manifests/committed.js';
import { slackManifest } from '../../src/manifests/slack-manifest.js';
import { TEAMS_MANIFEST_VERSION, teamsManifest } from '../../src/manifests/teams-manifest.js';
import { PACKAGE_ROOT } from '../../src/store/paths.js';

// ajv-draft-04 is CommonJS with a default export; under ESM it arrives wrapped once more.
type TAjvClass = new (opts: Options) => Ajv;
const AjvDraft04 = (draft04 as unknown as { default?: TAjvClass }).default ?? (draft04 as unknown as TAjvClass);
const dir = path.join(PACKAGE_ROOT, 'test/fixtures/schemas');
const load = (f: string) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Record<string, unknown>;
// Both schemas use only "uri" among the formats; checked the way the WHATWG URL parser sees it.
const uri = (s: string) => URL.canParse(s);

/** Slack's entry schema, with each versioned schema it references registered under the URL it names. */
function slackValidator() {
  // strict: false — the published schema carries annotations such as "_note" that Ajv's strict mode rejects.
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('uri', uri);
  const entry = readFileSync(path.join(dir, 'slack-manifest.schema.json'), 'utf8');
  for (const url of new Set(entry.match(/https:\/\/raw\.githubusercontent\.com\/[^"]+/g))) {
    ajv.addSchema(load(`slack-${path.basename(url)}`), url);
  }
  return ajv.compile(JSON.parse(entry));
}

function teamsValidator() {
  const ajv = new AjvDraft04({ strict: false, allErrors: true });
  ajv.addFormat('uri', uri);
  return ajv.compile(load(`MicrosoftTeams.v${TEAMS_MANIFEST_VERSION}.schema.json`));
}

const APP_ID = '5b9e2a7c-1f3d-4e8a-9c6b-2d4f6a8b0c1e';

describe('generated manifests validate against the published schemas', () => {
  const slack = slackValidator();
  const teams = teamsValidator();

  it.each([
    ['HTTP', slackManifest({ socket: false, baseUrl: 'https://earshot.acme.com/behind-proxy' })],
    ['Socket Mode', slackManifest({ socket: true })],
    ['committed placeholder', slackManifest({ socket: false, baseUrl: PLACEHOLDER_BASE_URL })],
  ])('Slack, %s', (_name, manifest) => {
    expect(slack(manifest), JSON.stringify(slack.errors)).toBe(true);
  });

  it('Teams, for a real app id and host', () => {
    const manifest = teamsManifest({ appId: APP_ID, baseUrl: 'https://earshot.acme.com', privacyUrl: 'https://acme.com/privacy' });
    expect(teams(manifest), JSON.stringify(teams.errors)).toBe(true);
  });

  it('the validators do reject what Slack and Teams would refuse', () => {
    const longName = slackManifest({ socket: true }) as { display_information: { name: string } };
    longName.display_information.name = 'x'.repeat(36);
    expect(slack(longName)).toBe(false);
    expect(slack({ ...slackManifest({ socket: true }), surprise: true })).toBe(false);
    const badTeams = teamsManifest({ appId: APP_ID, baseUrl: 'https://earshot.acme.com' });
    expect(teams({ ...badTeams, id: 'not-a-guid' })).toBe(false);
    expect(teams({ ...badTeams, accentColor: 'purple' })).toBe(false);
  });

  it('the Teams manifest names the schema version that was vendored', () => {
    expect(teamsManifest({ appId: APP_ID, baseUrl: 'https://x.example' }).$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${TEAMS_MANIFEST_VERSION}/MicrosoftTeams.schema.json`);
  });
});
