// Evaluates chunks of a stored evaluation in a worker thread (see evaluationPool in
// cultivation.service.ts): the same pure function the main thread runs, on the same rulesets
// (the city's parameter versions come with each job as data).
import { parentPort } from 'node:worker_threads';
import type { Ruleset } from '../../rules/engine.ts';
import { rulesetsWith } from '../../rules/index.ts';
import type { LeaderVersion } from '../../rules/parameters/tech_leader.ts';
import { evaluateChunk, type OrgDoc } from './cultivation.rows.ts';

export interface EvaluationJob { id: number; items: OrgDoc[]; asOf: string; leaderVersions: LeaderVersion[] }

let cached: { key: string; rulesets: Ruleset[] } | null = null;

parentPort!.on('message', (job: EvaluationJob) => {
  try {
    const key = JSON.stringify(job.leaderVersions);
    if (cached?.key !== key) cached = { key, rulesets: rulesetsWith(job.leaderVersions) };
    parentPort!.postMessage({ id: job.id, chunk: evaluateChunk(job.items, job.asOf, cached.rulesets) });
  } catch (err) {
    parentPort!.postMessage({ id: job.id, error: err instanceof Error ? err.stack ?? err.message : String(err) });
  }
});
