import type { TOrgChart } from '../config/org-chart-schema.js';
import type { TDb } from '../store/client.js';

/** What every case action needs; passed in so tests hand in their own clock and org chart. */
export interface TCaseDeps {
  db: TDb;
  orgChart: TOrgChart;
  now: () => Date;
}

export const OPEN_STATUSES = ['new', 'claimed', 'monitoring', 'offline'] as const;
export const CLOSED_STATUSES = ['resolved', 'ignored'] as const;
export type TCaseStatus = (typeof OPEN_STATUSES)[number] | (typeof CLOSED_STATUSES)[number];

export const isClosed = (status: string) => (CLOSED_STATUSES as readonly string[]).includes(status);
