#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError } from './config/config-error.js';
import { loadEnv } from './config/env.js';
import { loadOrgChart } from './config/load-org-chart.js';
import { startEarshot } from './main/start.js';
import { migrateDatabase } from './store/migrate.js';
import { EXAMPLE_ORG_CHART, PACKAGE_ROOT } from './store/paths.js';

const USAGE = `Usage: earshot <command> [options]

Commands:
  start                      Migrate the database, then serve webhooks, chat surfaces and the outbox
  migrate                    Bring the database to the latest migration and exit
  triage [--config FILE]     Read Mentions (JSON lines) on stdin, write one triage decision per line
  erase-author <platform> <handle>
                             Erase a person's data (profile, posts, replies to them); counts are kept
  demo [--rate N] [--url URL] [--loop]
                             Feed the bundled sample mentions to a running Earshot (signed generic webhook)
  help                       Show this text

Configuration comes from environment variables (see README.md) and the org chart file
named by EARSHOT_ORG_CHART (default: the bundled example).`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start': {
      const running = await startEarshot();
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        process.once(signal, () => {
          void running.stop().then(() => process.exit(0));
        });
      }
      return -1;
    }
    case 'migrate': {
      const env = loadEnv();
      const applied = await migrateDatabase({ databaseUrl: env.DATABASE_URL });
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      return 0;
    }
    case 'triage': {
      const { values } = parseArgs({ args: rest, options: { config: { type: 'string' } }, strict: true });
      const file = values.config ?? process.env.EARSHOT_ORG_CHART ?? EXAMPLE_ORG_CHART;
      const orgChart = loadOrgChart(file);
      const { runTriageCommand } = await import('./commands/triage.js');
      const { errors } = await runTriageCommand({ input: process.stdin, output: process.stdout, orgChart });
      return errors > 0 ? 1 : 0;
    }
    case 'erase-author': {
      const { runEraseAuthorCommand } = await import('./jobs/erase-author-command.js');
      return runEraseAuthorCommand(rest, { out: (l) => console.log(l), err: (l) => console.error(l) });
    }
    case 'demo': {
      const { runDemoCommand } = await import('./demo/demo-command.js');
      const interrupted = new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
      return runDemoCommand(rest, { out: (l) => console.log(l), err: (l) => console.error(l), interrupted });
    }
    case '--version':
    case '-v': {
      const pkg = JSON.parse(readFileSync(`${PACKAGE_ROOT}/package.json`, 'utf8')) as { version: string };
      console.log(pkg.version);
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return 0;
    default:
      console.error(`earshot: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    // People fix configuration; they should read what to change, not a stack trace.
    if (err instanceof ConfigError) {
      console.error(`earshot: ${err.message}`);
      process.exit(78);
    }
    const message = err instanceof Error ? err.message : String(err);
    console.error(`earshot: ${message}`);
    if (process.env.LOG_LEVEL === 'debug' && err instanceof Error) console.error(err.stack);
    process.exit(1);
  },
);
