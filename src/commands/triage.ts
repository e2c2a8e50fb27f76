/**
 * `earshot triage`: Mentions as JSON lines in, one decision per line out, in input order. By default the
 * full path (fast engine, then the sentence encoder's second tier in a worker thread, in batches);
 * `--fast` for the fast engine alone. A bad line yields `{"error": ..., "line": N}` in its place and the
 * run goes on. Decisions are written without their internal `signals`.
 */
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { TOrgChart } from '../config/org-chart-schema.js';
import { ZMention, type TMention } from '../mention.js';
import { createTriageSession, type TTriageDecision } from '../triage/index.js';
import { createRefiner, type THeadsFile, type TRefiner } from '../triage/tier2/index.js';

export interface TRunTriageOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  orgChart: TOrgChart;
  /** Clock for every mention; by default each mention's own createdAt, so reruns are identical. */
  now?: () => Date;
  /** The fast engine alone (no encoder). */
  fast?: boolean;
  /** Heads for the default second tier (TRIAGE_HEADS_FILE); the committed ones otherwise. */
  heads?: THeadsFile;
  /** The second tier to use (default: one worker thread, closed at the end). */
  refiner?: TRefiner;
  /** Lines refined together (default 64). */
  batchSize?: number;
}

type TSlot = { error: string; line: number } | { mention: TMention; decision: TTriageDecision };

/**
 * Triage a JSON-lines stream. `lines` counts non-blank input lines, `errors` those that were malformed.
 *
 * @example
 * await runTriageCommand({ input: process.stdin, output: process.stdout, orgChart });
 */
export async function runTriageCommand(opts: TRunTriageOptions): Promise<{ lines: number; errors: number }> {
  const session = createTriageSession(opts.orgChart);
  const refiner = opts.fast ? undefined : (opts.refiner ?? createRefiner({ orgChart: opts.orgChart, ...(opts.heads && { heads: opts.heads }) }));
  const batchSize = opts.batchSize ?? 64;
  const rl = createInterface({ input: opts.input, crlfDelay: Infinity });
  let lineNo = 0;
  let lines = 0;
  let errors = 0;
  let buffer: TSlot[] = [];
  const flush = async (): Promise<void> => {
    const slots = buffer;
    buffer = [];
    const items = slots.flatMap((s) => ('decision' in s ? [{ mention: s.mention, fast: s.decision }] : []));
    const refined = refiner && items.length ? await refiner.refine(items) : items.map((i) => i.fast);
    let k = 0;
    for (const s of slots) {
      const out = 'decision' in s ? publicView(refined[k++]!) : s;
      // Respect back-pressure so a large file piped to a slow reader does not buffer in memory.
      if (!opts.output.write(JSON.stringify(out) + '\n')) await once(opts.output, 'drain');
    }
  };
  try {
    for await (const raw of rl) {
      lineNo++;
      if (raw.trim() === '') continue;
      lines++;
      const slot = triageLine(raw, lineNo, session, opts.now);
      if ('error' in slot) errors++;
      buffer.push(slot);
      if (buffer.length >= batchSize) await flush();
    }
    await flush();
  } finally {
    if (refiner && !opts.refiner) await refiner.close();
  }
  return { lines, errors };
}

/** The decision as the command prints it: everything but the internal reading. */
function publicView(d: TTriageDecision): Omit<TTriageDecision, 'signals'> {
  const { signals: _signals, ...rest } = d;
  return rest;
}

function triageLine(raw: string, line: number, session: ReturnType<typeof createTriageSession>, now?: () => Date): TSlot {
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
  return { mention: parsed.data, decision: session.triage(parsed.data, now?.()) };
}
