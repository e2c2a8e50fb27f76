/**
 * A small closed-loop HTTP load generator over keep-alive sockets (node:http, lighter than fetch): `concurrency`
 * workers each send the next request as soon as their last one is answered. Bounded by count; loopback only.
 */
import http from 'node:http';

export interface TLoadResult {
  n: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  statuses: Record<number, number>;
}

export interface TRequestSpec {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

const quantile = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;

export function send(agent: http.Agent, port: number, spec: TRequestSpec): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: spec.method, path: spec.path, agent, headers: { ...spec.headers, ...(spec.body !== undefined && { 'content-length': Buffer.byteLength(spec.body) }) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(spec.body);
  });
}

export async function load(port: number, n: number, concurrency: number, make: (i: number) => TRequestSpec): Promise<TLoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const lat: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const spec = make(next++);
        const s = performance.now();
        const r = await send(agent, port, spec).catch(() => ({ status: 0, body: '' }));
        lat.push(performance.now() - s);
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  lat.sort((a, b) => a - b);
  return { n, seconds, perSecond: n / seconds, p50Ms: quantile(lat, 0.5), p99Ms: quantile(lat, 0.99), maxMs: lat.at(-1) ?? 0, statuses };
}
