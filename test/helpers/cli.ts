import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../../src/store/paths.js';

export const CLI = path.join(PACKAGE_ROOT, 'src', 'cli.ts');
// An absolute loader URL: the children run in scratch folders where `tsx` would not resolve by name.
export const TSX = pathToFileURL(path.join(PACKAGE_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

export interface TCliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  cwd: string;
}

/**
 * Runs the real `earshot` command (TypeScript source through tsx, so a test never sees a stale build) in a fresh
 * scratch folder, with only the environment given. Async, so a test can run several at once.
 */
export function runEarshot(args: string[], env: Record<string, string> = {}, opts: { input?: string; cwd?: string } = {}): Promise<TCliResult> {
  const cwd = opts.cwd ?? mkdtempSync(path.join(tmpdir(), 'earshot-cli-'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, cwd });
    });
    child.stdin.end(opts.input ?? '');
  });
}
