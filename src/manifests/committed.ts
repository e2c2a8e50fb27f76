import { slackManifestYaml } from './slack-manifest.js';
import { TEAMS_PLACEHOLDER_APP_ID, teamsManifestJson } from './teams-manifest.js';

/** The host the committed manifests name; `earshot manifest` puts yours in its place. */
export const PLACEHOLDER_BASE_URL = 'https://earshot.example.com';

/** The manifests kept in the repository (for reading, and as the base `npm run package:teams` packs), by path. */
export const COMMITTED_MANIFESTS: Readonly<Record<string, () => string>> = {
  'manifests/slack/manifest.yaml': () => slackManifestYaml({ socket: false, baseUrl: PLACEHOLDER_BASE_URL }),
  'manifests/slack/manifest.socket.yaml': () => slackManifestYaml({ socket: true }),
  'manifests/teams/manifest.json': () => teamsManifestJson({ appId: TEAMS_PLACEHOLDER_APP_ID, baseUrl: PLACEHOLDER_BASE_URL }),
};
