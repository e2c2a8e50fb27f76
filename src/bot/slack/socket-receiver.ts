import { SocketModeReceiver, type App, type Logger } from '@slack/bolt';
import { ConfigError } from '../../config/config-error.js';
import type { TLogger } from '../../log.js';
import { createSeenIds } from './seen-ids.js';

export interface TSocketOptions {
  /** The app-level token (`xapp-…`, scope connections:write) that `apps.connections.open` takes. */
  appToken: string;
  /** Base URL of the Web API serving `apps.connections.open`; tests point it at a local fake. */
  apiUrl: string;
  log: TLogger;
  boltLogger: Logger;
  /**
   * Slack's client waits this long (times the consecutive failures) before reconnecting, and expects a pong to
   * its pings within it. Default 5 s; tests shorten it.
   */
  reconnectDelayMs?: number;
  /** How long the first connection may take before a warning is logged (default 15 s). */
  slowConnectWarningMs?: number;
}

/** Slack errors from `apps.connections.open` that retrying cannot fix (@slack/socket-mode gives up on these). */
const REFUSALS = new Set(['not_authed', 'invalid_auth', 'account_inactive', 'user_removed_from_team', 'team_disabled']);

/**
 * Slack over Socket Mode: Bolt's SocketModeReceiver opens a WebSocket to Slack (no public URL), acks each envelope
 * by its `envelope_id` and reconnects through a fresh `apps.connections.open` when Slack asks it to. This wrapper
 * adds what our HTTP receiver does too: a redelivered event runs once, and shutdown waits for handlers in flight.
 */
export class SlackSocketTransport {
  readonly receiver: SocketModeReceiver;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly seen = createSeenIds();

  constructor(private readonly opts: TSocketOptions) {
    this.receiver = new SocketModeReceiver({
      appToken: opts.appToken,
      logger: opts.boltLogger,
      // Only the connection call goes here; the bot token's WebClient is configured on the App. Its default retry
      // (100 tries, ×1.3 each, no ceiling) would wait hours between attempts after a long Slack outage; capping the
      // gap at 30 s reconnects within half a minute of Slack coming back.
      installerOptions: { clientOptions: { slackApiUrl: opts.apiUrl, retryConfig: { retries: 10_000, factor: 1.3, minTimeout: 1000, maxTimeout: 30_000, randomize: true } } },
      ...(opts.reconnectDelayMs !== undefined && { clientPingTimeout: opts.reconnectDelayMs }),
    });
    const client = this.receiver.client;
    client.on('connected', () => opts.log.info('slack: connected over Socket Mode'));
    client.on('reconnecting', () => opts.log.info('slack: Socket Mode reconnecting with a fresh apps.connections.open'));
  }

  /** Global middleware on the Bolt app: dedupe redelivered events, and track every handler until it settles. */
  attach(app: App): void {
    app.use(async ({ body, next }) => {
      const eventId = (body as { event_id?: unknown }).event_id;
      if (typeof eventId === 'string') {
        // Events are acknowledged by Bolt before middleware runs, so skipping here only skips the handler.
        if (this.seen.has(eventId)) {
          this.opts.log.info('slack retry acknowledged without reprocessing', { eventId });
          return;
        }
        this.seen.remember(eventId);
      }
      const work = next();
      this.inFlight.add(work);
      try {
        await work;
      } finally {
        this.inFlight.delete(work);
      }
    });
  }

  /**
   * Opens the first connection; resolves once Slack said hello.
   * @throws ConfigError naming SLACK_APP_TOKEN when Slack refuses the token (retrying would not help).
   */
  async start(): Promise<void> {
    // The client retries an unreachable Slack quietly for a long time; say so rather than leave the log silent.
    const slow = setTimeout(() => this.opts.log.warn('slack: still connecting over Socket Mode (apps.connections.open is not answering); retrying', { apiUrl: this.opts.apiUrl }), this.opts.slowConnectWarningMs ?? 15_000);
    slow.unref();
    try {
      await this.receiver.start();
    } catch (err) {
      const code = (err as { data?: { error?: unknown } }).data?.error;
      if (typeof code === 'string' && REFUSALS.has(code)) {
        throw new ConfigError('Slack', [`SLACK_APP_TOKEN: Slack refused it (${code}) when Earshot opened its Socket Mode connection; create an app-level token with the connections:write scope (Basic Information → App-Level Tokens) and check Socket Mode is on for the app`]);
      }
      throw err;
    } finally {
      clearTimeout(slow);
    }
  }

  /** Closes the connection (no new envelopes), then waits for handlers still working. */
  async stop(): Promise<void> {
    await this.receiver.client.disconnect();
    await this.idle();
  }

  /** Settles once every handler started so far has finished: tests and shutdown use it. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }
}
