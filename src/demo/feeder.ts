import type { TMention } from '../mention.js';
import { feedPlan, type TSampleLine } from './sample-traffic.js';

export interface TFeederOptions {
  lines: readonly TSampleLine[];
  ratePerMinute: number;
  /** Where a mention goes: `earshot.ingest` in process, or a signed POST to /webhooks/generic. */
  send: (m: TMention) => Promise<void>;
  now?: () => Date;
  onError?: (err: unknown, m: TMention) => void;
  /** Feed the sample again from the top when it ends (new ids each round). */
  loop?: boolean;
}

export interface TFeeder {
  readonly running: boolean;
  readonly sent: number;
  stop(): void;
  /** Settles when the sample has been fed (or the feeder stopped). */
  done: Promise<void>;
}

/** Feeds the sample at a rate, one mention at a time; stopping cancels the next send. */
export function startFeeder(o: TFeederOptions): TFeeder {
  const now = o.now ?? (() => new Date());
  let stopped = false;
  let sent = 0;
  let wake: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((r) => {
      wake = r;
      timer = setTimeout(r, ms);
    });
  const done = (async () => {
    let round = 0;
    do {
      const run = `${now().getTime().toString(36)}${round++}`;
      for (const step of feedPlan(o.lines, { ratePerMinute: o.ratePerMinute, run })) {
        const first = step(now());
        if (first.delayMs) await sleep(first.delayMs);
        if (stopped) return;
        const { mention } = step(now());
        try {
          await o.send(mention);
          sent += 1;
        } catch (err) {
          o.onError?.(err, mention);
        }
      }
    } while (o.loop && !stopped);
  })().finally(() => {
    stopped = true;
  });
  return {
    get running() {
      return !stopped;
    },
    get sent() {
      return sent;
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      wake?.();
    },
    done,
  };
}
