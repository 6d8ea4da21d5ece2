// Fixed ids of demo entities, shared by the account seed and the organisation generator.
import { createHash } from 'node:crypto';

/** A stable UUID for a demo entity, so later modules' seeds can refer to the same ids. */
export function demoUuid(name: string): string {
  const h = createHash('sha256').update(`luchuang-demo:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The demo organisations' ids: records 0 and 1 of every generated set (see orgs.ts). */
export const DEMO_ORG_IDS = { first: demoUuid('org:1'), second: demoUuid('org:2') };
