import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMITTED_MANIFESTS } from '../../src/manifests/committed.js';
import { PACKAGE_ROOT } from '../../src/store/paths.js';

describe('committed manifests', () => {
  it.each(Object.keys(COMMITTED_MANIFESTS))('%s is exactly what src/manifests generates', (file) => {
    const committed = readFileSync(path.join(PACKAGE_ROOT, file), 'utf8');
    expect(committed, `${file} has drifted from src/manifests: run \`npx tsx scripts/write-manifests.ts\``).toBe(COMMITTED_MANIFESTS[file]!());
  });
});
