#!/usr/bin/env node
// Builds dist/earshot-teams.zip, the package a Teams admin sideloads: manifest.json and both icons at the
// zip's root. TEAMS_APP_ID (the Azure Bot's Microsoft App ID) replaces the placeholder app and bot ids.
// A minimal zip writer (deflate + CRC-32) keeps this free of dependencies.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'manifests', 'teams');
// TEAMS_PACKAGE_OUT lets tests build elsewhere than the release location.
const out = process.env.TEAMS_PACKAGE_OUT ? path.resolve(process.env.TEAMS_PACKAGE_OUT) : path.join(root, 'dist', 'earshot-teams.zip');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const manifest = JSON.parse(readFileSync(path.join(src, 'manifest.json'), 'utf8'));
const appId = process.env.TEAMS_APP_ID?.trim();
// The committed manifest's id is a placeholder: a package carrying it installs, but Teams never reaches the bot.
if (!appId || appId === manifest.id) {
  console.error(`TEAMS_APP_ID must be set to the Azure Bot's Microsoft App ID${appId ? ', not the placeholder in manifests/teams/manifest.json' : ''}; or build the package with \`earshot manifest teams --url https://HOST --app-id GUID --out earshot-teams.zip\`.`);
  process.exit(1);
}
if (!GUID.test(appId)) {
  console.error('TEAMS_APP_ID must be the Azure Bot\'s Microsoft App ID (a GUID).');
  process.exit(1);
}
manifest.id = appId;
for (const bot of manifest.bots ?? []) bot.botId = appId;

const files = [
  ['manifest.json', Buffer.from(JSON.stringify(manifest, null, 2) + '\n')],
  [manifest.icons.color, readFileSync(path.join(src, manifest.icons.color))],
  [manifest.icons.outline, readFileSync(path.join(src, manifest.icons.outline))],
];

mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, zip(files));
console.log(`wrote ${path.relative(root, out)} (${files.map(([n]) => n).join(', ')})`);

function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  // 1980-01-01 00:00 in DOS format: a fixed date keeps the package byte-identical between builds.
  const dosTime = 0;
  const dosDate = (0 << 9) | (1 << 5) | 1;
  for (const [name, data] of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBuf, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}
