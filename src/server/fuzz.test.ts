// Hostile input: property-based fuzzing of every API route taken from the app's own OpenAPI
// document. For each generated request (a bureau administrator, an organisation user or an
// anonymous caller; wrong types, huge strings, deep nesting, unicode edge cases, SQL and script
// payloads, path traversal in path parameters) the app must answer without a 5xx, and every
// error must be problem+json carrying a stable code from src/server/errors.ts.
//
// Default: 2,000 requests (bounded for the shared machine). FUZZ_RUNS=10000 for the figure;
// FUZZ_SEED=<n> replays a run.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckChar } from '../lib/uscc.ts';
import { createOrg } from '../modules/registry/registry.service.ts';
import { createTestApp, type Client, type TestApp } from '../test/harness.ts';
import { ERRORS } from './errors.ts';

// Read once here (a test knob, not app configuration).
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  maxLength?: number;
  format?: string;
}

interface Operation {
  method: string;
  path: string;
  params: { name: string; in: 'path' | 'query' | 'header' | 'cookie'; schema?: JsonSchema }[];
  body?: JsonSchema;
  multipart: boolean;
}

/** Routes that end the caller's own session: fuzzing them would only log the fuzzer out. */
const SKIP = new Set(['POST /api/auth/logout']);

let t: TestApp;
let operations: Operation[] = [];
let clients: Record<'bureau_admin' | 'org_user' | 'anonymous', Client>;
let realUscc = '';
let bodyLimit = 0;

beforeAll(async () => {
  t = await createTestApp({ env: { LOG_LEVEL: process.env.FUZZ_LOG ?? 'silent' } });
  bodyLimit = t.config.bodyLimit;
  realUscc = withCheckChar('91350203MA8FUZZ0Q');
  await createOrg(t.ctx, { uscc: realUscc, name: '模糊测试科技有限公司（示例）', kind: 'enterprise', district: 'siming', formerNames: [], listed: false, contacts: [], keywords: [], mainProducts: [] });
  clients = { bureau_admin: await t.as('bureau_admin'), org_user: await t.as('org_user'), anonymous: await t.client() };
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, { parameters?: Operation['params']; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
  };
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api') && !path.startsWith('/open-data')) continue;
    if (path.startsWith('/api/docs')) continue;
    for (const [method, op] of Object.entries(item)) {
      const key = `${method.toUpperCase()} ${path}`;
      if (SKIP.has(key) || method === 'head') continue;
      const content = op.requestBody?.content ?? {};
      operations.push({
        method: method.toUpperCase(), path, params: op.parameters ?? [],
        body: content['application/json']?.schema, multipart: 'multipart/form-data' in content,
      });
    }
  }
}, 120_000);
afterAll(() => t?.close());

// ---- hostile values ----

const HOSTILE_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\uD800', '\uDFFF', 'x\uDBFFy', '\u202Eevil\u202C', '\u200F\u200E', '\uFEFF', '\u2028\u2029',
  '🧪🏳️‍🌈', 'Z̷̢̛a̸͎l̵g̶o̴', '\u0301', '\r\n\t', '%00', '%2e%2e%2f', '..', '../../../../etc/passwd', '..\\..\\windows\\win.ini',
  '/etc/passwd', 'file:///etc/passwd', "' OR '1'='1", "'; DROP TABLE users; --", '1; SELECT pg_sleep(5)', '" OR ""="', '\\', '\\\\',
  '$1', '%s%s%s%n', '{{7*7}}', '${7*7}', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)',
  '=cmd|\' /C calc\'!A0', '@SUM(1+1)', '+1+1', '-1-1', '__proto__', 'constructor', 'null', 'undefined', 'NaN', 'true', '[]', '{}',
  '-1', '0', '99999999999999999999999', '1e309', '2026-02-30', '9999-12-31T23:59:59Z', '0000-00-00', '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff', '91350203MA8FUZZ0QX', '厦门市科学技术局', 'ـــ', 'İ', 'ß', 'ǅ',
];

const hostileString = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...HOSTILE_STRINGS), fc.integer({ min: 1, max: 2000 })).map(([s, n]) => (s || 'x').repeat(n)) },
);

const hostileNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, -(2 ** 53), Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, 5e-324, 0.1, 9.999),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Nested arrays or objects, depth 10..20,000; kept as a marker and expanded in the serialised body. */
class Deep {
  constructor(readonly depth: number, readonly arrays: boolean) {}
  toJSON() {
    return `__DEEP_${this.depth}_${this.arrays ? 'a' : 'o'}__`;
  }
  [fc.toStringMethod]() {
    return `Deep(${this.depth}, ${this.arrays ? 'arrays' : 'objects'})`;
  }
}
const deepNesting = fc.tuple(fc.integer({ min: 10, max: 20_000 }), fc.boolean()).map(([depth, arrays]) => new Deep(depth, arrays));

function serialise(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(/"__DEEP_(\d+)_([ao])__"/g, (_, n: string, kind: string) => {
    const depth = Number(n);
    return kind === 'a' ? `${'['.repeat(depth)}"leaf"${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}"leaf"${'}'.repeat(depth)}`;
  });
}

const anyHostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { __proto__: { admin: true } }, { constructor: { prototype: { x: 1 } } }) },
  { weight: 1, arbitrary: deepNesting },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** Percent-encoding that also carries lone surrogates (as their raw, invalid UTF-8 bytes). */
function enc(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '\uFFFD')) + '%ED%A0%80';
  }
}

function alternatives(s: JsonSchema): JsonSchema[] {
  return [...(s.anyOf ?? []), ...(s.oneOf ?? [])];
}

/** A value that fits the schema's shape but carries hostile leaves, or (sometimes) the wrong type. */
function valueFor(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return anyHostile;
  const alts = alternatives(schema);
  if (alts.length) return fc.oneof(...alts.map((a) => valueFor(a, depth + 1)));
  if (schema.allOf?.length) return valueFor(schema.allOf[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  let fitting: fc.Arbitrary<unknown>;
  if (schema.enum) fitting = fc.oneof(fc.constantFrom(...schema.enum), hostileString);
  else if (type === 'string') fitting = hostileString;
  else if (type === 'integer' || type === 'number') fitting = hostileNumber;
  else if (type === 'boolean') fitting = fc.boolean();
  else if (type === 'array') fitting = fc.array(valueFor(schema.items, depth + 1), { maxLength: 5 });
  else if (type === 'object' || schema.properties) {
    const props = schema.properties ?? {};
    const keys = Object.keys(props);
    const record = fc.record(Object.fromEntries(keys.map((k) => [k, valueFor(props[k], depth + 1)])), { requiredKeys: schema.required?.filter((k) => keys.includes(k)) ?? [] });
    fitting = fc.oneof({ weight: 4, arbitrary: record }, { weight: 1, arbitrary: record.map((r) => ({ ...r, ['x\u0000extra']: '<script>alert(1)</script>' })) });
  } else fitting = anyHostile;
  return fc.oneof({ weight: 5, arbitrary: fitting }, { weight: 1, arbitrary: anyHostile });
}

/** Path parameters: traversal strings, encoded slashes, unicode, near-valid ids, and sometimes a real one. */
const pathValue = fc.oneof(
  { weight: 3, arbitrary: hostileString.map((s) => enc(s.slice(0, 300))) },
  { weight: 2, arbitrary: fc.constantFrom('..%2F..%2Fetc%2Fpasswd', '%2e%2e', '..', '.', '%00', '%ZZ', '%', '%c0%ae%c0%ae', '%252e%252e%252f', 'a%2Fb', '%F0%9F%A7%AA', '%ED%A0%80') },
  { weight: 2, arbitrary: fc.uuid().map(String) },
  { weight: 1, arbitrary: fc.constantFrom('1', '-1', '2024', '99999999999999999999', '1.5', '0x10', 'tech_leader', 'matrix_chain', '2024-manufacturing') },
  { weight: 1, arbitrary: fc.constant('__REAL_USCC__') },
);

function queryArb(op: Operation): fc.Arbitrary<string> {
  const q = op.params.filter((p) => p.in === 'query');
  const known = q.length
    ? fc.record(Object.fromEntries(q.map((p) => [p.name, valueFor(p.schema)])), { requiredKeys: [] })
    : fc.constant({});
  return fc.tuple(known, fc.boolean(), hostileString).map(([values, extra, junk]) => {
    const parts = Object.entries(values).map(([k, v]) => `${enc(k)}=${enc(typeof v === 'string' ? v : serialise(v)).slice(0, 4000)}`);
    if (extra) parts.push(`${enc(junk.slice(0, 50) || 'x')}=${enc(junk.slice(0, 200))}`, 'a[b][c]=1', 'limit=-1');
    return parts.length ? `?${parts.join('&')}` : '';
  });
}

type Payload = { kind: 'json'; value: unknown } | { kind: 'raw'; text: string; contentType: string };

function bodyArb(op: Operation): fc.Arbitrary<Payload | null> {
  if (op.method === 'GET' || op.method === 'DELETE') return fc.constant(null);
  const huge = fc.constantFrom(bodyLimit - 64, bodyLimit + 1, Math.floor(bodyLimit / 2)).map((n): Payload => {
    const key = Object.keys(op.body?.properties ?? { name: 1 })[0] ?? 'name';
    return { kind: 'raw', text: JSON.stringify({ [key]: 'é'.repeat(Math.max(0, Math.floor(n / 2) - 20)) }), contentType: 'application/json' };
  });
  const raw = fc.constantFrom<Payload>(
    { kind: 'raw', text: '{"a":', contentType: 'application/json' },
    { kind: 'raw', text: '', contentType: 'application/json' },
    { kind: 'raw', text: '\u0000', contentType: 'application/json' },
    { kind: 'raw', text: '{"__proto__":{"isAdmin":true}}', contentType: 'application/json' },
    { kind: 'raw', text: '{"constructor":{"prototype":{"isAdmin":true}}}', contentType: 'application/json' },
    { kind: 'raw', text: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
    { kind: 'raw', text: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', contentType: 'application/xml' },
    { kind: 'raw', text: 'not multipart', contentType: 'multipart/form-data; boundary=x' },
    { kind: 'raw', text: '--x\r\nContent-Disposition: form-data; name="file"; filename="../../../etc/passwd"\r\nContent-Type: text/plain\r\n\r\n=cmd|\' /C calc\'!A0\r\n--x--\r\n', contentType: 'multipart/form-data; boundary=x' },
    { kind: 'raw', text: '{"a":1}', contentType: 'text/plain' },
  );
  return fc.oneof(
    { weight: 8, arbitrary: valueFor(op.body).map((value): Payload => ({ kind: 'json', value })) },
    { weight: 2, arbitrary: anyHostile.map((value): Payload => ({ kind: 'json', value })) },
    { weight: 1, arbitrary: raw },
    { weight: 1, arbitrary: huge },
  );
}

const CODES = new Set(Object.keys(ERRORS));

describe('fuzzing every API route from the OpenAPI document', () => {
  it(`answers ${RUNS} hostile requests without a 5xx, errors as problem+json with a stable code`, async () => {
    expect(operations.length).toBeGreaterThan(100);
    const seen = new Set<string>();
    const statuses: Record<string, number> = {};
    let count = 0;
    const request = fc.integer({ min: 0, max: operations.length - 1 }).chain((i) => {
      const op = operations[i];
      const pathNames = op.params.filter((p) => p.in === 'path').map((p) => p.name);
      return fc.record({
        op: fc.constant(op),
        caller: fc.constantFrom('bureau_admin' as const, 'org_user' as const, 'anonymous' as const),
        path: fc.tuple(...pathNames.map(() => pathValue)).map((values) => {
          let url = op.path;
          pathNames.forEach((name, k) => {
            url = url.replace(`{${name}}`, values[k] === '__REAL_USCC__' ? realUscc : values[k] || 'x');
          });
          return url;
        }),
        query: queryArb(op),
        body: bodyArb(op),
      });
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ op, caller, path, query, body }) => {
        count++;
        seen.add(`${op.method} ${op.path}`);
        const c = clients[caller];
        const headers: Record<string, string> = {};
        let payload: string | undefined;
        if (body?.kind === 'json') {
          payload = serialise(body.value);
          headers['content-type'] = 'application/json';
        } else if (body?.kind === 'raw') {
          payload = body.text;
          headers['content-type'] = body.contentType;
        }
        const res = await c.request({ method: op.method as 'GET', url: path + query, headers, ...(payload !== undefined ? { payload } : {}) });
        const klass = `${Math.floor(res.statusCode / 100)}xx`;
        statuses[klass] = (statuses[klass] ?? 0) + 1;
        const where = `${op.method} ${path}${query.slice(0, 200)} as ${caller} → ${res.statusCode} ${res.body.slice(0, 300)}`;
        expect(res.statusCode, where).toBeLessThan(500);
        if (res.statusCode >= 400) {
          expect(String(res.headers['content-type']), where).toContain('application/problem+json');
          const problem = res.json() as { code?: string; status?: number };
          expect(CODES.has(problem.code ?? ''), `unknown code ${problem.code}: ${where}`).toBe(true);
          expect(problem.status, where).toBe(res.statusCode);
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    console.log(`fuzz: ${count} requests over ${seen.size} of ${operations.length} operations; status classes ${JSON.stringify(statuses)}`);
    expect(count).toBe(RUNS);
  }, 30 * 60_000);
});
