import type { TCommand } from '../command.js';

// The usage lives beside the feeder (src/demo/demo-command.ts), which still validates the values itself.
const DEMO_USAGE_TEXT = `Usage: earshot demo [--rate N] [--url URL] [--loop]

Feeds the bundled sample mentions (complaints, questions, praise, spam, an outage burst, a risk keyword, a Spanish
post; several platforms) to a running Earshot through its signed generic webhook.
  --rate N    mentions per minute (1-600, default 30); burst lines follow each other within a second
  --url URL   the Earshot to feed (default http://127.0.0.1:$PORT, PORT defaulting to 3000)
  --loop      start again from the top when the sample ends (new ids each round); stop with Ctrl-C
Needs GENERIC_WEBHOOK_SECRET, the same value the server was started with.`;

export const demoCommand: TCommand = {
  name: 'demo',
  synopsis: 'demo [--rate N] [--url URL]',
  summary: 'Feed the bundled sample mentions to a running Earshot (signed generic webhook)',
  usage: DEMO_USAGE_TEXT,
  options: { rate: { type: 'string' }, url: { type: 'string' }, loop: { type: 'boolean' } },
  async run({ values }, io) {
    const { runDemoCommand } = await import('../../demo/demo-command.js');
    const args = [...(values.rate !== undefined ? ['--rate', String(values.rate)] : []), ...(values.url !== undefined ? ['--url', String(values.url)] : []), ...(values.loop ? ['--loop'] : [])];
    const interrupted = new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    return runDemoCommand(args, { out: io.out, err: io.err, env: io.env, interrupted });
  },
};
