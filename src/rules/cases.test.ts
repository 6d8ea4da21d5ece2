// Golden cases: src/rules/cases/*.yaml, each named as a sentence. A case starts from the
// file's base document, changes what it names, and states the verdicts it expects.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { evaluateRuleset } from './engine.ts';
import { FactsDocSchema, type FactsDoc } from './facts-doc.ts';
import { RULESETS, rulesetsWith } from './index.ts';
import { LeaderVersionSchema } from './parameters/tech_leader.ts';

interface Change {
  org?: Record<string, unknown>;
  years?: Record<string, Record<string, unknown> | null>;
  qualifications?: unknown[];
  expert?: Record<string, number | null>;
}
interface Case {
  name: string;
  asOf: string;
  change?: Change;
  expect: {
    verdict?: string;
    version?: string;
    criteria?: Record<string, string>;
    missing?: Record<string, string[]>;
    score?: { min?: number; max?: number; value?: number };
    gap?: Record<string, string>;
    text?: Record<string, string>;
    /** A remark the criterion carries (e.g. a rule text not yet obtained), in zh or en. */
    note?: Record<string, string>;
  };
}

/** The base document with a case's changes: org and expert merged, years merged by fiscal year. */
function apply(base: FactsDoc, change: Change = {}): unknown {
  const doc = structuredClone(base) as FactsDoc & Record<string, unknown>;
  Object.assign(doc.org, change.org);
  for (const [k, v] of Object.entries(change.expert ?? {})) {
    if (v === null) delete doc.expert[k];
    else doc.expert[k] = v;
  }
  for (const [year, values] of Object.entries(change.years ?? {})) {
    const i = doc.years.findIndex((y) => y.fiscalYear === Number(year));
    if (values === null) doc.years.splice(i, 1);
    else if (i >= 0) doc.years[i] = { ...doc.years[i], ...values };
    else doc.years.push({ fiscalYear: Number(year), ...values });
  }
  if (change.qualifications) doc.qualifications = change.qualifications as FactsDoc['qualifications'];
  return doc;
}

const dir = new URL('./cases/', import.meta.url);
for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
  const spec = parse(readFileSync(new URL(file, dir), 'utf8')) as { ruleset: string; base: unknown; cases: Case[]; versions?: unknown[] };
  // City-defined tiers: the file may add parameter versions as the bureau would store them.
  const rulesets = spec.versions ? rulesetsWith(spec.versions.map((v) => LeaderVersionSchema.parse(v))) : RULESETS;
  const ruleset = rulesets.find((r) => r.id === spec.ruleset)!;
  const base = FactsDocSchema.parse(spec.base);
  describe(`${spec.ruleset} golden cases (${file})`, () => {
    it('has at least 12 cases', () => expect(spec.cases.length).toBeGreaterThanOrEqual(12));
    for (const c of spec.cases) {
      it(c.name, () => {
        const result = evaluateRuleset(ruleset, FactsDocSchema.parse(apply(base, c.change)), c.asOf);
        const byId = Object.fromEntries(result.criteria.map((x) => [x.id, x]));
        const got = Object.fromEntries(Object.keys(c.expect.criteria ?? {}).map((id) => [id, byId[id]?.verdict]));
        expect(got).toEqual(c.expect.criteria ?? {});
        if (c.expect.verdict) expect(result.verdict).toBe(c.expect.verdict);
        if (c.expect.version) expect(result.version).toBe(c.expect.version);
        for (const [id, paths] of Object.entries(c.expect.missing ?? {})) expect(byId[id]?.missing).toEqual(paths);
        if (c.expect.score) expect(result.score).toMatchObject(c.expect.score);
        for (const [id, text] of Object.entries(c.expect.gap ?? {})) expect(byId[id]?.gap?.text.zh).toContain(text);
        for (const [id, text] of Object.entries(c.expect.text ?? {})) expect(`${byId[id]?.text.zh} | ${byId[id]?.text.en}`).toContain(text);
        for (const [id, text] of Object.entries(c.expect.note ?? {})) expect(`${byId[id]?.note?.zh} | ${byId[id]?.note?.en}`).toContain(text);
        // Only the built-in example parameters carry the example note.
        if (result.version.startsWith('2026-07') && spec.ruleset === 'tech_leader') for (const x of result.criteria) expect(x.note).toBeUndefined();
        // Missing entries are fact paths only (rule-text remarks are notes).
        for (const x of result.criteria) for (const path of x.missing) expect(path).toMatch(/^(years\[\d{4}\]\.\w+|org\.\w+|qualifications\[\d+\]\.\w+)$/);
      });
    }
  });
}
