/**
 * Group commit: callers that arrive while a commit is in flight wait together and share the next one, so N concurrent
 * requests cost one transaction (one fsync) instead of N — the same idea as PostgreSQL's commit_delay or a write-ahead
 * log's group flush, without an artificial delay: the natural gap is the commit in flight. Each caller gets its own
 * slice of the result, or the error that failed the shared commit.
 */
export interface TGroupCommit<TIn, TOut> {
  (items: readonly TIn[]): Promise<TOut[]>;
  /**
   * Settles once every call made so far has its answer (committed or failed) — not the calls made after: a caller
   * that lets waiting requests go first (the pipeline, between batches) is not starved by a steady stream of them.
   */
  caughtUp(): Promise<void>;
}

export function createGroupCommit<TIn, TOut>(commit: (batch: TIn[]) => Promise<TOut[]>, maxItems = 2000): TGroupCommit<TIn, TOut> {
  type TWaiter = { items: readonly TIn[]; resolve: (r: TOut[]) => void; reject: (e: unknown) => void };
  let queue: TWaiter[] = [];
  let flushing = false;
  let last: Promise<unknown> = Promise.resolve();

  const flush = async () => {
    flushing = true;
    while (queue.length) {
      // Take whole callers up to maxItems (at least one), so a huge request does not make a statement unbounded.
      let n = 0;
      let count = 0;
      while (n < queue.length && (n === 0 || count + queue[n]!.items.length <= maxItems)) count += queue[n++]!.items.length;
      const group = queue.slice(0, n);
      queue = queue.slice(n);
      try {
        const out = await commit(group.flatMap((w) => w.items));
        let at = 0;
        for (const w of group) {
          w.resolve(out.slice(at, at + w.items.length));
          at += w.items.length;
        }
      } catch (err) {
        for (const w of group) w.reject(err);
      }
      // Let the requests that arrived during this commit be read before the next one.
      if (queue.length) await new Promise((r) => setImmediate(r));
    }
    flushing = false;
  };

  const call = (items: readonly TIn[]) => {
    const answer = new Promise<TOut[]>((resolve, reject) => {
      queue.push({ items, resolve, reject });
      // setImmediate, not a microtask: it runs after every request this turn of the event loop has read, so they all
      // join the first commit instead of the first one going alone.
      if (!flushing) {
        flushing = true;
        setImmediate(() => void flush());
      }
    });
    // Groups commit in arrival order: once the latest call has its answer, so have all before it.
    last = answer.catch(() => undefined);
    return answer;
  };
  return Object.assign(call, { caughtUp: () => last.then(() => undefined) });
}
