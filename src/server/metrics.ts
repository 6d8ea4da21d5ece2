// GET /api/metrics in the Prometheus text format (0.0.4): request counts and a latency histogram
// per route group and status class, process memory, event-loop lag, and the database's status
// (kind, a ping's latency, the PostgreSQL pool). Counters live in this process: with several app
// nodes, scrape each node. Readable by a bureau administrator, or by a scraper presenting
// `Authorization: Bearer <METRICS_TOKEN>` (src/config.ts).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { VERSION } from '../version.ts';
import type { Database } from './db.ts';

/** Histogram buckets, in seconds. */
export const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Series {
  count: number;
  sum: number;
  buckets: number[];
}

/** The route group of a request: the path segment after /api (or `web`, `open-data`, `unmatched`). */
export function routeGroup(request: FastifyRequest): string {
  const pattern = request.routeOptions.url;
  if (!pattern) return 'unmatched';
  const parts = pattern.split('/').filter(Boolean);
  if (parts[0] === 'api') return (parts[1] ?? 'root').replace(/[^a-z0-9_-]/gi, '_');
  if (parts[0] === 'open-data') return 'open-data';
  return 'web';
}

export function installMetrics(app: FastifyInstance, database: Database) {
  const series = new Map<string, Series>();
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  app.addHook('onClose', async () => lag.disable());

  app.addHook('onResponse', async (request, reply) => {
    const key = `${request.method}\u0000${routeGroup(request)}\u0000${Math.floor(reply.statusCode / 100)}xx`;
    let s = series.get(key);
    if (!s) series.set(key, (s = { count: 0, sum: 0, buckets: BUCKETS.map(() => 0) }));
    const seconds = reply.elapsedTime / 1000;
    s.count++;
    s.sum += seconds;
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]) s.buckets[i]++;
  });

  return async function render(): Promise<string> {
    const out: string[] = [];
    const metric = (name: string, type: string, help: string) => out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    metric('luchuang_http_requests_total', 'counter', 'HTTP requests answered, by method, route group and status class.');
    const entries = [...series.entries()].sort(([a], [b]) => a.localeCompare(b));
    for (const [key, s] of entries) {
      const [method, group, status] = key.split('\u0000');
      out.push(`luchuang_http_requests_total{method="${method}",group="${group}",status="${status}"} ${s.count}`);
    }
    metric('luchuang_http_request_duration_seconds', 'histogram', 'Time to answer, by method, route group and status class.');
    for (const [key, s] of entries) {
      const [method, group, status] = key.split('\u0000');
      const labels = `method="${method}",group="${group}",status="${status}"`;
      BUCKETS.forEach((le, i) => out.push(`luchuang_http_request_duration_seconds_bucket{${labels},le="${le}"} ${s.buckets[i]}`));
      out.push(`luchuang_http_request_duration_seconds_bucket{${labels},le="+Inf"} ${s.count}`);
      out.push(`luchuang_http_request_duration_seconds_sum{${labels}} ${s.sum.toFixed(6)}`);
      out.push(`luchuang_http_request_duration_seconds_count{${labels}} ${s.count}`);
    }
    const mem = process.memoryUsage();
    metric('luchuang_process_memory_bytes', 'gauge', 'Process memory by kind (rss, heap_used, heap_total, external, array_buffers).');
    for (const [kind, v] of [['rss', mem.rss], ['heap_used', mem.heapUsed], ['heap_total', mem.heapTotal], ['external', mem.external], ['array_buffers', mem.arrayBuffers]] as const) {
      out.push(`luchuang_process_memory_bytes{kind="${kind}"} ${v}`);
    }
    metric('luchuang_process_uptime_seconds', 'gauge', 'Seconds since the process started.');
    out.push(`luchuang_process_uptime_seconds ${process.uptime().toFixed(1)}`);
    metric('luchuang_event_loop_lag_seconds', 'gauge', 'Event-loop delay since the previous scrape (p50, p99, max).');
    for (const [q, v] of [['0.5', lag.percentile(50)], ['0.99', lag.percentile(99)], ['1', lag.max]] as const) {
      out.push(`luchuang_event_loop_lag_seconds{quantile="${q}"} ${(Number.isFinite(v) ? v / 1e9 : 0).toFixed(6)}`);
    }
    lag.reset();

    metric('luchuang_database_up', 'gauge', 'Whether a trivial query succeeds (1) or not (0), by database kind.');
    const started = performance.now();
    let up = 1;
    try {
      await database.db.execute(sql`select 1`);
    } catch {
      up = 0;
    }
    out.push(`luchuang_database_up{kind="${database.kind}"} ${up}`);
    metric('luchuang_database_ping_seconds', 'gauge', 'Latency of that query.');
    out.push(`luchuang_database_ping_seconds ${((performance.now() - started) / 1000).toFixed(6)}`);
    const pool = (database.db as unknown as { $client?: { totalCount?: number; idleCount?: number; waitingCount?: number } }).$client;
    if (database.kind === 'postgresql' && typeof pool?.totalCount === 'number') {
      metric('luchuang_database_pool_connections', 'gauge', 'PostgreSQL pool connections (total, idle, waiting clients).');
      out.push(`luchuang_database_pool_connections{state="total"} ${pool.totalCount}`);
      out.push(`luchuang_database_pool_connections{state="idle"} ${pool.idleCount ?? 0}`);
      out.push(`luchuang_database_pool_connections{state="waiting"} ${pool.waitingCount ?? 0}`);
    }
    metric('luchuang_info', 'gauge', 'Version of the running release.');
    out.push(`luchuang_info{version="${VERSION}"} 1`);
    return `${out.join('\n')}\n`;
  };
}
