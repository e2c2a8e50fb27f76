import { DEMO_USAGE } from '../../demo/demo-command.js';
import type { TCommand } from '../command.js';

export const demoCommand: TCommand = {
  name: 'demo',
  synopsis: 'demo [--rate N] [--url URL]',
  summary: 'Feed the bundled sample mentions to a running Earshot (signed generic webhook)',
  usage: DEMO_USAGE,
  options: { rate: { type: 'string' }, url: { type: 'string' }, loop: { type: 'boolean' } },
  async run({ values }, io) {
    const { runDemoCommand } = await import('../../demo/demo-command.js');
    const args = [...(values.rate !== undefined ? ['--rate', String(values.rate)] : []), ...(values.url !== undefined ? ['--url', String(values.url)] : []), ...(values.loop ? ['--loop'] : [])];
    const interrupted = new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    return runDemoCommand(args, { out: io.out, err: io.err, env: io.env, interrupted });
  },
};
