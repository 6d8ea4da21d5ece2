// One route group of bench/load.ts in its own thread, so that load generation does not share the
// server's event loop. Every user is a keep-alive connection of its own that sends a request,
// waits for the answer, then thinks (a random pause around `thinkMs`) before the next one —
// closed loop per user, as people are. Latency is the answer's time; a server that falls behind
// shows as longer latencies and fewer requests than offered.
//
// Two kinds of user: 'cycle' walks a fixed list of requests; 'applicant' starts a draft in a call,
// saves the answers, saves the budget, opens it and submits it, then starts the next one.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

/** @type {{ base: string; name: string; users: { headers: Record<string, string>; requests?: { method: string; path: string; body?: string; label?: string }[]; applicant?: { callId: string; budgetCategory: string; fieldKey: string | null } }[]; thinkMs: number; seconds: number }} */
const job = workerData;
/** @type {Record<string, number[]>} */
const latencies = {};
let errors = 0;
let non2xx = 0;
/** @type {string[]} */
const firstFailures = [];
const until = performance.now() + job.seconds * 1000;

/** Sends one request; resolves with its status and body, or null on a connection error or timeout. */
function send(agent, headers, r) {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.request(job.base + r.path, {
      method: r.method, agent, timeout: 30_000,
      headers: { ...headers, ...(r.body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(r.body) } : {}) },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        (latencies[r.label ?? job.name] ??= []).push(performance.now() - started);
        const status = res.statusCode ?? 0;
        const body = Buffer.concat(chunks).toString();
        if (status < 200 || status > 299) {
          non2xx++;
          if (firstFailures.length < 5) firstFailures.push(`${r.method} ${r.path} → ${status} ${body.slice(0, 200)}`);
        }
        resolve({ status, body });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => {
      errors++;
      if (firstFailures.length < 5) firstFailures.push(`${r.method} ${r.path} → ${e.message}`);
      resolve(null);
    });
    if (r.body) req.write(r.body);
    req.end();
  });
}

const think = () => new Promise((r) => setTimeout(r, job.thinkMs * (0.5 + Math.random())));

async function runUser(u, n) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  // Users start spread over one think time, not all in the same millisecond.
  await new Promise((r) => setTimeout(r, Math.random() * job.thinkMs));
  let i = n;
  while (performance.now() < until) {
    if (u.requests) {
      await send(agent, u.headers, u.requests[i++ % u.requests.length]);
      await think();
      continue;
    }
    const a = u.applicant;
    const created = await send(agent, u.headers, { method: 'POST', label: 'start draft', path: '/api/programmes/applications', body: JSON.stringify({ callId: a.callId, title: `压力测试申报书（合成）${i++}` }) });
    if (created?.status !== 201) {
      await think();
      continue;
    }
    const id = JSON.parse(created.body).id;
    const steps = [
      { method: 'PATCH', label: 'save draft', path: `/api/programmes/applications/${id}`, body: JSON.stringify({ answers: a.fieldKey ? { [a.fieldKey]: '压力测试：高安全储能电池的研发与产业化（合成数据）。' } : {} }) },
      { method: 'PATCH', label: 'save draft', path: `/api/programmes/applications/${id}`, body: JSON.stringify({ budget: [{ category: a.budgetCategory, requestedFen: 10_000_000, selfFen: 10_000_000 }] }) },
      { method: 'GET', label: 'open application', path: `/api/programmes/applications/${id}` },
      { method: 'POST', label: 'submit', path: `/api/programmes/applications/${id}/submit` },
    ];
    for (const s of steps) {
      await think();
      if (performance.now() >= until) break;
      await send(agent, u.headers, s);
    }
    await think();
  }
  agent.destroy();
}

await Promise.all(job.users.map((u, n) => runUser(u, n)));
parentPort.postMessage({ name: job.name, users: job.users.length, latencies, errors, non2xx, firstFailures });
