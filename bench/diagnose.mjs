// A diagnostic preload for latency hunts: every process started with it (the bench and the
// server it spawns inherit NODE_OPTIONS) prints to stderr, with epoch milliseconds to line the
// processes up: event-loop lags over 40 ms, garbage collections over 10 ms and, in the server,
// requests over 40 ms and PGlite queries or transactions over 30 ms (a transaction with the
// code that opened it). Pair it with BENCH_SLOW_MS, which prints slow requests with their due time.
//   NODE_OPTIONS="--import $PWD/bench/diagnose.mjs" BENCH_SLOW_MS=60 npx tsx bench/search.ts
import http from 'node:http';
import { PerformanceObserver } from 'node:perf_hooks';

const role = process.argv.slice(1).join(' ').includes(' serve') ? 'server' : 'bench';
const say = (line) => process.stderr.write(`[${role}] wall=${Date.now()} ${line}\n`);

let last = performance.now();
setInterval(() => {
  const now = performance.now();
  const lag = now - last - 10;
  if (lag > 40) say(`event-loop lag ${lag.toFixed(0)} ms`);
  last = now;
}, 10).unref();

const GC_KINDS = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weak callbacks' };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.duration > 10) say(`gc ${GC_KINDS[e.detail?.kind] ?? e.detail?.kind} ${e.duration.toFixed(0)} ms`);
}).observe({ entryTypes: ['gc'] });

if (role === 'server') {
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (event, req, res) {
    if (event === 'request') {
      const started = performance.now();
      res.on('finish', () => {
        const took = performance.now() - started;
        if (took > 40) say(`request ${took.toFixed(0)} ms ${req.method} ${req.url}`);
      });
    }
    return emit.apply(this, arguments);
  };
  const { PGlite } = await import('@electric-sql/pglite');
  for (const method of ['query', 'exec', 'transaction']) {
    const original = PGlite.prototype[method];
    PGlite.prototype[method] = async function (...args) {
      const started = performance.now();
      const opener = method === 'transaction' ? new Error().stack.split('\n').slice(2, 6).map((l) => l.trim()).join(' < ') : '';
      try {
        return await original.apply(this, args);
      } finally {
        const took = performance.now() - started;
        if (took > 30) say(`pglite ${method} ${took.toFixed(0)} ms ${opener || String(args[0]).replace(/\s+/g, ' ').slice(0, 120)}`);
      }
    };
  }
}
