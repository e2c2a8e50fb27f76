import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { runEarshot } from '../helpers/cli.js';

const NO_STACK = /\n\s+at /;

// Each case spawns the real command through tsx: seconds each on a loaded 2-core machine.
describe('earshot help and usage errors', { timeout: 90_000 }, () => {
  it('--help, help and no arguments list every command and what the exit codes mean', async () => {
    const runs = await Promise.all([runEarshot(['--help']), runEarshot(['help']), runEarshot([])]);
    for (const r of runs) {
      expect(r.status).toBe(0);
      for (const c of COMMANDS) expect(r.stdout).toContain(`  ${c.synopsis ?? c.name}`);
      expect(r.stdout).toContain('78 configuration problem');
    }
  });

  it('`<command> --help` and `help <command>` print that command’s usage and start nothing', async () => {
    const runs = await Promise.all(COMMANDS.map((c) => runEarshot([c.name, '--help'], { DATABASE_URL: 'file:./data/e.db' })));
    for (const [i, r] of runs.entries()) {
      const c = COMMANDS[i]!;
      expect(r.status, `${c.name} --help`).toBe(0);
      expect(r.stdout.trim()).toBe(c.usage);
      expect(r.stderr).toBe('');
      // Nothing migrated, served or written: the scratch folder is still empty.
      expect(readdirSync(r.cwd), c.name).toEqual([]);
    }
    const help = await runEarshot(['help', 'manifest']);
    expect(help.stdout.trim()).toBe(COMMANDS.find((c) => c.name === 'manifest')!.usage);
    // Help wins over everything else on the line, even an unknown flag.
    expect((await runEarshot(['start', '--bogus', '-h'])).status).toBe(0);
  });

  it('unknown commands, flags and extra arguments are refused with the right usage and exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /unknown command "frobnicate"[\s\S]*Usage: earshot <command>/],
      [['--bogus'], /unknown option "--bogus"[\s\S]*Usage: earshot <command>/],
      [['triage', '--bogus'], /Unknown option '--bogus'[\s\S]*Usage: earshot triage \[--config FILE\]/],
      [['triage', '--config'], /--config[\s\S]*Usage: earshot triage/],
      [['start', 'now'], /unexpected argument "now"[\s\S]*Usage: earshot start/],
      [['migrate', '--url', 'x'], /Unknown option '--url'[\s\S]*Usage: earshot migrate/],
      [['manifest'], /manifest needs 1 argument[\s\S]*Usage: earshot manifest/],
      [['manifest', 'myspace'], /unknown platform "myspace"; one of: slack, teams/],
      [['help', 'frobnicate'], /unknown command "frobnicate"/],
    ];
    const runs = await Promise.all(cases.map(([args]) => runEarshot(args)));
    for (const [i, r] of runs.entries()) {
      const [args, pattern] = cases[i]!;
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(pattern);
      expect(r.stderr).not.toMatch(NO_STACK);
      expect(existsSync(path.join(r.cwd, 'data'))).toBe(false);
    }
  });

  it('an unreadable org chart blames the setting that named it', async () => {
    const [flag, variable] = await Promise.all([runEarshot(['triage', '--config', '/missing.yaml']), runEarshot(['triage'], { EARSHOT_ORG_CHART: '/nope/org.yaml' })]);
    expect(flag.status).toBe(78);
    expect(flag.stderr).toContain('/missing.yaml: cannot read the org chart file (ENOENT: no such file); check the path given by --config');
    expect(flag.stderr).not.toContain('EARSHOT_ORG_CHART');
    expect(variable.status).toBe(78);
    expect(variable.stderr).toContain('/nope/org.yaml: cannot read the org chart file (ENOENT: no such file); check the path given by EARSHOT_ORG_CHART');
    expect(flag.stderr + variable.stderr).not.toMatch(NO_STACK);
  });
});
