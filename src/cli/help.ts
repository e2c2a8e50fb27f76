import type { TCommand } from './command.js';

/** `earshot --help`: every command with its one-line summary, and what the exit codes mean. */
export function globalUsage(commands: readonly TCommand[]): string {
  const width = 30;
  // A synopsis too long for its column gets a line of its own, the summary below it.
  const line = (synopsis: string, summary: string) => (synopsis.length < width ? `  ${synopsis.padEnd(width)}${summary}` : `  ${synopsis}\n  ${' '.repeat(width)}${summary}`);
  return `Usage: earshot <command> [options]

Commands:
${commands.map((c) => line(c.synopsis ?? c.name, c.summary)).join('\n')}
${line('help [command]', "Show this text, or a command's own (also: earshot <command> --help)")}

Configuration comes from environment variables (listed with a comment each in .env.example) and the org chart
file named by EARSHOT_ORG_CHART (default: the bundled example).

Exit codes: 0 done, 1 failed, 2 wrong usage, 78 configuration problem (the message names the variable or file).`;
}
