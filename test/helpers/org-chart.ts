import { readFileSync } from 'node:fs';
import { parseOrgChart } from '../../src/config/load-org-chart.js';
import type { TOrgChart } from '../../src/config/org-chart-schema.js';
import { EXAMPLE_ORG_CHART } from '../../src/store/paths.js';

/** The org chart shipped in config/, which tests use as a realistic organisation. */
export function exampleOrgChart(): TOrgChart {
  return parseOrgChart(readFileSync(EXAMPLE_ORG_CHART, 'utf8'), EXAMPLE_ORG_CHART);
}
