/**
 * Group commit: callers that arrive while a commit is in flight wait together and share the next one, so N concurrent
 * requests cost one transaction (one fsync) instead of N — the same idea as PostgreSQL's commit_delay or a write-ahead
 * log's group flush, without an artificial delay: the natural gap is the commit in flight. Each caller gets its own
 * slice of the result, or the error that failed the shared commit.
 */
export function createGroupCommit<TIn, TOut>(commit: (batch: TIn[]) => Promise<TOut[]>, maxItems = 2000): (items: readonly TIn[]) => Promise<TOut[]> {
  type TWaiter = { items: readonly TIn[]; resolve: (r: TOut[]) => void; reject: (e: unknown) => void };
  let queue: TWaiter[] = [];
  let flushing = false;

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

  return (items) =>
    new Promise<TOut[]>((resolve, reject) => {
      queue.push({ items, resolve, reject });
      // setImmediate, not a microtask: it runs after every request this turn of the event loop has read, so they all
      // join the first commit instead of the first one going alone.
      if (!flushing) {
        flushing = true;
        setImmediate(() => void flush());
      }
    });
}
