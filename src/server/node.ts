// This process as one app node among several on one PostgreSQL database. A node holds a
// session-level advisory lock on its id for as long as it lives: PostgreSQL releases it when
// the node's connection ends (exit, SIGKILL, power cut), so whether another node's lock can be
// taken tells a live node from a dead one without clocks or heartbeats (jobs.service.ts).
import { randomUUID } from 'node:crypto';
import pg from 'pg';

/** This process's id, recorded on the jobs it runs. New at every start. */
export const NODE_ID = randomUUID();

/** The advisory-lock class of node ids (the two-key form: class, hashtext(node id)). */
export const NODE_LOCK_CLASS = 0x4c43_0001;

export interface NodeLock {
  release(): Promise<void>;
}

/**
 * Takes this node's lock on a dedicated connection and keeps it: if the connection is lost
 * (database restarted), it reconnects and takes the lock again.
 */
export async function holdNodeLock(databaseUrl: string, log: (msg: string, err?: unknown) => void, nodeId: string = NODE_ID): Promise<NodeLock> {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  const connect = async () => {
    const c = new pg.Client({ connectionString: databaseUrl, application_name: `luchuang node ${nodeId}` });
    c.on('error', (err) => log('the node lock connection failed; reconnecting', err));
    c.on('end', () => {
      if (client === c) client = null;
      if (!closed) schedule();
    });
    await c.connect();
    await c.query('select pg_advisory_lock($1, hashtext($2))', [NODE_LOCK_CLASS, nodeId]);
    client = c;
  };
  const schedule = () => {
    if (retry || closed) return;
    retry = setTimeout(() => {
      retry = null;
      connect().then(() => log('the node lock is held again'), (err) => { log('could not take the node lock again; retrying', err); schedule(); });
    }, 2000);
    retry.unref();
  };
  await connect();
  return {
    async release() {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}
