import { EXAMPLE_ORG_CHART } from '../../store/paths.js';
import type { TCommand } from '../command.js';

export const triageCommand: TCommand = {
  name: 'triage',
  synopsis: 'triage [--config FILE] [--fast]',
  summary: 'Read Mentions (JSON lines) on stdin, write one triage decision per line on stdout',
  usage: `Usage: earshot triage [--config FILE] [--fast]

Reads canonical Mentions as JSON lines on stdin and writes one decision per line on stdout, in input order. A
malformed line yields {"error", "line"} in its place and the run goes on (exit 1 at the end). Stores nothing.
By default each decision comes from the full path: the fast engine, then the sentence encoder's heads (worker
threads, batches); if the encoder cannot load, the fast engine decides alone and the reasons say so.
TRIAGE_HEADS_FILE names retrained heads (DIR/heads.json from earshot train --with-corrections) to decide with.

Options:
  --config FILE   org chart to route with (default: EARSHOT_ORG_CHART, else the bundled example)
  --fast          the fast engine alone (no sentence encoder): thousands of lines per second`,
  options: { config: { type: 'string' }, fast: { type: 'boolean' } },
  async run({ values }, io) {
    // Blame the setting the person actually used when the file cannot be read.
    const fromFlag = typeof values.config === 'string';
    const file = fromFlag ? (values.config as string) : (io.env.EARSHOT_ORG_CHART || EXAMPLE_ORG_CHART);
    const { loadOrgChart } = await import('../../config/load-org-chart.js');
    const orgChart = loadOrgChart(file, fromFlag ? '--config' : io.env.EARSHOT_ORG_CHART ? 'EARSHOT_ORG_CHART' : 'the bundled example');
    const { runTriageCommand } = await import('../../commands/triage.js');
    const headsFile = values.fast === true ? undefined : io.env.TRIAGE_HEADS_FILE;
    const heads = headsFile ? (await import('../../triage/tier2/heads-file.js')).loadHeadsFile(headsFile) : undefined;
    const { errors } = await runTriageCommand({ input: process.stdin, output: process.stdout, orgChart, fast: values.fast === true, ...(heads && { heads }) });
    return errors > 0 ? 1 : 0;
  },
};
