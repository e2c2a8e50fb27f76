import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ManifestInputError, publicBaseUrl } from '../../manifests/public-url.js';
import { slackManifest, slackManifestYaml } from '../../manifests/slack-manifest.js';
import { GUID, TEAMS_PLACEHOLDER_APP_ID, teamsManifestJson, type TTeamsManifestOptions } from '../../manifests/teams-manifest.js';
import { teamsPackage } from '../../manifests/teams-package.js';
import { UsageError, type TCliIo, type TCommand, type TParsed } from '../command.js';

const USAGE = `Usage: earshot manifest slack --socket [--out FILE]
       earshot manifest slack --url https://HOST [--out FILE]
       earshot manifest teams --url https://HOST --app-id GUID [--privacy-url URL] [--terms-url URL] [--out FILE]

Prints a ready-to-import app manifest for your deployment on stdout, or writes it with --out.

Slack (paste into api.slack.com/apps → Create New App → From a manifest):
  --socket          Socket Mode: Earshot connects out, no public URL (then set SLACK_APP_TOKEN and SLACK_BOT_TOKEN)
  --url URL         HTTP: Slack posts to URL/slack/events (then set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN)
  --out FILE        write YAML, or JSON when FILE ends in .json

Teams (upload in Teams → Apps → Manage your apps → Upload a custom app):
  --url URL         Earshot's public base URL: the developer website (the Azure Bot's messaging endpoint is URL/api/messages)
  --app-id GUID     the Azure Bot's Microsoft App ID (also TEAMS_APP_ID)
  --privacy-url URL, --terms-url URL
                    your privacy statement and terms of use (default: --url)
  --out FILE        FILE.zip: the app package (manifest.json and both icons); FILE.json: the manifest alone`;

const OPTIONS = {
  url: { type: 'string' },
  socket: { type: 'boolean' },
  'app-id': { type: 'string' },
  'privacy-url': { type: 'string' },
  'terms-url': { type: 'string' },
  out: { type: 'string' },
} as const;

const usage = (message: string) => new UsageError(message, USAGE);

export const manifestCommand: TCommand = {
  name: 'manifest',
  synopsis: 'manifest slack|teams …',
  summary: 'Print or write the Slack (HTTP or Socket Mode) or Teams app manifest for your deployment',
  usage: USAGE,
  options: OPTIONS,
  positionals: { min: 1, max: 1 },
  async run(args, io) {
    try {
      const platform = args.positionals[0];
      if (platform === 'slack') return slack(args, io);
      if (platform === 'teams') return teams(args, io);
      throw usage(`unknown platform "${platform}"; one of: slack, teams`);
    } catch (err) {
      if (err instanceof ManifestInputError) throw usage(err.message);
      throw err;
    }
  },
};

function refuse(values: TParsed['values'], names: string[], why: string): void {
  const given = names.filter((n) => values[n] !== undefined);
  if (given.length) throw usage(`--${given[0]} ${why}`);
}

function slack({ values }: TParsed, io: TCliIo): number {
  refuse(values, ['app-id', 'privacy-url', 'terms-url'], 'is for `earshot manifest teams`');
  if (values.socket && values.url) throw usage('--url is not used with --socket: in Socket Mode Slack sends everything over Earshot’s own connection');
  if (!values.socket && !values.url) throw usage('say how Slack reaches Earshot: --socket (no public URL) or --url https://HOST (HTTP)');
  const opts = values.socket ? { socket: true as const } : { socket: false as const, baseUrl: publicBaseUrl(String(values.url)) };
  const out = values.out as string | undefined;
  const text = out?.endsWith('.json') ? `${JSON.stringify(slackManifest(opts), null, 2)}\n` : slackManifestYaml(opts);
  if (!out) {
    io.out(text.trimEnd());
    return 0;
  }
  write(out, text);
  io.err(`wrote ${out}: create the Slack app from it, then set ${opts.socket ? 'SLACK_APP_TOKEN and SLACK_BOT_TOKEN' : 'SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN'}`);
  return 0;
}

function teams({ values }: TParsed, io: TCliIo): number {
  refuse(values, ['socket'], 'is for `earshot manifest slack`');
  if (!values.url) throw usage('--url https://HOST is required: Teams shows it as the developer website');
  const appId = (values['app-id'] as string | undefined) ?? io.env.TEAMS_APP_ID;
  if (!appId) throw usage('--app-id is required: the Azure Bot’s Microsoft App ID (or set TEAMS_APP_ID)');
  if (!GUID.test(appId)) throw usage('--app-id must be the Azure Bot’s Microsoft App ID, a GUID like 5b9e2a7c-1f3d-4e8a-9c6b-2d4f6a8b0c1e');
  if (appId === TEAMS_PLACEHOLDER_APP_ID) throw usage('--app-id is the placeholder id of the committed manifest; give your Azure Bot’s Microsoft App ID');
  const opts: TTeamsManifestOptions = {
    appId,
    baseUrl: publicBaseUrl(String(values.url)),
    ...(values['privacy-url'] !== undefined && { privacyUrl: publicBaseUrl(String(values['privacy-url']), '--privacy-url') }),
    ...(values['terms-url'] !== undefined && { termsUrl: publicBaseUrl(String(values['terms-url']), '--terms-url') }),
  };
  const out = values.out as string | undefined;
  if (!out) {
    io.out(teamsManifestJson(opts).trimEnd());
    return 0;
  }
  if (out.endsWith('.zip')) write(out, teamsPackage(opts));
  else if (out.endsWith('.json')) write(out, teamsManifestJson(opts));
  else throw usage('--out must end in .zip (the app package) or .json (the manifest alone)');
  io.err(`wrote ${out}: set the Azure Bot's messaging endpoint to ${opts.baseUrl}/api/messages, then upload ${out.endsWith('.zip') ? 'it' : 'a zip of it and both icons'} in Teams`);
  return 0;
}

function write(file: string, data: string | Uint8Array): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, data);
}
