// The organisation list in memory: one small entry per organisation (sort keys, filters,
// latest facts, active qualifications, its search vector as PostgreSQL stores it) plus
// token postings, so /api/orgs lists, filters, sorts, searches and pages without touching
// the database. It answers exactly what the SQL path (listOrgsSql) answers — the same
// matches, the same ts_rank scores, the same order — or it declines (returns null) and the
// SQL path answers: near-match (trigram) searches, a tsquery that is not a plain AND of
// prefixes, a database whose text collation is not code-point order, while (re)building.
//
// Freshness. Triggers on orgs, org_facts and org_qualifications (migration 0007) send
// NOTIFY luchuang_orgs with the changed organisation ids ('*' for more than 100) when the
// writing transaction commits, whoever writes (this node, another node, psql). Each node
// LISTENs; before answering it reloads the rows named since its last answer. On PGlite the
// notification arrives with the committing query's own response, so a read always sees
// every committed write. On PostgreSQL a node first sends one round trip on its listening
// connection: the server delivers every notification committed before that query runs,
// so a read sees every write committed before the read began, on any node. A lost
// listening connection marks the model stale (SQL answers) until it reconnects and rebuilds.
import pg from 'pg';
import { asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Ctx } from '../../server/context.ts';
import type { Database, Db } from '../../server/db.ts';
import { industryCodes } from './industry.ts';
import type { z } from 'zod';
import { OrgListItemSchema, orgFacts, orgQualifications, orgs, type Org, type OrgListQuery } from './registry.schema.ts';

export const ORGS_CHANNEL = 'luchuang_orgs';
const CHUNK = 5_000;
/** More dirty rows than this: rebuild everything in the background instead. */
const MAX_DIRTY = 5_000;
const RESULT_CACHE = 32;

// The model is built for the garbage collector as much as for the queries: 100,000 organisations
// held as objects with pointers everywhere (lexeme strings, posting lists of entries, a year
// object per year) took V8 ~200 ms to mark in every major collection, and on 2 cores that
// marking stalled requests by 200-400 ms once a minute under load. Search vectors and years
// live in typed arrays shared by the entries loaded together (the collector does not look
// inside them), postings are entry slots, qualifications and repeated strings are shared:
// the collector has far fewer objects and pointers to follow.

/** One year of an organisation's facts, as loaded (then packed into an entry's `nums`). */
interface Year { y: number; revenue: number | null; employees: number | null }
type Qual = { kind: ListItem['qualifications'][number]; expiresOn: string | null };

interface Entry {
  /** Position in `index.slots`; posting lists hold slots, not entries. */
  slot: number;
  id: string;
  uscc: string;
  name: string;
  kind: Org['kind'];
  district: Org['district'];
  industryCode: string | null;
  listed: boolean;
  synthetic: boolean;
  registeredOn: string | null;
  updatedUs: number;
  formerNames: string[];
  /**
   * Search vector at vec[v…]: the number of lexemes n, their ids (LEXEMES) in PostgreSQL's (byte)
   * order, n + 1 offsets, then the positions (weight in the low two bits; -1: none); the
   * positions of lexeme i are pos[off[i]..off[i+1]). `vec` is shared by the entries loaded together.
   */
  vec: Int32Array;
  v: number;
  /** Years at nums[y…], newest first, three numbers each: fiscal year, revenue, employees (NaN when null). */
  nums: Float64Array;
  y: number;
  yearCount: number;
  /** Shared objects (one per kind and expiry), and one shared empty list. */
  quals: Qual[];
  alive: boolean;
  stamp: number;
}

export type ListItem = z.infer<typeof OrgListItemSchema>;

/** What the caller may see, as a cache-key part: everything, one district, one organisation or nothing. */
function scopeOf(ctx: Ctx): string {
  const a = ctx.actor;
  return ctx.system ? 'all' : !a ? 'none' : a.role === 'bureau_admin' ? 'all' : a.role === 'district_officer' ? `d:${a.district}` : a.role === 'org_user' ? `o:${a.orgId}` : 'none';
}

// ---------- PostgreSQL's text ordering and ts_rank, reproduced ----------

/** UTF-8 byte order (= code point order) of two strings; JS `<` orders UTF-16 units instead. */
export function byteCompare(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800) x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
    if (y >= 0xd800) y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    return x - y;
  }
  return a.length - b.length;
}

/**
 * Parses tsvector output ('lex':1,5 'it''s':3A) and appends it to `out` in the layout of
 * Entry.vec: count, lexeme ids, offsets, positions (weight in the low two bits).
 */
function parseVector(text: string, out: number[]): void {
  const lex: number[] = [];
  const off: number[] = [0];
  const pos: number[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === ' ') { i++; continue; }
    // text[i] === "'"
    let word = '';
    i++;
    for (;;) {
      const ch = text[i];
      if (ch === '\\') { word += text[i + 1]; i += 2; continue; }
      if (ch === "'") {
        if (text[i + 1] === "'") { word += "'"; i += 2; continue; }
        i++;
        break;
      }
      word += ch;
      i++;
    }
    lex.push(lexemeId(word));
    if (text[i] === ':') {
      i++;
      for (;;) {
        let p = 0;
        while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) p = p * 10 + text.charCodeAt(i++) - 48;
        const w = text[i] === 'A' ? 3 : text[i] === 'B' ? 2 : text[i] === 'C' ? 1 : 0;
        if (w || text[i] === 'D') i++;
        pos.push(p * 4 + w);
        if (text[i] === ',') { i++; continue; }
        break;
      }
    } else {
      pos.push(-1); // no positions
    }
    off.push(pos.length);
  }
  out.push(lex.length);
  for (const x of lex) out.push(x);
  for (const x of off) out.push(x);
  for (const x of pos) out.push(x);
}

/** Every lexeme seen, by id; ids are never reused, so an entry's ids stay valid across rebuilds. */
const LEXEMES: string[] = [];
const lexemeIds = new Map<string, number>();
function lexemeId(s: string): number {
  let id = lexemeIds.get(s);
  if (id === undefined) {
    id = LEXEMES.push(s) - 1;
    lexemeIds.set(s, id);
  }
  return id;
}

const interned = new Map<string, string>();
/** One string object for each repeated value (industry codes, dates). */
function intern<T extends string | null>(s: T): T {
  if (s === null) return s;
  const have = interned.get(s);
  if (have !== undefined) return have as T;
  if (interned.size < 100_000) interned.set(s, s);
  return s;
}
const NO_STRINGS: string[] = [];
const NO_QUALS: Qual[] = [];
const quals = new Map<string, Qual>();
function qual(kind: Qual['kind'], expiresOn: string | null): Qual {
  const key = `${kind} ${expiresOn}`;
  let q = quals.get(key);
  if (q === undefined) {
    q = { kind, expiresOn };
    if (quals.size < 100_000) quals.set(key, q);
  }
  return q;
}

const f32 = Math.fround;
const WEIGHTS = [f32(0.1), f32(0.2), f32(0.4), f32(1.0)];
const MAXENTRYPOS = 1 << 14;

function wordDistance(w: number): number {
  if (w > 100) return f32(1e-30);
  return f32(1.0 / (1.005 + 0.05 * Math.exp(f32(w) / 1.5 - 2)));
}

/** Where an entry's vector parts start in `vec`: lexeme ids, offsets, positions. */
const lexAt = (e: Entry) => e.v + 1;
const offAt = (e: Entry) => e.v + 1 + e.vec[e.v];
const posAt = (e: Entry) => e.v + 2 + 2 * e.vec[e.v];

/** First entry of `e` with prefix `p` and how many follow (find_wordentry for a prefix operand). */
function prefixRange(e: Entry, p: string): [number, number] {
  const vec = e.vec;
  const n = vec[e.v];
  const at = lexAt(e);
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byteCompare(LEXEMES[vec[at + mid]], p) < 0) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < n && LEXEMES[vec[at + end]].startsWith(p)) end++;
  return [lo, end - lo];
}

/** ts_rank(vector, 'o1:* & o2:* …') with the default weights and no normalisation, in float4 as PostgreSQL computes it. */
function tsRank(e: Entry, ops: string[]): number {
  if (e.vec[e.v] === 0 || ops.length === 0) return 0;
  const res = ops.length >= 2 ? rankAnd(e, ops) : rankOr(e, ops);
  return res < 0 ? f32(1e-20) : res;
}

const NO_POSITIONS = [(MAXENTRYPOS - 1) * 4];
function positionsOf(e: Entry, i: number): { p: ArrayLike<number>; from: number; n: number; isNull: boolean } {
  const o = offAt(e);
  const from = posAt(e) + e.vec[o + i];
  const n = e.vec[o + i + 1] - e.vec[o + i];
  return e.vec[from] === -1 ? { p: NO_POSITIONS, from: 0, n: 1, isNull: true } : { p: e.vec, from, n, isNull: false };
}

function rankAnd(e: Entry, ops: string[]): number {
  let res = f32(-1);
  const pos: ({ p: ArrayLike<number>; from: number; n: number; isNull: boolean } | null)[] = ops.map(() => null);
  for (let i = 0; i < ops.length; i++) {
    const [first, count] = prefixRange(e, ops[i]);
    for (let en = first; en < first + count; en++) {
      const cur = positionsOf(e, en);
      pos[i] = cur;
      for (let k = 0; k < i; k++) {
        const other = pos[k];
        if (!other) continue;
        for (let l = 0; l < cur.n; l++) {
          const a = cur.p[cur.from + l];
          for (let p = 0; p < other.n; p++) {
            const b = other.p[other.from + p];
            let dist = Math.abs((a >> 2) - (b >> 2));
            if (dist || cur.isNull || other.isNull) {
              if (!dist) dist = MAXENTRYPOS;
              const curw = f32(Math.sqrt(f32(f32(WEIGHTS[a & 3] * WEIGHTS[b & 3]) * wordDistance(dist))));
              res = res < 0 ? curw : f32(1.0 - (1.0 - res) * (1.0 - curw));
            }
          }
        }
      }
    }
  }
  return res;
}

function rankOr(e: Entry, ops: string[]): number {
  let res = f32(0);
  for (const op of ops) {
    const [first, count] = prefixRange(e, op);
    for (let en = first; en < first + count; en++) {
      const vec = e.vec;
      const o = offAt(e);
      const from = posAt(e) + vec[o + en];
      const isNull = vec[from] === -1;
      const n = isNull ? 1 : vec[o + en + 1] - vec[o + en];
      let resj = f32(0);
      let wjm = f32(-1);
      let jm = 0;
      for (let j = 0; j < n; j++) {
        const w = isNull ? WEIGHTS[0] : WEIGHTS[vec[from + j] & 3];
        resj = f32(resj + f32(w / ((j + 1) * (j + 1))));
        if (w > wjm) { wjm = w; jm = j; }
      }
      res = f32(res + f32(f32(wjm + resj) - f32(wjm / ((jm + 1) * (jm + 1)))) / 1.64493406685);
    }
  }
  return f32(res / ops.length);
}

/** Operands of a tsquery's text form when it is a plain AND of prefix terms ('a':* & 'b':*), else null. */
function parseAndOfPrefixes(text: string): string[] | null {
  const ops: string[] = [];
  const re = /'((?:[^'\\]|''|\\.)*)':\*/y;
  let i = 0;
  while (i < text.length) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) return null;
    ops.push(m[1].replace(/''/g, "'").replace(/\\(.)/g, '$1'));
    i = re.lastIndex;
    if (i === text.length) break;
    if (text.slice(i, i + 3) !== ' & ') return null;
    i += 3;
  }
  // SortAndUniqItems: byte order, duplicates removed.
  const sorted = ops.sort(byteCompare);
  return sorted.filter((o, k) => k === 0 || o !== sorted[k - 1]);
}

// ---------- the model ----------

type Row = {
  id: string; uscc: string; name: string; kind: Org['kind']; district: Org['district']; industryCode: string | null;
  listed: boolean; synthetic: boolean; registeredOn: string | null; updatedUs: string; formerNames: string[]; vector: string | null;
};

interface Index {
  byId: Map<string, Entry>;
  byUscc: Map<string, Entry>;
  byFormerName: Map<string, Entry[]>;
  /** Every entry added, by slot (dead ones too, until compact renumbers). */
  slots: Entry[];
  /** Lexeme → slots of the entries holding it. */
  postings: Map<string, number[]>;
  /** Posting keys, sorted (UTF-16 order is enough: a prefix's keys are contiguous in any lexicographic order). */
  keys: string[];
  dead: number;
}

function emptyIndex(): Index {
  return { byId: new Map(), byUscc: new Map(), byFormerName: new Map(), slots: [], postings: new Map(), keys: [], dead: 0 };
}

export class OrgReadModel {
  private index: Index = emptyIndex();
  private ready = false;
  private stale = true;
  private rebuilding: Promise<void> | null = null;
  /** Bumped whenever everything must be reloaded; a rebuild that saw it change goes again. */
  private staleGen = 0;
  private dirty = new Set<string>();
  private reloading: Promise<void> | null = null;
  private version = 0;
  private stampSeq = 0;
  private sorted = new Map<string, { version: number; entries: Entry[] }>();
  private cache = new Map<string, { version: number; entries: Entry[]; scores: Map<Entry, number> | null }>();
  private sqlAnswers = new Map<string, { version: number; answer: unknown }>();
  private tsqueries = new Map<string, string[] | null>();
  private codePointCollation = false;
  private listener: pg.Client | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(private database: Database, private log: FastifyBaseLogger) {}

  get db(): Db {
    return this.database.db;
  }

  async start(): Promise<void> {
    const [c] = await this.db.execute(sql`select datcollate as c, datlocprovider as p from pg_database where datname = current_database()`)
      .then((r) => (r as unknown as { rows: { c: string; p: string }[] }).rows);
    // Names sort in code-point order under C/POSIX/C.UTF-8 (libc) and the builtin provider.
    this.codePointCollation = c.p === 'b' || /^(C|POSIX|C\.utf-?8)$/i.test(c.c);
    await this.listen();
    this.rebuilding = this.rebuildLoop();
    await this.rebuilding;
    if (!this.ready) throw new Error('organisation read model: first build failed');
  }

  async stop(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.unlisten?.().catch(() => {});
    await this.listener?.end().catch(() => {});
    await this.rebuilding?.catch(() => {});
    await this.reloading?.catch(() => {});
  }

  private onNotify = (payload: string | undefined) => {
    if (!payload) return;
    if (payload === '*') this.markStale();
    else for (const id of payload.split(',')) this.dirty.add(id);
    if (this.dirty.size > MAX_DIRTY) this.markStale();
  };

  private markStale() {
    this.staleGen++;
    this.stale = true;
    this.dirty.clear();
    this.cache.clear();
    if (!this.rebuilding && this.ready && !this.closed) this.rebuilding = this.rebuildLoop();
  }

  private async listen(): Promise<void> {
    if (this.database.kind === 'pglite') {
      const client = (this.db as unknown as { $client: { listen(ch: string, cb: (p: string) => void): Promise<() => Promise<void>> } }).$client;
      this.unlisten = await client.listen(ORGS_CHANNEL, this.onNotify);
      return;
    }
    const pool = (this.db as unknown as { $client: pg.Pool }).$client;
    const client = new pg.Client((pool as unknown as { options: pg.ClientConfig }).options);
    const lost = (err?: Error) => {
      if (this.listener !== client) return;
      this.listener = null;
      client.end().catch(() => {});
      if (this.closed) return;
      this.log.warn({ err }, 'organisation read model: lost its listening connection; SQL answers until it is back');
      this.stale = true;
      this.cache.clear();
      this.reconnectTimer = setTimeout(() => {
        this.reconnectTimer = null;
        this.listen().then(() => this.markStale()).catch(() => lost());
      }, 1_000);
      this.reconnectTimer.unref();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (n) => this.onNotify(n.payload));
    this.listener = client;
    await client.connect();
    await client.query(`listen ${ORGS_CHANNEL}`);
  }

  private async rebuildLoop(): Promise<void> {
    try {
      while (!this.closed) {
        const gen = this.staleGen;
        await this.rebuild();
        if (gen === this.staleGen) {
          this.stale = false;
          break;
        }
      }
    } catch (err) {
      if (!this.closed) this.log.error({ err }, 'organisation read model: rebuild failed; SQL answers');
    } finally {
      this.rebuilding = null;
    }
  }

  /** Loads every organisation into a fresh index, then swaps it in. */
  private async rebuild(): Promise<void> {
    this.dirty.clear();
    const index = emptyIndex();
    let after: string | null = null;
    for (;;) {
      const rows = await this.loadRows(after ? gt(orgs.id, after) : undefined, CHUNK);
      if (rows.length === 0) break;
      after = rows.at(-1)!.id;
      for (const e of rows) add(index, e);
      if (rows.length < CHUNK) break;
    }
    index.keys = [...index.postings.keys()].sort();
    this.index = index;
    this.sorted.clear();
    this.cache.clear();
    this.version++;
    this.ready = true;
  }

  /** Organisations (a range by id, or the given ids) with their years and active-or-not qualifications. */
  private async loadRows(where: ReturnType<typeof eq> | undefined, limit?: number): Promise<Entry[]> {
    const base = this.db.select({
      id: orgs.id, uscc: orgs.uscc, name: orgs.name, kind: orgs.kind, district: orgs.district, industryCode: orgs.industryCode,
      listed: orgs.listed, synthetic: orgs.synthetic, registeredOn: orgs.registeredOn,
      updatedUs: sql<string>`((extract(epoch from ${orgs.updatedAt}) * 1000000)::int8)::text`,
      formerNames: orgs.formerNames, vector: sql<string | null>`${orgs.searchVector}::text`,
    }).from(orgs).where(where).orderBy(asc(orgs.id));
    const rows: Row[] = limit ? await base.limit(limit) : await base;
    if (rows.length === 0) return [];
    const first = rows[0].id;
    const last = rows.at(-1)!.id;
    const ids = rows.map((r) => r.id);
    const scope = limit ? sql`${orgFacts.orgId} between ${first} and ${last}` : inArray(orgFacts.orgId, ids);
    const qscope = limit ? sql`${orgQualifications.orgId} between ${first} and ${last}` : inArray(orgQualifications.orgId, ids);
    const facts = await this.db.select({ orgId: orgFacts.orgId, y: orgFacts.fiscalYear, revenue: orgFacts.revenue, employees: orgFacts.employees })
      .from(orgFacts).where(scope);
    const quals = await this.db.select({ orgId: orgQualifications.orgId, kind: orgQualifications.kind, expiresOn: orgQualifications.expiresOn })
      .from(orgQualifications).where(qscope);
    // One typed array of vectors and one of years for all these rows.
    const vectors: number[] = [];
    const starts: number[] = [];
    for (const r of rows) {
      starts.push(vectors.length);
      parseVector(r.vector ?? '', vectors);
    }
    const vec = Int32Array.from(vectors);
    const byOrg = new Map<string, Year[]>();
    for (const f of facts) {
      const list = byOrg.get(f.orgId);
      const y = { y: f.y, revenue: f.revenue ?? null, employees: f.employees ?? null };
      if (list) list.push(y);
      else byOrg.set(f.orgId, [y]);
    }
    const nums = new Float64Array(facts.length * 3);
    let at = 0;
    const entries = new Map<string, Entry>();
    rows.forEach((r, i) => {
      const years = (byOrg.get(r.id) ?? []).sort((a, b) => b.y - a.y);
      const y = at;
      for (const x of years) {
        nums[at++] = x.y;
        nums[at++] = x.revenue ?? NaN;
        nums[at++] = x.employees ?? NaN;
      }
      entries.set(r.id, {
        slot: -1, id: r.id, uscc: r.uscc, name: r.name, kind: r.kind, district: r.district, industryCode: intern(r.industryCode), listed: r.listed,
        synthetic: r.synthetic, registeredOn: intern(r.registeredOn), updatedUs: Number(r.updatedUs), formerNames: r.formerNames.length ? r.formerNames : NO_STRINGS,
        vec, v: starts[i], nums, y, yearCount: years.length, quals: NO_QUALS, alive: true, stamp: 0,
      });
    });
    for (const q of quals) {
      const e = entries.get(q.orgId);
      if (e) e.quals = e.quals === NO_QUALS ? [qual(q.kind, q.expiresOn)] : [...e.quals, qual(q.kind, q.expiresOn)];
    }
    return [...entries.values()];
  }

  private pingInFlight: Promise<unknown> | null = null;
  private pingQueued: Promise<unknown> | null = null;

  /**
   * A round trip on the listening connection: every NOTIFY committed before it was sent has
   * arrived when it returns. Callers share pings (the connection runs one query at a time): a
   * caller joins the queued ping, which is sent after the one in flight; that one may have left
   * before the caller asked, so it does not count for it.
   */
  private flushNotifications(listener: pg.Client): Promise<unknown> {
    if (this.pingQueued) return this.pingQueued;
    if (!this.pingInFlight) return this.sendPing(listener);
    this.pingQueued = this.pingInFlight.catch(() => {}).then(() => {
      this.pingQueued = null;
      return this.sendPing(listener);
    });
    return this.pingQueued;
  }

  private sendPing(listener: pg.Client): Promise<unknown> {
    const ping: Promise<unknown> = listener.query('select 1').finally(() => {
      if (this.pingInFlight === ping) this.pingInFlight = null;
    });
    this.pingInFlight = ping;
    return ping;
  }

  /** Brings the model up to date with every write committed before this call; false when it cannot answer. */
  private async catchUp(): Promise<boolean> {
    if (!this.ready || this.closed) return false;
    if (this.database.kind === 'postgresql') {
      const listener = this.listener;
      if (!listener) return false;
      try {
        await this.flushNotifications(listener);
      } catch {
        return false;
      }
    }
    for (let round = 0; round < 4; round++) {
      if (this.stale) return false;
      if (this.reloading) {
        await this.reloading;
        continue;
      }
      if (this.dirty.size === 0) return true;
      const ids = [...this.dirty];
      this.dirty.clear();
      this.reloading = this.reload(ids).finally(() => {
        this.reloading = null;
      });
    }
    return !this.stale && this.dirty.size === 0 && !this.reloading;
  }

  private async reload(ids: string[]): Promise<void> {
    const index = this.index;
    try {
      const fresh = await this.loadRows(inArray(orgs.id, ids));
      // Rebuilt meanwhile: these rows may be older than the new index's; read them again later.
      if (this.index !== index || this.stale) {
        for (const id of ids) this.dirty.add(id);
        return;
      }
      const found = new Set(fresh.map((e) => e.id));
      for (const id of ids) if (!found.has(id)) remove(index, index.byId.get(id));
      let newKeys = false;
      for (const e of fresh) {
        remove(index, index.byId.get(e.id));
        newKeys = add(index, e) || newKeys;
      }
      if (newKeys) index.keys = [...index.postings.keys()].sort();
      if (index.dead > 1_000 && index.dead > index.byId.size / 4) compact(index);
      this.version++;
      this.cache.clear();
    } catch (err) {
      if (this.closed) return;
      this.log.error({ err }, 'organisation read model: reload failed; rebuilding');
      this.markStale();
    }
  }

  private async operands(tokens: string[]): Promise<string[] | null> {
    const key = tokens.join('\u0000');
    if (this.tsqueries.has(key)) return this.tsqueries.get(key)!;
    // PostgreSQL parses the query words exactly as the SQL path's to_tsquery does.
    const [r] = await this.db.execute(sql`select to_tsquery('simple', ${tokens.map((t) => `${t}:*`).join(' & ')})::text as q`)
      .then((x) => (x as unknown as { rows: { q: string }[] }).rows);
    const ops = parseAndOfPrefixes(r.q);
    if (this.tsqueries.size > 5_000) this.tsqueries.clear();
    this.tsqueries.set(key, ops);
    return ops;
  }

  /** Settles any rebuild or reload in progress; true when the model then answers. */
  async whenCurrent(): Promise<boolean> {
    for (let i = 0; i < 20 && (this.rebuilding || this.reloading); i++) await (this.rebuilding ?? this.reloading);
    return this.catchUp();
  }

  /** The list page, or null when the SQL path must answer. */
  async list(ctx: Ctx, q: OrgListQuery, tokens: string[]): Promise<{ total: number; items: ListItem[] } | null> {
    if (!this.ready) return null;
    const text = q.q?.trim();
    const sortKey = q.sort ?? (text ? 'relevance' : 'name');
    if (!this.codePointCollation && sortKey === 'name') return null;
    const ops = tokens.length ? await this.operands(tokens) : [];
    if (ops === null) return null;
    if (!(await this.catchUp())) return null;
    const today = ctx.now().toISOString().slice(0, 10);
    const scope = scopeOf(ctx);
    const dir = q.order ?? (sortKey === 'name' ? 'asc' : 'desc');
    const key = JSON.stringify([scope, text ?? null, ops, q.kind, q.district, q.industry, q.qualification, q.year, q.revenueMin, q.revenueMax, q.staffMin, q.staffMax, q.synthetic, sortKey, dir, q.qualification ? today : null]);
    let hit = this.cache.get(key);
    if (!hit || hit.version !== this.version) {
      const computed = this.compute(q, scope, text, ops, today, sortKey, dir);
      if (computed === null) return null;
      hit = { version: this.version, ...computed };
      this.cache.delete(key);
      this.cache.set(key, hit);
      if (this.cache.size > RESULT_CACHE) this.cache.delete(this.cache.keys().next().value!);
    }
    const total = hit.entries.length;
    const page = hit.entries.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
    return {
      total,
      items: page.map((e) => {
        const at = yearAt(e, q.year);
        const kinds = [...new Set(e.quals.filter((x) => x.expiresOn === null || x.expiresOn >= today).map((x) => x.kind))].sort(byteCompare);
        return {
          id: e.id, uscc: e.uscc, name: e.name, kind: e.kind, district: e.district, industryCode: e.industryCode, listed: e.listed,
          synthetic: e.synthetic, registeredOn: e.registeredOn, fiscalYear: at < 0 ? null : e.nums[at], revenue: factAt(e, at, REVENUE), employees: factAt(e, at, EMPLOYEES),
          qualifications: kinds, score: hit.scores ? hit.scores.get(e) ?? null : null,
        };
      }),
    };
  }

  /**
   * The SQL path's answer to a query the model declined (above all near-match searches, which
   * scan every name), kept until the data next changes: a search box re-asks the same query.
   */
  async viaSql<T>(ctx: Ctx, q: OrgListQuery, run: () => Promise<T>): Promise<T> {
    if (!this.ready || !(await this.catchUp())) return run();
    const key = JSON.stringify([scopeOf(ctx), q, ctx.now().toISOString().slice(0, 10)]);
    const version = this.version;
    const hit = this.sqlAnswers.get(key);
    if (hit && hit.version === version) return hit.answer as T;
    const answer = await run();
    // A change seen meanwhile may or may not be in the answer: do not keep it.
    if (this.version === version) {
      this.sqlAnswers.delete(key);
      this.sqlAnswers.set(key, { version, answer });
      if (this.sqlAnswers.size > RESULT_CACHE) this.sqlAnswers.delete(this.sqlAnswers.keys().next().value!);
    }
    return answer;
  }

  private compute(q: OrgListQuery, scope: string, text: string | undefined, ops: string[], today: string, sortKey: string, dir: 'asc' | 'desc') {
    if (scope === 'none') return { entries: [], scores: null };
    const index = this.index;
    const industry = q.industry ? industryPrefixes(q.industry) : null;
    const keep = (e: Entry): boolean => {
      if (!e.alive) return false;
      if (scope !== 'all' && (scope.startsWith('d:') ? e.district !== scope.slice(2) : e.id !== scope.slice(2))) return false;
      if (q.kind && e.kind !== q.kind) return false;
      if (q.district && e.district !== q.district) return false;
      if (industry && !(e.industryCode !== null && industry.some((p) => e.industryCode!.startsWith(p)))) return false;
      if (q.synthetic !== undefined && e.synthetic !== q.synthetic) return false;
      if (q.qualification && !e.quals.some((x) => x.kind === q.qualification && (x.expiresOn === null || x.expiresOn >= today))) return false;
      if (q.year !== undefined || q.revenueMin !== undefined || q.revenueMax !== undefined || q.staffMin !== undefined || q.staffMax !== undefined) {
        const at = yearAt(e, q.year);
        if (q.year !== undefined && at < 0) return false;
        const rev = factAt(e, at, REVENUE);
        const emp = factAt(e, at, EMPLOYEES);
        if (q.revenueMin !== undefined && !(rev !== null && rev >= q.revenueMin)) return false;
        if (q.revenueMax !== undefined && !(rev !== null && rev <= q.revenueMax)) return false;
        if (q.staffMin !== undefined && !(emp !== null && emp >= q.staffMin)) return false;
        if (q.staffMax !== undefined && !(emp !== null && emp <= q.staffMax)) return false;
      }
      return true;
    };

    let entries: Entry[];
    let scores: Map<Entry, number> | null = null;
    if (text) {
      const stamp = ++this.stampSeq;
      const candidates: Entry[] = [];
      const take = (e: Entry | undefined) => {
        if (e && e.alive && e.stamp !== stamp) {
          e.stamp = stamp;
          candidates.push(e);
        }
      };
      if (ops.length) {
        // Entries holding a lexeme with the rarest operand's prefix, then checked for the others.
        const lists = ops.map((op) => postingsWithPrefix(index, op));
        const sizes = lists.map((ls) => ls.reduce((n, l) => n + l.length, 0));
        const rarest = sizes.indexOf(Math.min(...sizes));
        const others = ops.filter((_, i) => i !== rarest);
        for (const list of lists[rarest]) {
          for (const slot of list) {
            const e = index.slots[slot];
            if (e.stamp === stamp || !e.alive) continue;
            if (others.every((op) => prefixRange(e, op)[1] > 0)) take(e);
          }
        }
      }
      take(index.byUscc.get(text.toUpperCase()));
      for (const e of index.byFormerName.get(text) ?? []) take(e);
      entries = candidates.filter(keep);
      if (entries.length === 0) return null; // near matches: the SQL path's trigram search
      const upper = text.toUpperCase();
      scores = new Map(entries.map((e) => [e, (ops.length ? tsRank(e, ops) : 0) + (e.uscc === upper ? 10 : 0)]));
    } else {
      entries = [];
      for (const e of this.presorted(sortKey)) if (keep(e)) entries.push(e);
    }
    if (text || sortKey === 'revenue' || sortKey === 'employees') {
      entries = sortEntries(entries, sortKey, dir, q.year, scores);
    } else if (dir === 'desc') {
      entries = reverseKeepingTies(entries, sortKey);
    }
    return { entries, scores };
  }

  /** All live entries in ascending order of a plain column (name, registeredOn, updatedAt), uscc breaking ties; nulls last. */
  private presorted(sortKey: string): Entry[] {
    const k = ['name', 'registeredOn', 'updatedAt'].includes(sortKey) ? sortKey : 'name';
    const have = this.sorted.get(k);
    if (have && have.version === this.version) return have.entries;
    const live = [...this.index.byId.values()];
    const entries = sortEntries(live, k, 'asc', undefined, null);
    this.sorted.set(k, { version: this.version, entries });
    return entries;
  }
}

/** Where in `e.nums` the newest year, or the given one, of an entry's facts starts; -1 if none. */
function yearAt(e: Entry, year: number | undefined): number {
  for (let i = e.y; i < e.y + 3 * e.yearCount; i += 3) if (year === undefined || e.nums[i] === year) return i;
  return -1;
}
/** The fact at `offset` (1 revenue, 2 employees) of the year at `at`; null when none. */
function factAt(e: Entry, at: number, offset: 1 | 2): number | null {
  const v = at < 0 ? NaN : e.nums[at + offset];
  return Number.isNaN(v) ? null : v;
}
const REVENUE = 1;
const EMPLOYEES = 2;

/** Sort value of an entry: null sorts last in both directions. */
function sortValue(e: Entry, key: string, year: number | undefined, scores: Map<Entry, number> | null): number | string | null {
  switch (key) {
    case 'relevance': return scores ? scores.get(e) ?? null : null;
    case 'name': return e.name;
    case 'registeredOn': return e.registeredOn;
    case 'updatedAt': return e.updatedUs;
    case 'revenue': return factAt(e, yearAt(e, year), REVENUE);
    default: return factAt(e, yearAt(e, year), EMPLOYEES);
  }
}

function compareValues(a: number | string, b: number | string): number {
  return typeof a === 'number' ? a - (b as number) : byteCompare(a, b as string);
}

function sortEntries(entries: Entry[], key: string, dir: 'asc' | 'desc', year: number | undefined, scores: Map<Entry, number> | null): Entry[] {
  const keyed = entries.map((e) => ({ e, v: sortValue(e, key, year, scores) }));
  const sign = dir === 'asc' ? 1 : -1;
  keyed.sort((x, y) => {
    if (x.v !== y.v) {
      if (x.v === null) return 1;
      if (y.v === null) return -1;
      const c = compareValues(x.v, y.v);
      if (c !== 0) return sign * c;
    }
    return x.e.uscc < y.e.uscc ? -1 : x.e.uscc > y.e.uscc ? 1 : 0;
  });
  return keyed.map((k) => k.e);
}

/** Descending order from an ascending list: groups of equal values keep uscc ascending; nulls stay last. */
function reverseKeepingTies(asc: Entry[], key: string): Entry[] {
  const value = (e: Entry) => sortValue(e, key, undefined, null);
  let nullsFrom = asc.length;
  while (nullsFrom > 0 && value(asc[nullsFrom - 1]) === null) nullsFrom--;
  const out: Entry[] = [];
  let end = nullsFrom;
  while (end > 0) {
    let start = end - 1;
    const v = value(asc[start]);
    while (start > 0 && value(asc[start - 1]) === v) start--;
    for (let i = start; i < end; i++) out.push(asc[i]);
    end = start;
  }
  for (let i = nullsFrom; i < asc.length; i++) out.push(asc[i]);
  return out;
}

/** The industry filter's code prefixes: digits as given, or a section letter's divisions. */
function industryPrefixes(input: string): string[] {
  const m = /^([A-Za-z])?(\d*)$/.exec(input.trim());
  if (!m) return [];
  if (m[2]) return [m[2]];
  return [...industryCodes().values()].filter((c) => c.level === 'division' && c.parent === m[1].toUpperCase()).map((c) => c.code);
}

function postingsWithPrefix(index: Index, p: string): number[][] {
  const keys = index.keys;
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid] < p) lo = mid + 1;
    else hi = mid;
  }
  const out: number[][] = [];
  for (let i = lo; i < keys.length && keys[i].startsWith(p); i++) out.push(index.postings.get(keys[i])!);
  return out;
}

/** Adds an entry; true when it brought a lexeme the index did not have. */
function add(index: Index, e: Entry): boolean {
  let newKeys = false;
  e.slot = index.slots.push(e) - 1;
  index.byId.set(e.id, e);
  index.byUscc.set(e.uscc, e);
  for (const n of e.formerNames) {
    const list = index.byFormerName.get(n);
    if (list) list.push(e);
    else index.byFormerName.set(n, [e]);
  }
  const at = lexAt(e);
  for (let i = 0; i < e.vec[e.v]; i++) {
    const l = LEXEMES[e.vec[at + i]];
    const list = index.postings.get(l);
    if (list) list.push(e.slot);
    else {
      index.postings.set(l, [e.slot]);
      newKeys = true;
    }
  }
  return newKeys;
}

/** Marks an entry dead; postings drop it lazily (compact). */
function remove(index: Index, e: Entry | undefined) {
  if (!e || !e.alive) return;
  e.alive = false;
  index.dead++;
  index.byId.delete(e.id);
  if (index.byUscc.get(e.uscc) === e) index.byUscc.delete(e.uscc);
  for (const n of e.formerNames) {
    const list = index.byFormerName.get(n)!.filter((x) => x !== e);
    if (list.length) index.byFormerName.set(n, list);
    else index.byFormerName.delete(n);
  }
}

/** Drops dead entries: live ones get new slots, in the same order, and the postings follow. */
function compact(index: Index) {
  const slots: Entry[] = [];
  const renumbered: number[] = [];
  for (const e of index.slots) {
    renumbered.push(e.alive ? slots.length : -1);
    if (e.alive) {
      e.slot = slots.length;
      slots.push(e);
    }
  }
  index.slots = slots;
  for (const [k, list] of index.postings) {
    const live: number[] = [];
    for (const s of list) if (renumbered[s] >= 0) live.push(renumbered[s]);
    if (live.length) index.postings.set(k, live);
    else index.postings.delete(k);
  }
  index.keys = [...index.postings.keys()].sort();
  index.dead = 0;
}

// ---------- one model per database handle ----------

const models = new WeakMap<Db, { model: OrgReadModel; refs: number }>();

/** Builds the model for this database and keeps it current until the returned stop() is called. */
export async function startOrgReadModel(database: Database, log: FastifyBaseLogger): Promise<() => Promise<void>> {
  const have = models.get(database.db);
  if (have) {
    have.refs++;
  } else {
    const model = new OrgReadModel(database, log);
    const started = Date.now();
    await model.start();
    models.set(database.db, { model, refs: 1 });
    log.info({ ms: Date.now() - started }, 'organisation read model built');
  }
  return async () => {
    const m = models.get(database.db);
    if (!m || --m.refs > 0) return;
    models.delete(database.db);
    await m.model.stop();
  };
}

/** The model answering for this handle (none inside a transaction: it must see its own writes). */
export function readModelFor(db: unknown): OrgReadModel | undefined {
  return models.get(db as Db)?.model;
}
