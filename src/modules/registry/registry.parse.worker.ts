// Reads and validates a large import file in a worker thread (see parseInWorker in
// registry.import.ts): its events go to the importer, which writes them; the importer answers
// each scheduled event once it is written, and the reader stays at most one ahead, as it does
// in the importer's own thread.
import { parentPort, workerData } from 'node:worker_threads';
import { isScheduled, parseImport, refusalOf, type ParseEvent, type ParseInput } from './registry.parse.ts';

let unwritten = 0;
let wake: (() => void) | null = null;
parentPort!.on('message', () => {
  unwritten--;
  wake?.();
  wake = null;
});

const emit = (e: ParseEvent): Promise<void> | void => {
  parentPort!.postMessage(e);
  if (!isScheduled(e)) return;
  unwritten++;
  if (unwritten >= 2) return new Promise<void>((resolve) => { wake = resolve; });
};

parseImport(workerData as ParseInput, emit).catch((e: unknown) => parentPort!.postMessage({ t: 'refused', issue: refusalOf(e) }));
