/**
 * trigger_ids as Slack hands them out with an interaction: each opens one modal, for the person who clicked, within
 * three seconds.
 */
export class TriggerBook {
  private readonly live = new Map<string, { user: string; expires: number }>();
  private seq = 0;

  constructor(private readonly now: () => number, private readonly ttlMs = 3000) {}

  issue(user: string): string {
    const id = `${Math.floor(this.now() / 1000)}.${++this.seq}.sandbox`;
    this.live.set(id, { user, expires: this.now() + this.ttlMs });
    for (const [k, v] of this.live) if (v.expires < this.now()) this.live.delete(k);
    return id;
  }

  /** The user the trigger belongs to, once; null when unknown, used or expired. */
  use(id: string): string | null {
    const t = this.live.get(id);
    this.live.delete(id);
    return t && t.expires >= this.now() ? t.user : null;
  }
}
