// Reads and validates a large import file in a worker thread (see parseInWorker in
// registry.import.ts): its events go to the importer, which writes them and answers each
// scheduled one once it is written; parseThrottled keeps the reader at most one chunk ahead,
// as in the importer's own thread.
import { parentPort, workerData } from 'node:worker_threads';
import { isScheduled, parseThrottled, refusalOf, type ParseEvent, type ParseInput } from './registry.parse.ts';

/** Scheduled events posted and not yet answered, oldest first: the importer writes in order. */
const unwritten: (() => void)[] = [];
parentPort!.on('message', () => unwritten.shift()?.());

const take = (e: ParseEvent): Promise<void> | undefined => {
  parentPort!.postMessage(e);
  return isScheduled(e) ? new Promise<void>((resolve) => unwritten.push(resolve)) : undefined;
};

parseThrottled(workerData as ParseInput, take).catch((e: unknown) => parentPort!.postMessage({ t: 'refused', issue: refusalOf(e) }));
