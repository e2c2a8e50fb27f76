import { parseArgs } from 'node:util';
import { signGenericBody } from '../connectors/generic/signature.js';
import type { TMention } from '../mention.js';
import { startFeeder } from './feeder.js';
import { loadSampleTraffic } from './sample-traffic.js';

export const DEMO_USAGE = `Usage: earshot demo [--rate N] [--url URL] [--loop]

Feeds the bundled sample mentions (complaints, questions, praise, spam, an outage burst, a risk keyword, a Spanish
post; several platforms) to a running Earshot through its signed generic webhook.
  --rate N    mentions per minute (1-600, default 30); burst lines follow each other within a second
  --url URL   the Earshot to feed (default http://127.0.0.1:$PORT, PORT defaulting to 3000)
  --loop      start again from the top when the sample ends (new ids each round); stop with Ctrl-C
Needs GENERIC_WEBHOOK_SECRET, the same value the server was started with.`;

export interface TDemoIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
  /** Resolves when the person asks to stop (Ctrl-C); the feeder then stops before its next send. */
  interrupted?: Promise<void>;
}

/** `earshot demo`: exit 0 when the sample was fed, 2 on a usage error, 78 without the secret, 1 if nothing got in. */
export async function runDemoCommand(args: string[], io: TDemoIo): Promise<number> {
  const env = io.env ?? process.env;
  let values: { rate?: string; url?: string; loop?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({ args, options: { rate: { type: 'string' }, url: { type: 'string' }, loop: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }));
  } catch (err) {
    io.err(`earshot demo: ${err instanceof Error ? err.message : String(err)}\n\n${DEMO_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(DEMO_USAGE);
    return 0;
  }
  const rate = values.rate === undefined ? 30 : Number(values.rate);
  if (!Number.isInteger(rate) || rate < 1 || rate > 600) {
    io.err(`earshot demo: --rate must be a whole number of mentions per minute from 1 to 600, not "${values.rate}"\n\n${DEMO_USAGE}`);
    return 2;
  }
  let target: URL;
  try {
    target = new URL('/webhooks/generic', values.url ?? `http://127.0.0.1:${env.PORT || 3000}`);
  } catch {
    io.err(`earshot demo: --url must be a URL like http://127.0.0.1:3000, not "${values.url}"`);
    return 2;
  }
  const secret = env.GENERIC_WEBHOOK_SECRET;
  if (!secret || secret.length < 16) {
    io.err('earshot demo: GENERIC_WEBHOOK_SECRET is not set (or shorter than 16 characters); set it to the value the server was started with, which turns on POST /webhooks/generic');
    return 78;
  }
  const doFetch = io.fetch ?? fetch;
  let failures = 0;
  const send = async (m: TMention) => {
    const body = JSON.stringify(m);
    const res = await doFetch(target, { method: 'POST', headers: { 'content-type': 'application/json', 'x-earshot-signature': signGenericBody(secret, body) }, body, signal: AbortSignal.timeout(10_000) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${res.status} ${text.slice(0, 200)}`);
    io.out(`sent ${m.platform} ${m.externalId}: ${m.text.slice(0, 60)}${m.text.length > 60 ? '…' : ''}`);
  };
  const lines = loadSampleTraffic();
  io.out(`feeding ${lines.length} sample mentions to ${target.href} at ${rate} per minute${values.loop ? ', looping' : ''}`);
  const feeder = startFeeder({
    lines,
    ratePerMinute: rate,
    loop: !!values.loop,
    send,
    onError: (err, m) => {
      failures += 1;
      io.err(`earshot demo: ${m.externalId} was not taken: ${err instanceof Error ? err.message : String(err)}`);
    },
  });
  void io.interrupted?.then(() => feeder.stop());
  await feeder.done;
  io.out(`done: ${feeder.sent} sent, ${failures} refused`);
  return feeder.sent === 0 && failures > 0 ? 1 : 0;
}
