import { createIntake, type TIntakeOptions } from '../../src/intake/create-intake.js';
import { createMemoryLogger } from '../../src/log.js';
import type { TDb } from '../../src/store/client.js';
import { triage } from '../../src/triage/index.js';
import { exampleOrgChart } from './org-chart.js';

/** The real intake (inbox + pipeline) over a test database; not started: `ingest` and `drain` drive it. */
export function createTestIntake(db: TDb, o: Partial<TIntakeOptions> = {}) {
  const log = createMemoryLogger();
  const intake = createIntake({ db, orgChart: exampleOrgChart(), triage, log, now: () => new Date(), ...o });
  return Object.assign(intake, { log });
}
