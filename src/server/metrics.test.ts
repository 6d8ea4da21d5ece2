// GET /api/metrics: Prometheus text, counted per route group and status class, readable by a
// bureau administrator or with the METRICS_TOKEN bearer, by no one else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { BUCKETS } from './metrics.ts';

const TOKEN = 'metrics-token-0123456789abcdef';
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { METRICS_TOKEN: TOKEN } });
});
afterAll(() => t.close());

/** Parses the text format into `name{labels}` → value, checking every line's shape on the way. */
function parse(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.trimEnd().split('\n')) {
    if (line.startsWith('#')) {
      expect(line).toMatch(/^# (HELP|TYPE) luchuang_[a-z_]+ .+$/);
      continue;
    }
    const m = /^(luchuang_[a-z_]+(?:\{[^}]*\})?) (-?[0-9.e+-]+)$/.exec(line);
    expect(m, `bad sample line: ${line}`).not.toBeNull();
    out.set(m![1], Number(m![2]));
  }
  return out;
}

describe('GET /api/metrics', () => {
  it('counts requests per route group and status class, with a cumulative latency histogram', async () => {
    const anon = await t.client();
    for (let i = 0; i < 3; i++) await anon.get('/api/health');
    await anon.get('/api/policies/00000000-0000-4000-8000-000000000000');
    await anon.get('/api/nowhere');
    const admin = await t.as('bureau_admin');
    const res = await admin.get('/api/metrics');
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toContain('text/plain; version=0.0.4');
    const m = parse(res.body);
    expect(m.get('luchuang_http_requests_total{method="GET",group="health",status="2xx"}')).toBe(3);
    expect(m.get('luchuang_http_requests_total{method="GET",group="policies",status="4xx"}')).toBe(1);
    expect(m.get('luchuang_http_requests_total{method="GET",group="unmatched",status="4xx"}')).toBe(1);
    const labels = 'method="GET",group="health",status="2xx"';
    const buckets = BUCKETS.map((le) => m.get(`luchuang_http_request_duration_seconds_bucket{${labels},le="${le}"}`)!);
    for (let i = 1; i < buckets.length; i++) expect(buckets[i]).toBeGreaterThanOrEqual(buckets[i - 1]);
    expect(m.get(`luchuang_http_request_duration_seconds_bucket{${labels},le="+Inf"}`)).toBe(3);
    expect(m.get(`luchuang_http_request_duration_seconds_count{${labels}}`)).toBe(3);
    expect(m.get(`luchuang_http_request_duration_seconds_sum{${labels}}`)).toBeGreaterThan(0);
    expect(m.get('luchuang_process_memory_bytes{kind="rss"}')).toBeGreaterThan(10 * 1024 * 1024);
    expect(m.get('luchuang_event_loop_lag_seconds{quantile="0.99"}')).toBeGreaterThanOrEqual(0);
    expect(m.get(`luchuang_database_up{kind="${t.database.kind}"}`)).toBe(1);
    expect(m.get('luchuang_database_ping_seconds')).toBeGreaterThan(0);
    if (t.database.kind === 'postgresql') expect(m.get('luchuang_database_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
  });

  it('is closed to everyone else, unless they hold the METRICS_TOKEN', async () => {
    const anon = await t.client();
    expect((await anon.get('/api/metrics')).json().code).toBe('auth.required');
    for (const role of ['district_officer', 'org_user', 'reviewer'] as const) {
      expect((await (await t.as(role)).get('/api/metrics')).json().code).toBe('auth.forbidden');
    }
    expect((await anon.get('/api/metrics', { authorization: `Bearer ${TOKEN}x` })).statusCode).toBe(401);
    expect((await anon.get('/api/metrics', { authorization: `Basic ${TOKEN}` })).statusCode).toBe(401);
    const ok = await anon.get('/api/metrics', { authorization: `Bearer ${TOKEN}` });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('# TYPE luchuang_http_requests_total counter');
    // The token opens only the metrics, nothing else.
    expect((await anon.get('/api/users', { authorization: `Bearer ${TOKEN}` })).statusCode).toBe(401);
  });

  it('refuses every bearer when no METRICS_TOKEN is configured', async () => {
    const plain = await createTestApp();
    try {
      const res = await plain.app.inject({ method: 'GET', url: '/api/metrics', headers: { authorization: 'Bearer ' } });
      expect(res.statusCode).toBe(401);
    } finally {
      await plain.close();
    }
  });
});
