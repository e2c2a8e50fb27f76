import { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { createBotConnector, type TBotConnector } from './bot-connector.js';
import { registerCardActions } from './handlers/card-actions.js';
import { registerBacklogActions } from './handlers/backlog-actions.js';
import { registerCommands } from './handlers/commands.js';
import { registerDialogs } from './handlers/dialogs.js';
import { registerIncidentManage } from './handlers/incident-manage.js';
import { registerAcknowledgeDialog } from './handlers/acknowledge-dialog.js';
import { registerInstallation } from './handlers/installation.js';
import { HonoTeamsReceiver } from './receiver.js';
import { TurnAdapter } from './turn-adapter.js';
import type { TTeamsDeps } from './teams-deps.js';
import { statsReport } from '../views/stats-view.js';
import { isDatabaseUnavailable } from '../../store/database-unavailable.js';

export type TTeamsConfig =
  /** Production: requests must carry a Bot Framework JWT; proactive calls use this app's token. */
  | { mode: 'authenticated'; appId: string; appPassword: string; appType: 'MultiTenant' | 'SingleTenant'; tenantId?: string }
  /** Local development and tests: no app id, so the adapter skips JWT validation (Emulator mode). */
  | { mode: 'local' };

export interface TTeamsApp {
  receiver: HonoTeamsReceiver;
  /** For the outbox's Teams surface: REST calls with our token and no hidden retries. */
  connector: TBotConnector;
  /** The bot's turn logic, for botbuilder's TestAdapter. */
  run(context: TurnContext): Promise<void>;
}

const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';
const LOGIN_ENDPOINT = 'https://login.microsoftonline.com/botframework.com';

/**
 * teams-ai's Application on a TeamsAdapter, with every handler registered, plus the Bot Connector client the
 * outbox uses for proactive posts. `fetch` is injectable so tests decide where requests go.
 */
export function createTeamsApp(cfg: TTeamsConfig, baseDeps: TTeamsDeps, opts: { fetch?: typeof fetch } = {}): TTeamsApp {
  const deps: TTeamsDeps = { stats: (args, memberId) => statsReport(baseDeps.db, baseDeps.orgChart, memberId, args, baseDeps.now()), ...baseDeps };
  const authConfig =
    cfg.mode === 'authenticated'
      ? { MicrosoftAppId: cfg.appId, MicrosoftAppPassword: cfg.appPassword, MicrosoftAppType: cfg.appType, ...(cfg.tenantId && { MicrosoftAppTenantId: cfg.tenantId }) }
      : {};
  const adapter = new TurnAdapter(authConfig);
  adapter.onTurnError = async (_context, error) => {
    deps.log.error('teams turn failed', { error: error.message });
  };
  const app = new Application({
    adapter,
    ...(cfg.mode === 'authenticated' && { botAppId: cfg.appId }),
    removeRecipientMention: true,
    // A typing indicator is a message on the Bot Connector: not worth a call on every command.
    startTypingTimer: false,
    longRunningMessages: false,
  });
  registerInstallation(app, deps);
  registerCardActions(app, deps);
  registerBacklogActions(app, deps);
  registerDialogs(app, deps);
  registerIncidentManage(app, deps);
  registerAcknowledgeDialog(app, deps);
  registerCommands(app, deps);
  app.error(async (_context, err) => {
    // A database that is down is not this turn's bug: let the receiver answer 503 + Retry-After, and Teams retry.
    if (isDatabaseUnavailable(err)) throw err;
    deps.log.error('teams handler error', { error: err.message });
  });
  const run = async (context: TurnContext) => void (await app.run(context));

  const token =
    cfg.mode === 'authenticated'
      ? async () => {
          const creds = await adapter.credentialsFactory.createCredentials(cfg.appId, BOT_FRAMEWORK_AUDIENCE, LOGIN_ENDPOINT, true);
          return (creds as unknown as { getToken(): Promise<string> }).getToken();
        }
      : async () => null;
  const connector = createBotConnector({ fetch: opts.fetch, token, now: deps.now, requireHttps: cfg.mode === 'authenticated' });
  return { receiver: new HonoTeamsReceiver(adapter, run, deps.log), connector, run };
}
