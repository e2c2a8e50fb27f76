import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parse } from 'yaml';
import { ZOrgChart, type TOrgChart } from '../../src/config/org-chart-schema.js';
import type { TMention } from '../../src/mention.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The bundled example org chart, parsed as the CLI would. */
export const exampleOrgChart = (): TOrgChart =>
  ZOrgChart.parse(parse(readFileSync(path.join(root, 'config/org-chart.example.yaml'), 'utf8')));

export const NOW = new Date('2026-03-02T10:00:00Z');

let seq = 0;
/** A canonical mention with sensible defaults. */
export function mention(text: string, over: Partial<TMention> = {}): TMention {
  seq++;
  return {
    platform: 'x',
    externalId: `m${seq}`,
    text,
    createdAt: NOW.toISOString(),
    author: { handle: `user${seq}` },
    ...over,
  };
}
