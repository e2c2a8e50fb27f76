import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach } from 'vitest';
import { signGenericBody } from '../../src/connectors/generic/signature.js';
import { PACKAGE_ROOT } from '../../src/store/paths.js';

const CLI = path.join(PACKAGE_ROOT, 'src', 'cli.ts');
const TSX = pathToFileURL(path.join(PACKAGE_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
export const PROCESS_SECRET = 'process-test-secret-0123456789abcdef';

const running = new Set<ChildProcessWithoutNullStreams>();
afterEach(() => {
  for (const c of running) c.kill('SIGKILL');
  running.clear();
});

export interface TEarshotProcess {
  base: string;
  pid: number;
  stderr: () => string;
  /** kill -9: no shutdown, no flush, nothing. */
  kill9(): Promise<void>;
  stop(): Promise<number | null>;
}

/** The real `earshot start` in a process of its own (TypeScript source through tsx), on a free port. */
export async function startEarshotProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<TEarshotProcess> {
  const child = spawn(process.execPath, ['--import', TSX, CLI, 'start'], {
    cwd: mkdtempSync(path.join(tmpdir(), 'earshot-proc-')),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', HOST: '127.0.0.1', GENERIC_WEBHOOK_SECRET: PROCESS_SECRET, DATABASE_URL: databaseUrl, JOBS_ENABLED: 'false',
      // The second tier's own tests load the sentence encoder (test/intake/refine-stage.test.ts); spare these processes it.
      TRIAGE_TIER2: 'off', ...env },
  });
  running.add(child);
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      // JSON log lines; field order is the logger's business.
      const line = stderr.split('\n').slice(0, -1).find((l) => l.includes('"earshot listening"'));
      if (line) resolve((JSON.parse(line) as { port: number }).port);
    });
    void exited.then((code) => reject(new Error(`earshot exited ${code}: ${stderr}`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stderr: () => stderr,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
      running.delete(child);
    },
    async stop() {
      child.kill('SIGTERM');
      const code = await exited;
      running.delete(child);
      return code;
    },
  };
}

/** Posts one signed mention; the status, or 0 when the connection died before an answer. */
export async function postMention(base: string, m: unknown): Promise<{ status: number; inbox?: string }> {
  const body = JSON.stringify(m);
  try {
    const res = await fetch(`${base}/webhooks/generic`, { method: 'POST', headers: { 'x-earshot-signature': signGenericBody(PROCESS_SECRET, body) }, body });
    const json = (await res.json()) as { results?: { status: string }[] };
    return { status: res.status, ...(json.results?.[0] && { inbox: json.results[0].status }) };
  } catch {
    return { status: 0 };
  }
}

/** Waits until the server's inbox is empty (the pipeline caught up). */
export async function waitInboxEmpty(base: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const text = await (await fetch(`${base}/metrics`)).text().catch(() => '');
    if (/^earshot_inbox_depth 0$/m.test(text)) return;
    if (Date.now() > until) throw new Error(`inbox not empty after ${timeoutMs} ms: ${/^earshot_inbox_depth .*$/m.exec(text)?.[0]}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * What a crash must never produce: a mention twice, or a case with other than one card post (none when ignored; an
 * incident's member has at most one — most have none, the incident card speaks for them).
 */
export async function storedIntegrity(db: import('../../src/store/client.js').TDb) {
  const mentions = await db.mention.findMany({ select: { externalId: true, caseId: true } });
  const cases = await db.case.findMany({ select: { id: true, decision: true, clusterId: true, incidentId: true } });
  const posts = await db.outboxItem.groupBy({ by: ['caseId'], where: { kind: 'card.post' }, _count: { _all: true } });
  const postsBy = new Map(posts.map((p) => [p.caseId, p._count._all]));
  const badCases = cases.filter((c) => {
    const n = postsBy.get(c.id) ?? 0;
    if (c.decision === 'ignore') return n !== 0;
    return c.incidentId ? n > 1 : n !== 1;
  });
  return { externalIds: new Set(mentions.map((m) => m.externalId)), mentionRows: mentions.length, cases, badCases, orphanMentions: mentions.filter((m) => !m.caseId).length };
}
