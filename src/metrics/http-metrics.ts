import type { MiddlewareHandler } from 'hono';
import type { TMetrics } from './registry.js';

/**
 * Counts and times every request by route pattern ("/webhooks/:connector"), never the raw path: ids in paths would
 * make one series per id. Requests no route matched share the label "unmatched".
 */
export function httpMetrics(metrics: TMetrics): MiddlewareHandler {
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = metrics.counter({ name: 'earshot_http_requests_total', help: 'HTTP requests handled, by method, route pattern and status.', labelNames });
  const duration = metrics.histogram({
    name: 'earshot_http_request_duration_seconds',
    help: 'Time from receiving a request to its response, by method, route pattern and status.',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  return async (c, next) => {
    const start = performance.now();
    await next();
    // routePath is the pattern that matched, or "/*" for the 404 fallback.
    const route = c.req.routePath && c.req.routePath !== '/*' ? c.req.routePath : 'unmatched';
    // Only the methods Earshot serves become labels; anything else a client sends is one bucket.
    const method = KNOWN_METHODS.has(c.req.method) ? c.req.method : 'OTHER';
    const labels = { method, route, status: String(c.res.status) };
    requests.inc(labels);
    duration.observe(labels, (performance.now() - start) / 1000);
  };
}

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
