import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as a fake platform sees it. */
export interface TFakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  /** The body parsed as JSON (loosely typed: fakes probe request bodies the way a server would). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- fakes read arbitrary client JSON
  json(): any;
  /** The body parsed as a form. */
  form(): URLSearchParams;
}

export interface TFakeResponse {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as they are. */
  body?: unknown;
}

/**
 * A real HTTP server on 127.0.0.1 port 0 for a fake platform API. Records every request so tests can assert
 * the exact calls a connector made.
 */
export async function startJsonServer(handle: (req: TFakeRequest) => TFakeResponse | Promise<TFakeResponse>) {
  const requests: TFakeRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    const fr: TFakeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      json: () => (body ? JSON.parse(body) : null),
      form: () => new URLSearchParams(body),
    };
    requests.push(fr);
    let out: TFakeResponse;
    try {
      out = await handle(fr);
    } catch (err) {
      out = { status: 500, body: { error: 'FakeFailure', message: (err as Error).message } };
    }
    const headers = { ...out.headers };
    let payload = '';
    if (typeof out.body === 'string') payload = out.body;
    else if (out.body !== undefined) {
      payload = JSON.stringify(out.body);
      headers['content-type'] ??= 'application/json; charset=utf-8';
    }
    res.writeHead(out.status, headers);
    res.end(payload);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
