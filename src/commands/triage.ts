/**
 * `earshot triage`: Mentions as JSON lines in, one decision per line out, in input order.
 * A bad line yields `{"error": ..., "line": N}` in its place and the run goes on.
 */
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { TOrgChart } from '../config/org-chart-schema.js';
import { ZMention } from '../mention.js';
import { createTriageSession } from '../triage/index.js';

export interface TRunTriageOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  orgChart: TOrgChart;
  /** Clock for every mention; by default each mention's own createdAt, so reruns are identical. */
  now?: () => Date;
}

/**
 * Triage a JSON-lines stream. `lines` counts non-blank input lines, `errors` those that were malformed.
 *
 * @example
 * await runTriageCommand({ input: process.stdin, output: process.stdout, orgChart });
 */
export async function runTriageCommand(opts: TRunTriageOptions): Promise<{ lines: number; errors: number }> {
  const session = createTriageSession(opts.orgChart);
  const rl = createInterface({ input: opts.input, crlfDelay: Infinity });
  let lineNo = 0;
  let lines = 0;
  let errors = 0;
  for await (const raw of rl) {
    lineNo++;
    if (raw.trim() === '') continue;
    lines++;
    const out = triageLine(raw, lineNo, session, opts.now);
    if ('error' in out) errors++;
    // Respect back-pressure so a large file piped to a slow reader does not buffer in memory.
    if (!opts.output.write(JSON.stringify(out) + '\n')) await once(opts.output, 'drain');
  }
  return { lines, errors };
}

function triageLine(raw: string, line: number, session: ReturnType<typeof createTriageSession>, now?: () => Date): object {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    return { error: `invalid JSON: ${(e as Error).message}`, line };
  }
  const parsed = ZMention.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return { error: `not a valid Mention: ${issues.join('; ')}`, line };
  }
  return session.triage(parsed.data, now?.());
}
