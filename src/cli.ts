#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseCommandArgs, UsageError, type TCliIo } from './cli/command.js';
import { COMMANDS } from './cli/commands/index.js';
import { globalUsage } from './cli/help.js';
import { ConfigError } from './config/config-error.js';
import { PACKAGE_ROOT } from './store/paths.js';

const io: TCliIo = { out: (t) => console.log(t), err: (t) => console.error(t), env: process.env };

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const usage = globalUsage(COMMANDS);
  if (name === undefined || name === '--help' || name === '-h') return io.out(usage), 0;
  if (name === 'help') {
    const topic = rest[0] && COMMANDS.find((c) => c.name === rest[0]);
    if (rest[0] && !topic) throw new UsageError(`unknown command "${rest[0]}"`, usage);
    return io.out(topic ? topic.usage : usage), 0;
  }
  if (name === '--version' || name === '-v') {
    const pkg = JSON.parse(readFileSync(`${PACKAGE_ROOT}/package.json`, 'utf8')) as { version: string };
    return io.out(pkg.version), 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new UsageError(name.startsWith('-') ? `unknown option "${name}" (options go after the command)` : `unknown command "${name}"`, usage);
  const parsed = parseCommandArgs(command, rest);
  if (parsed === 'help') return io.out(command.usage), 0;
  return command.run(parsed, io);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) {
      io.err(`earshot: ${err.message}\n\n${err.usage}`);
      process.exit(2);
    }
    // People fix configuration; they should read what to change, not a stack trace.
    if (err instanceof ConfigError) {
      io.err(`earshot: ${err.message}`);
      process.exit(78);
    }
    const message = err instanceof Error ? err.message : String(err);
    io.err(`earshot: ${message}`);
    if (process.env.LOG_LEVEL === 'debug' && err instanceof Error) console.error(err.stack);
    process.exit(1);
  },
);
