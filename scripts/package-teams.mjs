#!/usr/bin/env node
// Builds dist/earshot-teams.zip, the package a Teams admin sideloads: manifest.json and both icons at the
// zip's root. TEAMS_APP_ID (the Azure Bot's Microsoft App ID) replaces the placeholder app and bot ids.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'manifests', 'teams');
// TEAMS_PACKAGE_OUT lets tests build elsewhere than the release location.
const out = process.env.TEAMS_PACKAGE_OUT ? path.resolve(process.env.TEAMS_PACKAGE_OUT) : path.join(root, 'dist', 'earshot-teams.zip');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const manifest = JSON.parse(readFileSync(path.join(src, 'manifest.json'), 'utf8'));
const appId = process.env.TEAMS_APP_ID?.trim();
if (appId) {
  if (!GUID.test(appId)) {
    console.error('TEAMS_APP_ID must be the Azure Bot\'s Microsoft App ID (a GUID).');
    process.exit(1);
  }
  manifest.id = appId;
  for (const bot of manifest.bots ?? []) bot.botId = appId;
} else {
  console.warn('TEAMS_APP_ID is not set: the package keeps the placeholder id and Teams will not reach your bot.');
}

const files = [
  ['manifest.json', Buffer.from(JSON.stringify(manifest, null, 2) + '\n')],
  [manifest.icons.color, readFileSync(path.join(src, manifest.icons.color))],
  [manifest.icons.outline, readFileSync(path.join(src, manifest.icons.outline))],
];

mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, zip(files));
console.log(`wrote ${path.relative(root, out)} (${files.map(([n]) => n).join(', ')})`);

/** Deflated entries with a fixed date (1980-01-01, the zip epoch), so the package is byte-identical between builds. */
function zip(entries) {
  const mtime = new Date(1980, 0, 1);
  return Buffer.from(zipSync(Object.fromEntries(entries.map(([name, data]) => [name, [new Uint8Array(data), { level: 9, mtime }]]))));
}
