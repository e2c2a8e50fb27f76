import { readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { PACKAGE_ROOT } from '../store/paths.js';
import { teamsManifestJson, type TTeamsManifestOptions } from './teams-manifest.js';

const ICONS = path.join(PACKAGE_ROOT, 'manifests', 'teams');
// A fixed date keeps the package byte-identical between builds (zip times start in 1980).
const MTIME = new Date('1980-01-01T00:00:00');

/** The app package Teams sideloads: manifest.json and both icons at the zip's root. */
export function teamsPackage(opts: TTeamsManifestOptions): Uint8Array {
  const file = (data: Uint8Array) => [data, { mtime: MTIME }] as [Uint8Array, { mtime: Date }];
  return zipSync({
    'manifest.json': file(new TextEncoder().encode(teamsManifestJson(opts))),
    'color.png': file(readFileSync(path.join(ICONS, 'color.png'))),
    'outline.png': file(readFileSync(path.join(ICONS, 'outline.png'))),
  });
}
