import { ConfigError } from '../../config/config-error.js';
import type { TCommand } from '../command.js';

export const startCommand: TCommand = {
  name: 'start',
  summary: 'Migrate the database, then serve webhooks and chat surfaces and run the outbox and jobs',
  usage: `Usage: earshot start

Checks the configuration (exit 78 naming what is wrong), brings the database to the latest migration, then serves
HTTP on HOST:PORT (/slack/events, /api/messages, /webhooks/*, /healthz, /metrics), connects to Slack over Socket
Mode when SLACK_APP_TOKEN is set, and runs the outbox and the scheduled jobs. SIGTERM or Ctrl-C stops accepting
work, finishes what is in flight and exits 0.

Configuration: environment variables (see .env.example) and the org chart named by EARSHOT_ORG_CHART.
Check it without starting anything: earshot check-config`,
  async run(_args, io) {
    // Loaded only when run, so `earshot --help` and the other commands never pay for the whole server.
    const { startEarshot } = await import('../../main/start.js');
    let running: Awaited<ReturnType<typeof startEarshot>> | undefined;
    const fatal = (err: Error) => {
      io.err(`earshot: ${err.message}`);
      void (running?.stop() ?? Promise.resolve()).then(() => process.exit(err instanceof ConfigError ? 78 : 1));
    };
    running = await startEarshot(undefined, io.env, undefined, undefined, { onFatal: fatal });
    const stop = running.stop;
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void stop().then(() => process.exit(0)));
    return -1;
  },
};
