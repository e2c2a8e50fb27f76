import type { TCommand } from './command.js';

/** `earshot --help`: every command with its one-line summary, and what the exit codes mean. */
export function globalUsage(commands: readonly TCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return `Usage: earshot <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}
  ${'help'.padEnd(width)}Show this text; earshot <command> --help shows a command's own

Configuration comes from environment variables (listed with a comment each in .env.example) and the org chart
file named by EARSHOT_ORG_CHART (default: the bundled example).

Exit codes: 0 done, 1 failed, 2 wrong usage, 78 configuration problem (the message names the variable or file).`;
}
