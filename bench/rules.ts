// Rules throughput: every ruleset over N organisations with three years of facts, in memory,
// against json-rules-engine evaluating the HNTE hard conditions on the same facts (baseline).
//   npx tsx bench/rules.ts [--orgs 100000]
import { Engine } from 'json-rules-engine';
import { FactsDocSchema, type FactsDoc } from '../src/rules/facts-doc.ts';
import { evaluateAll, RULESETS } from '../src/rules/index.ts';
import { generateOrgs } from '../src/seed/orgs.ts';
import { arg } from './common.ts';

const orgs = arg('orgs', 100_000);
const asOf = '2026-06-01';

const docs: FactsDoc[] = generateOrgs({ count: orgs, seed: '1' }).map((r) => FactsDocSchema.parse({
  org: { kind: r.org.kind, registeredOn: r.org.registeredOn ?? null, industryCode: r.org.industryCode ?? null },
  years: (r.facts ?? []).map((f) => ({ fiscalYear: f.fiscalYear, ...Object.fromEntries(Object.entries(f.values).filter(([, v]) => v !== null && v !== undefined)) })),
  qualifications: (r.qualifications ?? []).map((q) => ({ kind: q.kind, issuedOn: q.issuedOn ?? null, expiresOn: q.expiresOn ?? null, rank: q.rank ?? null })),
}));
console.log(`${orgs} organisations, ${RULESETS.length} rulesets (${RULESETS.map((r) => r.id).join(', ')}), asOf ${asOf}`);

// Ours, twice: (1) verdicts, numbers, gaps, parameters and the trace, with each criterion's
// sentence left to be written on demand (lazy); (2) the same with every sentence written out in
// both languages, as the API sends and the batch stores them.
const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en-US');
let started = performance.now();
let verdicts = 0;
for (const doc of docs) verdicts += evaluateAll(doc, asOf).length;
const ours = (performance.now() - started) / 1000;
const oursRate = verdicts / ours;
console.log(`luchuang rules engine: ${verdicts} organisation×ruleset evaluations in ${ours.toFixed(2)} s = ${rate(verdicts, ours)}/s (explanations on demand, not written)`);
started = performance.now();
let sentences = 0;
for (const doc of docs) {
  for (const r of evaluateAll(doc, asOf)) for (const c of r.criteria) sentences += c.text.zh.length > 0 && c.text.en.length > 0 ? 1 : 0;
}
const explainedSecs = (performance.now() - started) / 1000;
const explainedRate = verdicts / explainedSecs;
console.log(`luchuang rules engine: ${verdicts} evaluations in ${explainedSecs.toFixed(2)} s = ${rate(verdicts, explainedSecs)}/s (every sentence written, ${sentences.toLocaleString('en-US')} criteria in zh and en)`);

// Baseline: json-rules-engine, HNTE hard conditions only (ratios supplied as computed facts).
const engine = new Engine([], { allowUndefinedFacts: true });
engine.addRule({
  conditions: {
    all: [
      { fact: 'ageDays', operator: 'greaterThanInclusive', value: 365 },
      { fact: 'stStaffRatio', operator: 'greaterThanInclusive', value: 0.1 },
      { fact: 'rdIntensityMargin', operator: 'greaterThanInclusive', value: 0 },
      { fact: 'domesticRdRatio', operator: 'greaterThanInclusive', value: 0.6 },
      { fact: 'highTechRatio', operator: 'greaterThanInclusive', value: 0.6 },
      { fact: 'majorIncident', operator: 'equal', value: false },
    ],
  },
  event: { type: 'hnte-hard-conditions' },
});
const yearOf = (doc: FactsDoc, y: number) => doc.years.find((x) => x.fiscalYear === y);
const sum = (doc: FactsDoc, key: 'rdExpense' | 'revenue' | 'rdExpenseDomestic') => [2023, 2024, 2025].reduce((s, y) => s + (yearOf(doc, y)?.[key] ?? 0), 0);
started = performance.now();
let passed = 0;
for (const doc of docs) {
  const last = yearOf(doc, 2025);
  const sales = last?.revenue ?? 0;
  const minBp = sales <= 50_000_000_00 ? 0.05 : sales <= 200_000_000_00 ? 0.04 : 0.03;
  const { events } = await engine.run({
    ageDays: doc.org.registeredOn ? (Date.parse(asOf) - Date.parse(doc.org.registeredOn)) / 86_400_000 : 0,
    stStaffRatio: (last?.stStaff ?? 0) / Math.max(last?.employees ?? 1, 1),
    rdIntensityMargin: sum(doc, 'rdExpense') / Math.max(sum(doc, 'revenue'), 1) - minBp,
    domesticRdRatio: sum(doc, 'rdExpenseDomestic') / Math.max(sum(doc, 'rdExpense'), 1),
    highTechRatio: (last?.highTechRevenue ?? 0) / Math.max(last?.revenue ?? 1, 1),
    majorIncident: last?.majorIncident ?? false,
  });
  passed += events.length;
}
const baseline = (performance.now() - started) / 1000;
const baselineRate = docs.length / baseline;
console.log(`baseline json-rules-engine (HNTE hard conditions only): ${docs.length} evaluations in ${baseline.toFixed(2)} s = ${Math.round(baselineRate).toLocaleString('en-US')}/s (${passed} pass)`);
console.log(`ratio, explanations on demand: ${(oursRate / baselineRate).toFixed(1)}×; every sentence written: ${(explainedRate / baselineRate).toFixed(1)}× (ours evaluates every ruleset and criterion, with gaps; the baseline one ruleset's hard conditions)`);
console.log(`target ≥ 500,000 evaluations/s and ≥ 20× with explanations: ${explainedRate >= 500_000 && explainedRate / baselineRate >= 20 ? 'MEETS' : 'MISSES'}; on demand: ${oursRate >= 500_000 && oursRate / baselineRate >= 20 ? 'MEETS' : 'MISSES'}`);
