// Logical backup of every table in the public schema as gzip'd JSON lines. The same file
// restores on PGlite and on PostgreSQL (either way round), so it also moves a laptop's
// embedded database onto a server.
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { VERSION } from '../version.ts';
import { rows, schemaVersion, type Database, type DbOrTx } from './db.ts';

const FORMAT = 'luchuang-backup';
const FORMAT_VERSION = 1;
const BATCH = 2000;

export interface BackupHeader {
  format: typeof FORMAT;
  formatVersion: number;
  createdAt: string;
  appVersion: string;
  schemaVersion: number;
  source: Database['kind'];
  tables: { name: string; rows: number }[];
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

interface TableInfo {
  name: string;
  orderBy: string;
  /** Stored columns; generated ones are derived again on insert. */
  columns: string;
}

/**
 * Public tables, parents before children (by foreign keys, and the references a trigger checks),
 * each with a stable row order.
 * `cache_generations` is left out: restoring the data moves those generations on by itself.
 */
async function tablesInDependencyOrder(db: DbOrTx): Promise<TableInfo[]> {
  const tables = await rows<{ name: string; pk: string[] | null }>(db, sql`
    select c.relname::text as name,
      (select array_agg(a.attname::text order by k.ord) from pg_index i
         cross join unnest(i.indkey) with ordinality as k(attnum, ord)
         join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
        where i.indrelid = c.oid and i.indisprimary) as pk
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' and c.relname <> 'cache_generations' order by c.relname`);
  const edges = await rows<{ child: string; parent: string }>(db, sql`
    select c.relname::text as child, p.relname::text as parent from pg_constraint k
    join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
    join pg_namespace n on n.oid = c.relnamespace
    where k.contype = 'f' and n.nspname = 'public' and c.oid <> p.oid
    union
    -- References to organisations checked per statement by a trigger instead of a foreign key (migration 0028).
    select c.relname::text, 'orgs' from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_proc f on f.oid = t.tgfoid
    where f.proname = 'org_references_exist'`);
  const columns = await rows<{ tbl: string; cols: string[] }>(db, sql`
    select c.relname::text as tbl, array_agg(a.attname::text order by a.attnum) as cols
    from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_attribute a on a.attrelid = c.oid
    where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
    group by c.relname`);
  const ordered: TableInfo[] = [];
  const done = new Set<string>();
  const visit = (name: string, path: Set<string>) => {
    if (done.has(name) || path.has(name)) return;
    path.add(name);
    for (const e of edges) if (e.child === name) visit(e.parent, path);
    done.add(name);
    const t = tables.find((x) => x.name === name)!;
    const cols = t.pk?.length ? t.pk.map(ident).join(', ') : '1';
    const stored = columns.find((c) => c.tbl === name)!.cols.map(ident).join(', ');
    ordered.push({ name, orderBy: t.pk?.length ? cols : `${ident(name)}::text`, columns: stored });
  };
  for (const t of tables) visit(t.name, new Set());
  return ordered;
}

/** Writes the whole database, read in one consistent snapshot, to `file`. */
export async function backupDatabase(database: Database, file: string): Promise<BackupHeader> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`set transaction isolation level repeatable read, read only`);
    // Timestamps are written in UTC so the file is the same whichever server made it.
    await tx.execute(sql`set local timezone = 'UTC'`);
    const tables = await tablesInDependencyOrder(tx);
    const counts = [];
    for (const t of tables) {
      const [{ n }] = await rows<{ n: number }>(tx, sql.raw(`select count(*)::int as n from ${ident(t.name)}`));
      counts.push({ name: t.name, rows: n });
    }
    const header: BackupHeader = {
      format: FORMAT, formatVersion: FORMAT_VERSION, createdAt: new Date().toISOString(), appVersion: VERSION,
      schemaVersion: await schemaVersion(tx), source: database.kind, tables: counts,
    };
    async function* lines() {
      yield `${JSON.stringify(header)}\n`;
      for (const t of tables) {
        yield `${JSON.stringify({ table: t.name })}\n`;
        const cursor = `backup_${t.name}`;
        await tx.execute(sql.raw(`declare ${ident(cursor)} no scroll cursor for select row_to_json(t)::text as j from (select ${t.columns} from ${ident(t.name)} order by ${t.orderBy}) t`));
        for (;;) {
          const batch = await rows<{ j: string }>(tx, sql.raw(`fetch ${BATCH} from ${ident(cursor)}`));
          if (batch.length === 0) break;
          yield batch.map((r) => `${r.j}\n`).join('');
        }
        await tx.execute(sql.raw(`close ${ident(cursor)}`));
      }
    }
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file));
    return header;
  });
}

export class BackupError extends Error {}

/**
 * Replaces every row of the (migrated) database with the backup's, in one transaction:
 * either all of it is restored or nothing changes.
 */
export async function restoreDatabase(database: Database, file: string): Promise<BackupHeader> {
  const input = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const iterator = input[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) throw new BackupError('The backup file is empty.');
  let header: BackupHeader;
  try {
    header = JSON.parse(first.value);
  } catch {
    throw new BackupError('Not a Luchuang backup file (bad header).');
  }
  if (header.format !== FORMAT || header.formatVersion !== FORMAT_VERSION) throw new BackupError('Not a Luchuang backup file, or an unsupported format version.');
  const current = await schemaVersion(database.db);
  if (header.schemaVersion !== current) {
    throw new BackupError(`The backup has schema version ${header.schemaVersion}, this database ${current}: restore with the release that made it, then upgrade.`);
  }
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`set local timezone = 'UTC'`);
    const tables = await tablesInDependencyOrder(tx);
    const known = new Set(tables.map((t) => t.name));
    for (const t of header.tables) if (!known.has(t.name)) throw new BackupError(`The backup has a table this database lacks: ${t.name}`);
    await tx.execute(sql.raw(`truncate ${tables.map((t) => ident(t.name)).join(', ')}`));
    let table: TableInfo | null = null;
    let batch: string[] = [];
    const flush = async () => {
      if (!table || batch.length === 0) return;
      const cols = sql.raw(table.columns);
      await tx.execute(sql`insert into ${sql.raw(ident(table.name))} (${cols}) select ${cols} from json_populate_recordset(null::${sql.raw(ident(table.name))}, ${`[${batch.join(',')}]`}::json)`);
      batch = [];
    };
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const line = next.value;
      if (!line) continue;
      if (line.startsWith('{"table":')) {
        await flush();
        const name = JSON.parse(line).table as string;
        table = tables.find((t) => t.name === name) ?? null;
        if (!table) throw new BackupError(`The backup has a table this database lacks: ${name}`);
        continue;
      }
      batch.push(line);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    // Serial columns continue after the restored rows.
    const serials = await rows<{ seq: string; tbl: string; col: string }>(tx, sql`
      select pg_get_serial_sequence(quote_ident(c.relname), a.attname) as seq, c.relname as tbl, a.attname as col
      from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_attribute a on a.attrelid = c.oid
      where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
        and pg_get_serial_sequence(quote_ident(c.relname), a.attname) is not null`);
    for (const s of serials) {
      await tx.execute(sql.raw(`select setval('${s.seq.replace(/'/g, "''")}', coalesce((select max(${ident(s.col)}) from ${ident(s.tbl)}), 0) + 1, false)`));
    }
  });
  return header;
}
