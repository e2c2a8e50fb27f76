/**
 * Worker-thread entry of the second tier: loads the encoder and heads once, then answers
 * `{ id, texts }` with `{ id, scores }` (or `{ id, error }`). Its first message says whether it could load.
 * `workerData.heads` is the refiner's heads file when it was given one (the committed heads otherwise).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadEncoder } from '../encoder/index.js';
import type { THeadsFile } from './heads.js';
import { createHeadScorer, type THeadScorer } from './scorer.js';
import { lowerThreadPriority } from '../../main/thread-priority.js';

const port = parentPort;
if (!port) throw new Error('tier2/worker.ts must run in a worker thread');
// Refining can wait; acks (issue 12) cannot: the encoder yields the CPU to the web and intake threads.
lowerThreadPriority();

let scorer: THeadScorer | undefined;
try {
  scorer = await createHeadScorer(await loadEncoder(), (workerData as { heads?: THeadsFile } | null)?.heads);
  port.postMessage({ type: 'ready' });
} catch (e) {
  port.postMessage({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
}

port.on('message', (m: { id: number; texts: string[] }) => {
  if (!scorer) return void port.postMessage({ type: 'result', id: m.id, error: 'second tier not loaded' });
  scorer.score(m.texts).then(
    (scores) => port.postMessage({ type: 'result', id: m.id, scores }),
    (e: unknown) => port.postMessage({ type: 'result', id: m.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
