/**
 * A version number the sandbox page long-polls on: every change to the sandbox's Slack or Teams workspace or its
 * platform outbox bumps it, and waiting requests wake.
 */
export class ChangeFeed {
  version = 0;
  private waiters: (() => void)[] = [];
  private readonly listeners: (() => void)[] = [];

  /** Called after every change (the workspace snapshot uses it). */
  onChange(fn: () => void): void {
    this.listeners.push(fn);
  }

  changed(): void {
    this.version += 1;
    for (const fn of this.listeners) fn();
    const w = this.waiters;
    this.waiters = [];
    for (const wake of w) wake();
  }

  /** Resolves once the version passes `since`, or after `timeoutMs`. */
  waitFor(since: number, timeoutMs: number): Promise<void> {
    if (this.version > since) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(resolve, timeoutMs);
      t.unref();
      this.waiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}
