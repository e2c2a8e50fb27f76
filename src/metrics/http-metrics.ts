import type { TSample } from './prometheus.js';

/** In-process counter of HTTP requests by route pattern (never the raw path: ids would explode cardinality). */
export class HttpMetrics {
  private readonly counts = new Map<string, number>();

  record(method: string, route: string, status: number): void {
    const key = JSON.stringify([method, route, String(status)]);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  samples(): TSample[] {
    return [...this.counts].map(([key, value]) => {
      const [method, route, status] = JSON.parse(key) as [string, string, string];
      return { labels: { method, route, status }, value };
    });
  }
}
