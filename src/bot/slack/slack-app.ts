import { App } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { TLogger } from '../../log.js';
import { boltLogger } from './bolt-logger.js';
import { cachedBotAuthorize } from './bot-identity.js';
import { registerSocialCommand } from './commands/social-command.js';
import { registerApprovalButtons } from './handlers/approval-buttons.js';
import { registerCaseButtons } from './handlers/case-buttons.js';
import { registerIncidentButtons } from './handlers/incident-buttons.js';
import { registerIncidentManage } from './handlers/incident-manage.js';
import { registerAcknowledgeIncident } from './handlers/acknowledge-incident.js';
import { registerBacklogButtons } from './handlers/backlog-buttons.js';
import { registerModalSubmissions } from './handlers/modal-submissions.js';
import { registerOfflineModalUpdates } from './handlers/offline-modal-updates.js';
import { registerReplyModalUpdates } from './handlers/reply-modal-updates.js';
import { registerThreadMessages } from './handlers/thread-messages.js';
import { HonoSlackReceiver } from './receiver.js';
import type { TSlackDeps } from './slack-deps.js';
import { SlackSocketTransport } from './socket-receiver.js';

/** How Slack reaches Earshot: it posts to /slack/events (signed), or Earshot holds a Socket Mode connection. */
export type TSlackInbound = { mode: 'http'; signingSecret: string } | { mode: 'socket'; appToken: string; reconnectDelayMs?: number };

export interface TSlackConfig {
  botToken: string;
  /** Base URL of the Web API; tests point it at a local fake. */
  apiUrl: string;
  inbound: TSlackInbound;
}

export interface TSlackApp {
  /** The HTTP receiver (mode "http") or the Socket Mode connection (mode "socket"); the same handlers behind both. */
  inbound: { mode: 'http'; receiver: HonoSlackReceiver } | { mode: 'socket'; socket: SlackSocketTransport };
  /** Settles when handlers still running after their ack have finished (tests, shutdown). */
  idle(): Promise<void>;
  /** For the outbox: our own client, so retries stay the outbox's job and 429s surface as errors. */
  client: WebClient;
}

/**
 * Slack's Web API client as Earshot uses it: no hidden retries, rate limits reported rather than slept on, and a
 * timeout, because the outbox's lease heartbeat keeps a hung call's item ours for as long as the call hangs.
 */
export function createSlackClient(cfg: TSlackConfig, log: TLogger): WebClient {
  return new WebClient(cfg.botToken, { slackApiUrl: cfg.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: SLACK_CALL_TIMEOUT_MS, logger: boltLogger(log) });
}

const SLACK_CALL_TIMEOUT_MS = 30_000;

/** Bolt on our Hono receiver, with every handler registered. */
export function createSlackApp(cfg: TSlackConfig, deps: TSlackDeps): TSlackApp {
  const inbound: TSlackApp['inbound'] =
    cfg.inbound.mode === 'http'
      ? { mode: 'http', receiver: new HonoSlackReceiver({ signingSecret: cfg.inbound.signingSecret, log: deps.log, now: deps.now }) }
      : { mode: 'socket', socket: new SlackSocketTransport({ appToken: cfg.inbound.appToken, apiUrl: cfg.apiUrl, log: deps.log, boltLogger: boltLogger(deps.log), ...(cfg.inbound.reconnectDelayMs !== undefined && { reconnectDelayMs: cfg.inbound.reconnectDelayMs }) }) };
  const receiver = inbound.mode === 'http' ? inbound.receiver : inbound.socket.receiver;
  const client = createSlackClient(cfg, deps.log);
  const app = new App({
    // The bot identity is asked once, on first use (not at start-up, so Slack being down does not stop Earshot).
    authorize: cachedBotAuthorize(client, cfg.botToken),
    receiver,
    clientOptions: { slackApiUrl: cfg.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true },
    logger: boltLogger(deps.log),
  });
  if (inbound.mode === 'socket') inbound.socket.attach(app);
  registerCaseButtons(app, deps);
  registerIncidentButtons(app, deps);
  registerIncidentManage(app, deps);
  registerAcknowledgeIncident(app, deps);
  registerBacklogButtons(app, deps);
  registerReplyModalUpdates(app, deps);
  registerOfflineModalUpdates(app, deps);
  registerModalSubmissions(app, deps);
  registerApprovalButtons(app, deps);
  registerThreadMessages(app, deps);
  registerSocialCommand(app, deps);
  app.error(async (err) => {
    deps.log.error('slack handler error', { error: err.message });
  });
  const idle = () => (inbound.mode === 'http' ? inbound.receiver.idle() : inbound.socket.idle());
  return { inbound, idle, client };
}
