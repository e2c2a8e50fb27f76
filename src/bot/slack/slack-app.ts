import { App } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { TLogger } from '../../log.js';
import { boltLogger } from './bolt-logger.js';
import { registerSocialCommand } from './commands/social-command.js';
import { registerApprovalButtons } from './handlers/approval-buttons.js';
import { registerCaseButtons } from './handlers/case-buttons.js';
import { registerModalSubmissions } from './handlers/modal-submissions.js';
import { registerReplyModalUpdates } from './handlers/reply-modal-updates.js';
import { registerThreadMessages } from './handlers/thread-messages.js';
import { HonoSlackReceiver } from './receiver.js';
import type { TSlackDeps } from './slack-deps.js';

export interface TSlackConfig {
  botToken: string;
  signingSecret: string;
  /** Base URL of the Web API; tests point it at a local fake. */
  apiUrl: string;
}

export interface TSlackApp {
  receiver: HonoSlackReceiver;
  /** For the outbox: our own client, so retries stay the outbox's job and 429s surface as errors. */
  client: WebClient;
}

/** Slack's Web API client as Earshot uses it: no hidden retries, rate limits reported rather than slept on. */
export function createSlackClient(cfg: TSlackConfig, log: TLogger): WebClient {
  return new WebClient(cfg.botToken, { slackApiUrl: cfg.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: boltLogger(log) });
}

/** Bolt on our Hono receiver, with every handler registered. */
export function createSlackApp(cfg: TSlackConfig, deps: TSlackDeps): TSlackApp {
  const receiver = new HonoSlackReceiver({ signingSecret: cfg.signingSecret, log: deps.log, now: deps.now });
  const app = new App({
    token: cfg.botToken,
    receiver,
    // auth.test at start-up would make Slack's availability a start-up dependency; the token is checked on first use.
    tokenVerificationEnabled: false,
    clientOptions: { slackApiUrl: cfg.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true },
    logger: boltLogger(deps.log),
  });
  registerCaseButtons(app, deps);
  registerReplyModalUpdates(app, deps);
  registerModalSubmissions(app, deps);
  registerApprovalButtons(app, deps);
  registerThreadMessages(app, deps);
  registerSocialCommand(app, deps);
  app.error(async (err) => {
    deps.log.error('slack handler error', { error: err.message });
  });
  return { receiver, client: createSlackClient(cfg, deps.log) };
}
