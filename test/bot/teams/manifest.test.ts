import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CASE_VERBS } from '../../../src/bot/teams/cards/case-card.js';
import { CHAT_SUBCOMMANDS } from '../../../src/bot/views/chat-command.js';

const dir = path.resolve('manifests/teams');
const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));

/** Width, height, colour type and whether any pixel is see-through, read from the PNG itself. */
function pngInfo(buf: Buffer) {
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const colourType = buf[25];
  return { width, height, colourType };
}

/** The zip's entries by name, in central-directory order, read by fflate (a reader we did not write). */
function readZip(buf: Buffer): Map<string, Buffer> {
  return new Map(Object.entries(unzipSync(new Uint8Array(buf))).map(([name, data]) => [name, Buffer.from(data)]));
}

describe('Teams app package', () => {
  it('the manifest has the fields Teams requires, on the current schema', () => {
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
    expect(Number(manifest.manifestVersion)).toBeGreaterThanOrEqual(1.19);
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.id).toMatch(/^[0-9a-f-]{36}$/);
    for (const k of ['name', 'websiteUrl', 'privacyUrl', 'termsOfUseUrl']) expect(manifest.developer[k]).toBeTruthy();
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.name.full.length).toBeLessThanOrEqual(100);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
    expect(manifest.accentColor).toMatch(/^#[0-9A-Fa-f]{6}$/);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
  });

  it('declares one bot in team, personal and group-chat scope whose command list is exactly what it answers', () => {
    expect(manifest.bots).toHaveLength(1);
    const bot = manifest.bots[0];
    expect(bot.botId).toBe(manifest.id);
    expect(bot.scopes).toEqual(['team', 'personal', 'groupChat']);
    for (const list of bot.commandLists) {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      expect(list.commands.map((c: { title: string }) => c.title)).toEqual([...CHAT_SUBCOMMANDS]);
      for (const c of list.commands) {
        expect(c.title.length).toBeLessThanOrEqual(32);
        expect(c.description.length).toBeLessThanOrEqual(128);
      }
    }
    expect(new Set(bot.commandLists.flatMap((l: { scopes: string[] }) => l.scopes))).toEqual(new Set(bot.scopes));
    // Card verbs are not commands: nothing in the manifest needs to list them, but they must stay distinct.
    expect(new Set(Object.values(CASE_VERBS)).size).toBe(Object.values(CASE_VERBS).length);
  });

  it('icons: a 192×192 colour icon and a 32×32 white-on-transparent outline', () => {
    expect(pngInfo(readFileSync(path.join(dir, 'color.png')))).toMatchObject({ width: 192, height: 192 });
    const outline = readFileSync(path.join(dir, 'outline.png'));
    expect(pngInfo(outline)).toEqual({ width: 32, height: 32, colourType: 6 });
    // Every pixel is white or fully transparent (IDAT rows use filter 0, as our generator writes them).
    const idat = outline.subarray(outline.indexOf('IDAT') + 4, outline.indexOf('IEND') - 8);
    const raw = inflateSync(idat);
    const kinds = new Set<string>();
    for (let y = 0; y < 32; y++) {
      expect(raw[y * 129]).toBe(0);
      for (let x = 0; x < 32; x++) {
        const [r, g, b, a] = raw.subarray(y * 129 + 1 + x * 4, y * 129 + 5 + x * 4);
        kinds.add(a === 0 ? 'transparent' : r === 255 && g === 255 && b === 255 && a === 255 ? 'white' : 'other');
      }
    }
    expect(kinds).toEqual(new Set(['transparent', 'white']));
  });

  it('npm run package:teams builds a zip with the manifest (app id substituted) and both icons at its root', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'earshot-teams-')), 'earshot-teams.zip');
    try {
      const appId = '5b9e2a7c-1f3d-4e8a-9c6b-2d4f6a8b0c1e';
      execFileSync(process.execPath, ['scripts/package-teams.mjs'], { env: { ...process.env, TEAMS_APP_ID: appId, TEAMS_PACKAGE_OUT: out }, stdio: 'pipe' });
      const files = readZip(readFileSync(out));
      expect([...files.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
      const packed = JSON.parse(files.get('manifest.json')!.toString('utf8'));
      expect(packed.id).toBe(appId);
      expect(packed.bots[0].botId).toBe(appId);
      expect(files.get('color.png')).toEqual(readFileSync(path.join(dir, 'color.png')));
      expect(files.get('outline.png')).toEqual(readFileSync(path.join(dir, 'outline.png')));
      // A fixed entry date: building again gives the same bytes.
      const first = readFileSync(out);
      execFileSync(process.execPath, ['scripts/package-teams.mjs'], { env: { ...process.env, TEAMS_APP_ID: appId, TEAMS_PACKAGE_OUT: out }, stdio: 'pipe' });
      expect(readFileSync(out).equals(first)).toBe(true);
      expect(() => execFileSync(process.execPath, ['scripts/package-teams.mjs'], { env: { ...process.env, TEAMS_APP_ID: 'nope', TEAMS_PACKAGE_OUT: out }, stdio: 'pipe' })).toThrow();
    } finally {
      rmSync(path.dirname(out), { recursive: true, force: true });
    }
  });
});
