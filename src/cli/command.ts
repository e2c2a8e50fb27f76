import { parseArgs } from 'node:util';

/** A mistake in how the command was called: shown with that command's usage, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

export interface TCliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
}

export type TOptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;
export type TParsed = { values: Record<string, string | boolean | undefined>; positionals: string[] };

/** One `earshot <name>` command: its help, what it accepts, and what it does. */
export interface TCommand {
  name: string;
  /** The command with its arguments, as `earshot --help` lists it (default: the name). */
  synopsis?: string;
  /** One line for `earshot --help`. */
  summary: string;
  /** The full text for `earshot <name> --help` and for usage errors. */
  usage: string;
  options?: TOptionSpec;
  /** How many positional arguments it takes. */
  positionals?: { min: number; max: number };
  /** Exit code, or -1 when the command keeps the process running (start). */
  run(args: TParsed, io: TCliIo): Promise<number>;
}

/**
 * Parses a command's arguments strictly: an unknown flag, a missing value or a wrong number of arguments is a
 * UsageError naming it. `--help` / `-h` anywhere asks for help instead, so it can never start anything.
 */
export function parseCommandArgs(cmd: TCommand, argv: string[]): TParsed | 'help' {
  if (argv.includes('--help') || argv.includes('-h')) return 'help';
  let parsed: TParsed;
  try {
    parsed = parseArgs({ args: argv, options: cmd.options ?? {}, allowPositionals: true, strict: true }) as TParsed;
  } catch (err) {
    // node:util's messages name the flag ("Unknown option '--bogus'"); keep them, lose the internals.
    throw new UsageError(String((err as Error).message).split('. To specify a positional')[0]!, cmd.usage);
  }
  const { min, max } = cmd.positionals ?? { min: 0, max: 0 };
  const n = parsed.positionals.length;
  if (n > max) throw new UsageError(`unexpected argument "${parsed.positionals[max]}"`, cmd.usage);
  if (n < min) throw new UsageError(`${cmd.name} needs ${min === max ? min : `at least ${min}`} argument${min === 1 ? '' : 's'}`, cmd.usage);
  return parsed;
}
