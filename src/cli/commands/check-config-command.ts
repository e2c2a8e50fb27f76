import type { TCommand } from '../command.js';

export const checkConfigCommand: TCommand = {
  name: 'check-config',
  summary: 'Check the environment and the org chart without starting anything',
  usage: `Usage: earshot check-config

Validates every environment variable (core, Slack, Teams, each connector group) and the org chart file
(EARSHOT_ORG_CHART, default: the bundled example) exactly as \`earshot start\` would, and reports every problem at
once: a variable by name, the org chart by file, line and field. Opens no database and calls no one.
Exit 0 with a summary of what would run, or 78 with the problems.`,
  async run(_args, io) {
    const { runCheckConfig } = await import('../check-config.js');
    return runCheckConfig(io);
  },
};
