import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SOCIAL_USAGE } from '../../../src/bot/slack/commands/usage.js';
import { slackManifest } from '../../../src/manifests/slack-manifest.js';
import { PACKAGE_ROOT } from '../../../src/store/paths.js';

const manifest = parse(readFileSync(path.join(PACKAGE_ROOT, 'manifests/slack/manifest.yaml'), 'utf8'));
const slackDir = path.join(PACKAGE_ROOT, 'src/bot/slack');
const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? files(path.join(dir, f)) : [path.join(dir, f)]));
const source = files(slackDir).map((f) => readFileSync(f, 'utf8')).join('\n');

/** Which bot scope each Web API method needs (Slack's method reference); methods absent here need none. */
const SCOPE_FOR: Record<string, string> = {
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'conversations.open': 'im:write',
  // channels:history for public channels; groups:history (also in the manifest) for private ones.
  'conversations.history': 'channels:history',
  'files.getUploadURLExternal': 'files:write',
  'files.completeUploadExternal': 'files:write',
  'files.uploadV2': 'files:write',
};
const NO_SCOPE = new Set(['views.open', 'views.update', 'views.push', 'auth.test']);
/** Bot events each `app.event(...)` listener needs to receive. */
const EVENTS_FOR: Record<string, string[]> = { message: ['message.channels', 'message.groups'] };

describe('Slack manifest', () => {
  it('lists a scope for every Web API method the code calls', () => {
    const methods = new Set([...source.matchAll(/client\.(chat|views|conversations|files|auth)\.(\w+)\(/g)].map((m) => `${m[1]}.${m[2]}`));
    expect(methods.size).toBeGreaterThan(3);
    for (const m of methods) {
      if (NO_SCOPE.has(m)) continue;
      expect(SCOPE_FOR[m], `scope for ${m} is unknown to this test`).toBeDefined();
      expect(manifest.oauth_config.scopes.bot).toContain(SCOPE_FOR[m]);
    }
  });

  it('has exactly the slash commands the code handles, documented in help', () => {
    const handled = [...source.matchAll(/app\.command\('([^']+)'/g)].map((m) => m[1]);
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command).sort()).toEqual(handled.sort());
    for (const c of manifest.features.slash_commands) expect(SOCIAL_USAGE).toContain(c.command);
    expect(manifest.oauth_config.scopes.bot).toContain('commands');
  });

  it('subscribes to every bot event the code listens for, and to nothing else', () => {
    const listened = [...source.matchAll(/app\.event\('([^']+)'/g)].map((m) => m[1]!);
    const needed = listened.flatMap((e) => EVENTS_FOR[e] ?? [e]).sort();
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(needed);
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['channels:history', 'groups:history']));
  });

  it('sends events, interactivity and commands to the one URL Earshot serves', () => {
    const urls = [manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url, ...manifest.features.slash_commands.map((c: { url: string }) => c.url)];
    for (const u of urls) expect(new URL(u).pathname).toBe('/slack/events');
    expect(readFileSync(path.join(PACKAGE_ROOT, 'src/server.ts'), 'utf8')).toContain("'/slack/events'");
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('the Socket Mode variant asks for the same scopes, events and command, and names no URL at all', () => {
    const socket = slackManifest({ socket: true }) as typeof manifest;
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(socket.oauth_config).toEqual(manifest.oauth_config);
    expect(socket.settings.event_subscriptions.bot_events).toEqual(manifest.settings.event_subscriptions.bot_events);
    expect(socket.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(manifest.features.slash_commands.map((c: { command: string }) => c.command));
    expect(socket.settings.interactivity.is_enabled).toBe(true);
    expect(JSON.stringify(socket)).not.toMatch(/https?:\/\//);
  });

  it('the HTTP variant keeps a proxy path prefix in front of /slack/events', () => {
    const http = slackManifest({ socket: false, baseUrl: 'https://acme.example/earshot' }) as typeof manifest;
    expect(http.settings.event_subscriptions.request_url).toBe('https://acme.example/earshot/slack/events');
  });
});
