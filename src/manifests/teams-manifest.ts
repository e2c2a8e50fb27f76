import { CHAT_COMMAND_HELP, CHAT_SUBCOMMANDS } from '../bot/views/chat-command.js';

/** The manifest schema Earshot targets (Adaptive Cards 1.5, Action.Execute); vendored for tests under test/fixtures. */
export const TEAMS_MANIFEST_VERSION = '1.22';
/** The id in the committed manifest: a package built with it would never reach anyone's bot, so it is refused. */
export const TEAMS_PLACEHOLDER_APP_ID = '00000000-0000-4000-8000-000000000000';
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TTeamsManifestOptions {
  /** The Azure Bot's Microsoft App ID: the app's id and its bot's id. */
  appId: string;
  /** Earshot's public base URL; the developer website unless told otherwise. */
  baseUrl: string;
  privacyUrl?: string;
  termsUrl?: string;
}

/**
 * Earshot's Teams app manifest, the single source of truth for the app package: one bot in team, personal and
 * group-chat scope whose command list is exactly the chat commands both surfaces answer.
 */
export function teamsManifest(opts: TTeamsManifestOptions): Record<string, unknown> {
  const commands = CHAT_SUBCOMMANDS.map((title) => {
    const { usage, does } = CHAT_COMMAND_HELP[title];
    const description = usage === title ? does : `${does}: ${usage}`;
    return { title, description: description.length > 128 ? `${description.slice(0, 127)}…` : description };
  });
  return {
    $schema: `https://developer.microsoft.com/json-schemas/teams/v${TEAMS_MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
    manifestVersion: TEAMS_MANIFEST_VERSION,
    version: '0.1.0',
    id: opts.appId,
    developer: {
      name: 'Earshot',
      websiteUrl: opts.baseUrl,
      privacyUrl: opts.privacyUrl ?? opts.baseUrl,
      termsOfUseUrl: opts.termsUrl ?? opts.baseUrl,
    },
    name: { short: 'Earshot', full: 'Earshot: social mentions, handled from Teams' },
    description: {
      short: 'Turn social-media mentions into cases your team claims and answers in Teams.',
      full: "Earshot brings your brand's social-media mentions into a Teams channel as case cards: priority, sentiment, the author's history and why it was routed to you. Claim a case, reply in-media with saved replies and a preview, take it offline, escalate, reassign or mark spam without leaving Teams. Replies from members who need approval wait for an approver. Ask @Earshot for stats, your queue, an author's history or a dry-run of triage; managers get a daily digest in their personal chat.",
    },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: '#4F46E5',
    bots: [
      {
        botId: opts.appId,
        scopes: ['team', 'personal', 'groupChat'],
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [{ scopes: ['team', 'groupChat', 'personal'], commands }],
      },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    // A bot-only app loads no web content, so it needs no domains.
    validDomains: [],
  };
}

export const teamsManifestJson = (opts: TTeamsManifestOptions): string => `${JSON.stringify(teamsManifest(opts), null, 2)}\n`;
