// Search and filtered-list latency at a steady 200 requests/s (evenly spaced), against
// a bare Fastify route at the same rate (baseline), then the highest rate that keeps p99 ≤ 50 ms.
//   npx tsx bench/search.ts [--orgs 100000] [--seconds 15] [--pg]
import { cpus, loadavg } from 'node:os';
import { arg, maxRate, ON_PG, report, startBare, startPlatform, steadyLoad } from './common.ts';

const orgs = arg('orgs', 100_000);
const seconds = arg('seconds', 15);
const TARGET_P99_MS = 50;

const SEARCHES = ['储能', '锂离子电池', '创新药', '软件', '人工智能', '医疗器械', '集成电路', '新材料', '精密', '厦门', '科技有限公司', '生物', '检测', '智能制造', '储能电池', '体外诊断', '工业软件', '光伏', '半导体', '氢能'];
const LISTS = [
  '/api/orgs?district=huli&sort=revenue&order=desc',
  '/api/orgs?kind=enterprise&revenueMin=2000000000&sort=employees',
  '/api/orgs?qualification=hnte&district=siming',
  '/api/orgs?industry=38&staffMin=50&staffMax=300',
  '/api/orgs?district=jimei&page=5&pageSize=50',
  '/api/orgs?revenueMin=50000000&revenueMax=200000000&sort=name',
];

const platform = await startPlatform(orgs);
const bare = await startBare();
const bareBase = bare.base;

console.log(`\n${orgs} organisations on ${ON_PG ? 'PostgreSQL' : 'PGlite'}, ${seconds} s per run, requests evenly spaced, target p99 ≤ ${TARGET_P99_MS} ms; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores`);
const searchPaths = SEARCHES.map((q) => `/api/orgs?q=${encodeURIComponent(q)}`);
// Warm up caches and the JIT before measuring: each path once, one at a time (a first answer
// computes and caches the sorted list), then 15 s at the measured rate. The first major garbage
// collection after start-up (the read model of 100,000 organisations is ~300 MB) comes 20–35 s
// after start; its marking threads share the 2 cores, and with a 3 s warm-up it landed in the
// measured runs as one stall of 0.3–1.3 s (server and load generator traced: no long pause,
// no recomputed answer). A server runs for days: its steady state is what the target is about.
for (const path of [...searchPaths, ...LISTS]) await fetch(platform.base + path, { headers: { cookie: platform.cookie } }).then((r) => r.arrayBuffer());
await steadyLoad(platform.base, [...searchPaths, ...LISTS], { rate: 200, seconds: 15, cookie: platform.cookie });

const baseline = await steadyLoad(bareBase, ['/baseline'], { rate: 200, seconds });
report('baseline: bare Fastify route', baseline);
const search = await steadyLoad(platform.base, searchPaths, { rate: 200, seconds, cookie: platform.cookie });
report('search /api/orgs?q=…', search, baseline);
const list = await steadyLoad(platform.base, LISTS, { rate: 200, seconds, cookie: platform.cookie });
report('filtered list /api/orgs?…', list, baseline);

console.log('\nhighest rate meeting the target:');
const rates = [5, 10, 25, 50, 100, 200, 400, 800];
const bestSearch = await maxRate((rate) => steadyLoad(platform.base, searchPaths, { rate, seconds, cookie: platform.cookie }), rates, TARGET_P99_MS, 'search');
const bestList = await maxRate((rate) => steadyLoad(platform.base, LISTS, { rate, seconds, cookie: platform.cookie }), rates, TARGET_P99_MS, 'list');
console.log(`\nsearch: ${search.p99 <= TARGET_P99_MS ? 'MEETS' : 'MISSES'} p99 ≤ ${TARGET_P99_MS} ms at 200/s; highest passing rate ${bestSearch?.rate ?? 'none'}/s`);
console.log(`list:   ${list.requests > 0 && list.errors === 0 && list.p99 <= TARGET_P99_MS ? 'MEETS' : 'MISSES'} p99 ≤ ${TARGET_P99_MS} ms at 200/s; highest passing rate ${bestList?.rate ?? 'none'}/s`);
await bare.stop();
await platform.close();
