// Regenerates the committed manifests (manifests/slack/*.yaml, manifests/teams/manifest.json) from src/manifests,
// with placeholder host and app id; test/manifests/committed.test.ts fails when they drift.
// For your own deployment use `earshot manifest slack|teams …` instead.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { COMMITTED_MANIFESTS } from '../src/manifests/committed.js';
import { PACKAGE_ROOT } from '../src/store/paths.js';

for (const [file, text] of Object.entries(COMMITTED_MANIFESTS)) {
  writeFileSync(path.join(PACKAGE_ROOT, file), text());
  console.log(`wrote ${file}`);
}
