import { Hono } from 'hono';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PACKAGE_ROOT } from '../store/paths.js';
import type { SlackWorkspace } from './slack/workspace.js';

const WEB_DIR = join(PACKAGE_ROOT, 'src', 'sandbox', 'web');
const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.html': 'text/html; charset=utf-8' };

/**
 * Nothing on the page comes from anywhere but this server, no inline script or style runs, and the page cannot be
 * framed: mention text is attacker-controlled, so even a rendering slip must not be able to run code.
 */
export const SANDBOX_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = { 'content-security-policy': SANDBOX_CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY', 'cache-control': 'no-store' };

/** The page, its scripts and styles, the bundled Adaptive Cards renderer, and files uploaded to the workspace. */
export function pageRoutes(ws: SlackWorkspace, token: string): Hono {
  const app = new Hono();
  const require = createRequire(import.meta.url);
  const adaptiveCardsDir = dirname(require.resolve('adaptivecards/package.json'));

  app.get('/', async (c) => {
    const html = (await readFile(join(WEB_DIR, 'index.html'), 'utf8')).replace('__SANDBOX_TOKEN__', token);
    return c.body(html, 200, { 'content-type': TYPES['.html']!, ...SECURITY_HEADERS });
  });
  app.get('/sandbox/web/:file', async (c) => {
    const file = c.req.param('file');
    // Only flat names from our own folder: no path can climb out of it.
    const ext = /^[a-z0-9-]+(\.[a-z]+)$/.exec(file)?.[1];
    if (!ext || !TYPES[ext] || ext === '.html') return c.text('not found', 404);
    const body = await readFile(join(WEB_DIR, file)).catch(() => null);
    if (!body) return c.text('not found', 404);
    return c.body(body, 200, { 'content-type': TYPES[ext]!, ...SECURITY_HEADERS });
  });
  app.get('/sandbox/vendor/adaptivecards.js', async (c) =>
    c.body(await readFile(join(adaptiveCardsDir, 'dist', 'adaptivecards.min.js')), 200, { 'content-type': TYPES['.js']!, ...SECURITY_HEADERS }),
  );
  app.get('/sandbox/files/:id', (c) => {
    const f = ws.files.get(c.req.param('id'));
    if (!f?.bytes) return c.text('not found', 404);
    return c.body(new Uint8Array(f.bytes), 200, { 'content-type': f.contentType, 'content-disposition': `inline; filename="${f.name.replace(/[^\w.-]/g, '_')}"`, ...SECURITY_HEADERS });
  });
  return app;
}
