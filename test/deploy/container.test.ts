import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/store/paths.js';
import { copyParts, dockerIgnores, execForm, readDockerfile, readDockerignore } from './dockerfile.js';

// No Docker engine runs here: these tests check what can be checked without one — the Dockerfile's shape, the
// build context .dockerignore leaves, that the runtime needs only production dependencies, and that the image's
// entry command and health check work when run directly on the file layout the final stage assembles.

const { stages } = readDockerfile();
const build = stages[0]!;
const final = stages.at(-1)!;
const ops = (stage: typeof final, op: string) => stage.instructions.filter((i) => i.op === op);
const ignore = readDockerignore();
const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; engines: { node: string } };
const tracked = execFileSync('git', ['ls-files'], { cwd: PACKAGE_ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
const context = tracked.filter((f) => !dockerIgnores(ignore, f));

describe('Dockerfile', () => {
  it('builds in one stage and runs from a second, both on the same Node and Debian release', () => {
    expect(stages).toHaveLength(2);
    expect(build.name).toBe('build');
    expect(final.from).toBe(build.from);
    // Same libc in both stages: better-sqlite3's native module is compiled in the first and loaded in the second.
    expect(final.from).toMatch(/^node:20\.\d+\.\d+-bookworm-slim$/);
    expect(Number(final.from.split(':')[1]!.split('.')[0])).toBeGreaterThanOrEqual(Number(/\d+/.exec(pkg.engines.node)![0]));
  });

  it('the builder installs with npm ci under allowScripts (npm 11) and generates the Prisma clients through prepare', () => {
    const runs = ops(build, 'RUN').map((r) => r.args).join('\n');
    expect(runs).toMatch(/npm install -g npm@11\.\d+\.\d+/);
    expect(runs).toMatch(/npm ci\b/);
    expect(runs).toMatch(/npm prune --omit=dev/);
    expect(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')).toMatch(/"prepare": "node scripts\/generate-client\.mjs && tsc -p tsconfig\.build\.json"/);
    expect(ops(final, 'RUN').map((r) => r.args).join('\n')).not.toMatch(/npm (ci|install)/);
  });

  it('runs as a non-root user with a data volume, the SQLite file on it, and a health check on /healthz', () => {
    const user = ops(final, 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    const env = ops(final, 'ENV').map((e) => e.args).join(' ');
    const dbFile = /DATABASE_URL=file:(\S+)/.exec(env)?.[1];
    expect(dbFile).toBe('/data/earshot.db');
    expect(ops(final, 'VOLUME').map((v) => v.args).join(' ')).toContain('"/data"');
    expect(ops(final, 'RUN').map((r) => r.args).join(' ')).toContain('chown node:node /data');
    const health = ops(final, 'HEALTHCHECK')[0]!.args;
    expect(health).toMatch(/--interval=\d+s/);
    expect(execForm(health).join(' ')).toContain('/healthz');
    expect(execForm(ops(final, 'CMD')[0]!.args)).toEqual(['node', 'dist/cli.js', 'start']);
  });

  it('the final stage carries every file Earshot reads at run time', () => {
    const copied = ops(final, 'COPY').flatMap((c) => copyParts(c.args).sources.map((s) => s.replace(/^\/app\//, '')));
    for (const needed of ['package.json', 'node_modules', 'dist', 'prisma', 'src/generated/schema.postgresql.prisma', 'config', 'manifests', 'src/sandbox/web']) expect(copied).toContain(needed);
    // Every path the code reads beside the package root (paths.ts, join(PACKAGE_ROOT, …), `${PACKAGE_ROOT}…`)
    // must lie under something copied, or the image would start and then fail on the first request that needs it.
    const read = runtimeFiles();
    expect(read.length).toBeGreaterThan(5);
    for (const rel of read) expect(copied.some((c) => rel === c || rel.startsWith(`${c}/`)), rel).toBe(true);
  });
});

describe('build context (.dockerignore)', () => {
  it('holds every file the builder copies and nothing it does not need', () => {
    for (const c of [...ops(build, 'COPY'), ...ops(final, 'COPY').filter((i) => !copyParts(i.args).from)]) {
      for (const src of copyParts(c.args).sources) expect(context.some((f) => f === src || f.startsWith(`${src}/`)), src).toBe(true);
    }
    expect(context.filter((f) => /^(test|bench|docs)\//.test(f))).toEqual([]);
  });

  it('never sends secrets, local state or build output', () => {
    for (const f of ['.env', '.env.local', 'data/earshot.db', 'node_modules/zod/package.json', 'dist/cli.js', 'src/generated/prisma/client.ts', '.git/config', 'dist/earshot-teams.zip']) {
      expect(dockerIgnores(ignore, f), f).toBe(true);
    }
    expect(dockerIgnores(ignore, 'src/cli.ts')).toBe(false);
    expect(dockerIgnores(ignore, 'prisma/migrations/migration_lock.toml')).toBe(false);
  });
});

/** Every package the compiled code imports at run time (type-only imports vanish in the build). */
const sourceFiles = (d = path.join(PACKAGE_ROOT, 'src')): string[] => readdirSync(d).flatMap((f) => (statSync(path.join(d, f)).isDirectory() ? sourceFiles(path.join(d, f)) : f.endsWith('.ts') ? [path.join(d, f)] : []));

function runtimeImports(): Set<string> {
  const names = new Set<string>();
  for (const f of sourceFiles()) {
    const text = readFileSync(f, 'utf8');
    // Static and dynamic imports, and packages located with require.resolve (fonts, the Adaptive Cards bundle).
    const specs = [...text.matchAll(/^import (?!type )[^;]*?from '([^']+)'/gm), ...text.matchAll(/^export [^;]*? from '([^']+)'/gm), ...text.matchAll(/import\('([^']+)'\)/g), ...text.matchAll(/require\.resolve\('([^']+)'\)/g)].map((m) => m[1]!);
    for (const s of specs) {
      if (s.startsWith('.') || s.startsWith('node:') || builtinModules.includes(s)) continue;
      names.add(s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!);
    }
  }
  return names;
}

/** Paths below the package root that src/ reads at run time, as written in the code. */
function runtimeFiles(): string[] {
  const out: string[] = [];
  for (const f of sourceFiles()) {
    const text = readFileSync(f, 'utf8');
    for (const [, rel] of text.matchAll(/new URL\('([^']+)', root\)/g)) out.push(rel!);
    for (const [, args] of text.matchAll(/join\(PACKAGE_ROOT, ((?:'[^']+'(?:, )?)+)\)/g)) out.push([...args!.matchAll(/'([^']+)'/g)].map((m) => m[1]).join('/'));
    for (const [, rel] of text.matchAll(/`\$\{PACKAGE_ROOT\}\/?([^`$]+)`/g)) out.push(rel!);
  }
  return out;
}

describe('runtime dependencies', () => {
  it('the code imports only production dependencies, so the pruned node_modules is enough', () => {
    const imported = runtimeImports();
    expect(imported.size).toBeGreaterThan(5);
    for (const name of imported) expect(pkg.dependencies[name], `${name} is imported by src/ but is not in "dependencies"`).toBeDefined();
  });
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** A compiled dist/ for the layout: the tree's own when it is newer than every source file, else a fresh build. */
function compiledDist(into: string): void {
  const newest = (d: string): number => Math.max(...readdirSync(d).map((f) => (statSync(path.join(d, f)).isDirectory() ? newest(path.join(d, f)) : statSync(path.join(d, f)).mtimeMs)));
  const built = path.join(PACKAGE_ROOT, 'dist', 'cli.js');
  if (existsSync(built) && statSync(built).mtimeMs > newest(path.join(PACKAGE_ROOT, 'src'))) {
    cpSync(path.join(PACKAGE_ROOT, 'dist'), path.join(into, 'dist'), { recursive: true });
    return;
  }
  const tsc = spawnSync(process.execPath, [path.join(PACKAGE_ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(PACKAGE_ROOT, 'tsconfig.build.json'), '--outDir', path.join(into, 'dist'), '--sourceMap', 'false'], { encoding: 'utf8' });
  expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
}

describe("the image's entry command, run directly", { timeout: 120_000 }, () => {
  it('starts on the final stage’s layout and environment, answers its own health check, and stops on SIGTERM', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'earshot-image-'));
    const app = path.join(root, 'app');
    mkdirSync(app);
    // The final stage's COPY lines, taken from this tree (node_modules linked: the image's is the pruned same set).
    for (const c of ops(final, 'COPY')) {
      const { sources, dest } = copyParts(c.args);
      for (const s of sources) {
        const rel = s.replace(/^\/app\//, '');
        const target = path.join(app, dest.replace(/^\.\//, '') === '.' || dest.endsWith('/') ? rel : dest.replace(/^\.\//, ''));
        mkdirSync(path.dirname(target), { recursive: true });
        if (rel === 'node_modules') symlinkSync(path.join(PACKAGE_ROOT, 'node_modules'), target);
        else if (rel === 'dist') compiledDist(app);
        else cpSync(path.join(PACKAGE_ROOT, rel), target, { recursive: true });
      }
    }
    const env: Record<string, string> = {};
    for (const e of ops(final, 'ENV')) for (const [, k, v] of e.args.matchAll(/(\w+)=(\S+)/g)) env[k!] = v!;
    // The volume is /data in the image; here a scratch folder stands in for it. Loopback only on a shared machine.
    const data = path.join(root, 'data');
    mkdirSync(data);
    const port = await freePort();
    Object.assign(env, { DATABASE_URL: env.DATABASE_URL!.replace('/data/', `${data}/`), HOST: '127.0.0.1', PORT: String(port) });
    const [cmd, ...args] = execForm(ops(final, 'CMD')[0]!.args);
    expect(cmd).toBe('node');
    const child = spawn(process.execPath, args, { cwd: app, env: { PATH: process.env.PATH, ...env } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await expect.poll(() => stderr, { timeout: 90_000, interval: 200 }).toContain('"msg":"earshot listening"');
    const [hcmd, ...hargs] = execForm(ops(final, 'HEALTHCHECK')[0]!.args);
    expect(hcmd).toBe('node');
    const healthy = spawnSync(process.execPath, hargs, { env: { PATH: process.env.PATH, PORT: String(port) }, timeout: 10_000 });
    expect(healthy.status, stderr).toBe(0);
    // No chat surface is configured, so the sandbox page is served: its files must be in the image too.
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    const scripts = [...(await page.text()).matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.some((src) => src.startsWith('/sandbox/web/'))).toBe(true);
    for (const src of scripts) expect((await fetch(new URL(src, `http://127.0.0.1:${port}/`))).status, src).toBe(200);
    expect(existsSync(path.join(data, 'earshot.db'))).toBe(true);
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    // With the server gone, the same health check reports unhealthy.
    expect(spawnSync(process.execPath, hargs, { env: { PATH: process.env.PATH, PORT: String(port) }, timeout: 10_000 }).status).toBe(1);
    // The app wrote only to its volume.
    expect(readdirSync(app).sort()).toEqual(['config', 'dist', 'manifests', 'node_modules', 'package.json', 'prisma', 'src']);
  });
});
