import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

/** A task's nice value as the kernel reports it (field 19 of /proc/<pid>/task/<tid>/stat). */
const niceOf = (tid: number) => Number(readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);

// A worker that lowers its own priority, reports its task id, then waits to be told to end.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { readlinkSync } = require('node:fs');
import(workerData.module).then(({ lowerThreadPriority }) => {
  const lowered = lowerThreadPriority();
  parentPort.postMessage({ lowered, tid: Number(readlinkSync('/proc/thread-self').split('/').at(-1)) });
  parentPort.once('message', () => process.exit(0));
});
`;

describe.runIf(process.platform === 'linux')('a background thread\'s scheduling priority', () => {
  it('is lowered for that thread alone: the process\'s main thread keeps its own', async () => {
    const before = niceOf(process.pid);
    const module = new URL('../../src/main/thread-priority.ts', import.meta.url).href;
    const worker = new Worker(`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((t) => { t.register(); ${WORKER.replace(/\n/g, ' ')} })`, { eval: true, workerData: { module } });
    try {
      const { lowered, tid } = await new Promise<{ lowered: boolean; tid: number }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      expect(lowered).toBe(true);
      expect(tid).not.toBe(process.pid);
      expect(niceOf(tid)).toBe(Math.max(10, before));
      expect(niceOf(process.pid)).toBe(before);
    } finally {
      worker.postMessage('end');
      await new Promise((r) => worker.once('exit', r));
    }
  });
});
