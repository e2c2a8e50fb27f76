import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach } from 'vitest';

const run = promisify(execFile);

/** A PostgreSQL server of the test's own: it may be stopped and started, which the shared 5432 server never is. */
export interface TOwnPgCluster {
  /** URL of the `postgres` database on this cluster (trust auth). */
  url: string;
  port: number;
  /** Fast shutdown: open connections are ended, as in a routine restart or a fail-over. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

const clusters: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (clusters.length) await clusters.pop()!();
});

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  if (!versions.length) throw new Error('no PostgreSQL binaries under /usr/lib/postgresql (install postgresql)');
  return path.join(root, versions[0]!, 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * initdb + pg_ctl on a free port with a data directory under tmp, removed after the test. initdb refuses root, so as
 * root the commands run as the unprivileged `postgres` user.
 * @example const pg = await startOwnPgCluster(); await pg.stop(); await pg.start();
 */
export async function startOwnPgCluster(): Promise<TOwnPgCluster> {
  const bin = binDir();
  const dir = mkdtempSync(path.join(tmpdir(), 'earshot-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const pgCmd = (tool: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]) : run(path.join(bin, tool), args));
  const port = await freePort();
  await pgCmd('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  let up = false;
  const cluster: TOwnPgCluster = {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    async start() {
      await pgCmd('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
      up = true;
    },
    async stop() {
      await pgCmd('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
      up = false;
    },
  };
  clusters.push(async () => {
    if (up) await pgCmd('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });
  await cluster.start();
  return cluster;
}
