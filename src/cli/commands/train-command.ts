import { UsageError, type TCommand } from '../command.js';
import { EXAMPLE_ORG_CHART } from '../../store/paths.js';

const USAGE = `Usage: earshot train --with-corrections [--out DIR] [--config FILE]

Folds your organisation's own triage corrections (made with "Correct triage…" on a card, read from DATABASE_URL)
into the second tier's heads. Deterministic; the candidate is checked on the dev data's held-out split (no task may
get worse) and against staff's corrected decisions, categories and teams (agreement may not drop). Writes
DIR/report.json always and DIR/heads.json only when the candidate is accepted; never the committed models.
Runs from a clone of the repository with the dev data (EARSHOT_TRIAGE_DATA); embedding it cold takes ~15 min.
Exit 0 accepted, 1 refused or nothing to train on, 2 bad arguments.

Options:
  --with-corrections   required: what to train from
  --out DIR            where the candidate goes (default data/triage-model)
  --config FILE        org chart the staff agreement is measured under (default: EARSHOT_ORG_CHART, else the example)`;

export const trainCommand: TCommand = {
  name: 'train',
  synopsis: 'train --with-corrections [--out DIR]',
  summary: "Retrain the second tier's heads with staff corrections (refuses a worse model)",
  usage: USAGE,
  options: { 'with-corrections': { type: 'boolean' }, out: { type: 'string' }, config: { type: 'string' } },
  async run({ values }, io) {
    if (values['with-corrections'] !== true) throw new UsageError('train needs --with-corrections (the only source it learns from)', USAGE);
    const { loadEnv } = await import('../../config/env.js');
    const { loadOrgChart } = await import('../../config/load-org-chart.js');
    const { openDatabase } = await import('../../store/client.js');
    const { runTrainCommand, DEFAULT_TRAIN_OUT } = await import('../../commands/train.js');
    const fromFlag = typeof values.config === 'string';
    const file = fromFlag ? (values.config as string) : (io.env.EARSHOT_ORG_CHART || EXAMPLE_ORG_CHART);
    const orgChart = loadOrgChart(file, fromFlag ? '--config' : io.env.EARSHOT_ORG_CHART ? 'EARSHOT_ORG_CHART' : 'the bundled example');
    const env = loadEnv(io.env);
    const db = await openDatabase(env.DATABASE_URL);
    try {
      return await runTrainCommand({ db, orgChart, outDir: typeof values.out === 'string' ? values.out : DEFAULT_TRAIN_OUT, out: io.out, err: io.err });
    } finally {
      await db.$disconnect();
    }
  },
};
