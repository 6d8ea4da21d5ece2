// The expert-input catalogue is the list of keys the rulesets read, no more and no less.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateRuleset } from './engine.ts';
import { EXPERT_INPUTS, ExpertInputSchema } from './expert.ts';
import { RULESETS } from './index.ts';

const dir = new URL('./rulesets/', import.meta.url);
const sources = Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => [f.replace(/\.ts$/, ''), readFileSync(new URL(f, dir), 'utf8')]));
/** Keys read through e.expert('…'), expertPoints(e, '…', …) or `key: '…'` of the expert helpers. */
const READ = /(?:expert\(\s*'|expertPoints\(e,\s*'|key:\s*')((?:hnte|tech_sme|isme|srdi|lg)\.\w+)'/g;

describe('expert-input catalogue', () => {
  it('names exactly the keys the rulesets read, each once, and validates', () => {
    const used = new Set(Object.values(sources).flatMap((src) => [...src.matchAll(READ)].map((m) => m[1])));
    const keys = EXPERT_INPUTS.map((i) => i.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual([...used].sort());
    for (const input of EXPERT_INPUTS) {
      ExpertInputSchema.parse(input);
      expect(input.min).toBeLessThanOrEqual(input.max);
      expect(input.rulesets).toContain(input.ruleset);
      for (const r of input.rulesets) expect(RULESETS.map((x) => x.id)).toContain(r);
    }
  });

  it('lists for each key a ruleset whose source reads it', () => {
    for (const input of EXPERT_INPUTS) {
      expect(input.rulesets.some((r) => sources[r]?.includes(`'${input.key}'`)), input.key).toBe(true);
    }
  });

  it('names criteria that the rulesets produce', () => {
    const ids = new Set<string>();
    for (const ruleset of RULESETS) {
      for (const asOf of ['2021-06-01', '2025-06-01', '2026-06-01']) {
        for (const c of evaluateRuleset(ruleset, { org: { kind: 'enterprise', registeredOn: '2010-01-01' }, years: [], qualifications: [], expert: {} }, asOf).criteria) ids.add(c.id);
      }
    }
    for (const input of EXPERT_INPUTS) for (const id of input.criteria) expect(ids, `${input.key} → ${id}`).toContain(id);
  });
});
