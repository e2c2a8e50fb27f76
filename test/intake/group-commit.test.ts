import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '../../src/intake/group-commit.js';

/** A commit the test lets finish when it chooses, recording the groups it was given. */
function controlledCommit() {
  const groups: number[][] = [];
  const open: (() => void)[] = [];
  const commit = createGroupCommit<number, number>(async (items) => {
    groups.push(items);
    await new Promise<void>((r) => open.push(r));
    return items.map((i) => i * 10);
  });
  const finishNext = async () => {
    while (!open.length) await new Promise((r) => setImmediate(r));
    open.shift()!();
  };
  return { commit, groups, finishNext };
}

describe('group commit', () => {
  it('requests that arrive while a commit is in flight share the next one, each getting its own answers', async () => {
    const { commit, groups, finishNext } = controlledCommit();
    const a = commit([1]);
    await new Promise((r) => setImmediate(r));
    const b = commit([2, 3]);
    const c = commit([4]);
    await finishNext();
    await finishNext();
    expect(await a).toEqual([10]);
    expect(await b).toEqual([20, 30]);
    expect(await c).toEqual([40]);
    expect(groups).toEqual([[1], [2, 3, 4]]);
  });

  it('caughtUp waits for the requests already made, not for those made after it (the pipeline is not starved)', async () => {
    const { commit, finishNext } = controlledCommit();
    const first = commit([1]);
    let caught = false;
    const caughtUp = commit.caughtUp().then(() => (caught = true));
    await new Promise((r) => setImmediate(r));
    const later = commit([2]); // a steady stream of acks keeps coming
    expect(caught).toBe(false);
    await finishNext();
    await first;
    await caughtUp;
    expect(caught).toBe(true);
    await finishNext();
    expect(await later).toEqual([20]);
    // Nothing waiting: caught up at once; a failed commit counts as answered.
    await commit.caughtUp();
    const failing = createGroupCommit<number, number>(async () => {
      throw new Error('disk full');
    });
    const refused = failing([1]).catch((e: Error) => e.message);
    await failing.caughtUp();
    expect(await refused).toBe('disk full');
  });
});
