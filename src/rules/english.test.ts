// en-US is complete: every English sentence, threshold, gap, note and title the engine returns is
// free of Chinese characters, except inside the names of legal documents, which stay as they are.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { citeEn, evaluateRuleset } from './engine.ts';
import { FactsDocSchema } from './facts-doc.ts';
import { RULESETS, rulesetsWith } from './index.ts';
import { LeaderVersionSchema } from './parameters/tech_leader.ts';
import type { RulesetResult } from './types.ts';

/** The only Chinese allowed on an English page, written out. */
const ALLOWED: { name: string; pattern: RegExp }[] = [
  // A document number: issuer, 〔year〕, number, 号 — 国科发火〔2016〕32号, 工信部企业〔2022〕63号, 财税〔2015〕119号.
  { name: 'document number', pattern: /[\u4e00-\u9fff]+〔\d{4}〕\d+号/g },
  // An article reference: 第十一条, 第十一条（四）.
  { name: 'article reference', pattern: /第[一二三四五六七八九十百零]+条(?:（[一二三四五六七八九十]+）)*/g },
];
const HAN = /[\u4e00-\u9fff]/;

/** The text with every allowed pattern removed; what is left must have no Han character. */
export function strayHan(text: string): string | undefined {
  let rest = text;
  for (const { pattern } of ALLOWED) rest = rest.replace(pattern, ' ');
  return HAN.test(rest) ? rest : undefined;
}

function englishOf(r: RulesetResult): { where: string; text: string }[] {
  const out = [{ where: `${r.ruleset} title`, text: r.title.en }];
  for (const c of r.criteria) {
    out.push({ where: `${r.ruleset} ${c.id} text`, text: c.text.en });
    if (c.threshold) out.push({ where: `${r.ruleset} ${c.id} threshold`, text: c.threshold.en });
    if (c.gap) out.push({ where: `${r.ruleset} ${c.id} gap`, text: c.gap.text.en });
    if (c.note) out.push({ where: `${r.ruleset} ${c.id} note`, text: c.note.en });
    if (typeof c.actual === 'string') out.push({ where: `${r.ruleset} ${c.id} actual`, text: c.actual });
  }
  return out;
}

interface Change { org?: Record<string, unknown>; years?: Record<string, Record<string, unknown> | null>; qualifications?: unknown[]; expert?: Record<string, number | null> }
interface Spec { ruleset: string; base: unknown; cases: { name: string; asOf: string; change?: Change }[]; versions?: unknown[] }
const rulesetsOf = (spec: Spec) => (spec.versions ? rulesetsWith(spec.versions.map((v) => LeaderVersionSchema.parse(v))) : RULESETS);

/** A case's document: the base with its changes (as cases.test.ts applies them). */
function apply(base: unknown, change: Change = {}): unknown {
  const doc = structuredClone(base) as { org: Record<string, unknown>; expert?: Record<string, number>; years?: Record<string, unknown>[]; qualifications?: unknown[] };
  Object.assign(doc.org, change.org);
  doc.expert ??= {};
  for (const [k, v] of Object.entries(change.expert ?? {})) {
    if (v === null) delete doc.expert[k];
    else doc.expert[k] = v;
  }
  doc.years ??= [];
  for (const [year, values] of Object.entries(change.years ?? {})) {
    const i = doc.years.findIndex((y) => y.fiscalYear === Number(year));
    if (values === null) doc.years.splice(i, 1);
    else if (i >= 0) doc.years[i] = { ...doc.years[i], ...values };
    else doc.years.push({ fiscalYear: Number(year), ...values });
  }
  if (change.qualifications) doc.qualifications = change.qualifications;
  return doc;
}
const dir = new URL('./cases/', import.meta.url);
const specs = readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((file) => ({ file, spec: parse(readFileSync(new URL(file, dir), 'utf8')) as Spec }));
const dates = [...new Set(specs.flatMap(({ spec }) => spec.cases.map((c) => c.asOf)))].sort();

describe('English results have no Chinese outside document names', () => {
  it('the allowed patterns keep document numbers and article references and nothing else', () => {
    expect(strayHan('(国科发火〔2016〕32号 第十一条（四）)')).toBeUndefined();
    expect(strayHan('excluded by 财税〔2015〕119号')).toBeUndefined();
    expect(strayHan('sales ¥1,000,000 (100万元)')).toBeDefined();
    expect(strayHan('≥ 3 年')).toBeDefined();
  });

  it('English citations give the article reference without its Chinese wording', () => {
    const c = (article: string) => citeEn({ docNo: '工信部企业〔2022〕63号', article, confidence: 'V' });
    expect(c('第十一条（四）')).toBe('工信部企业〔2022〕63号 Art. 11(4)');
    expect(c('附件2 认定条件（四）1. 近3年获得过省级科技奖励')).toBe('工信部企业〔2022〕63号 Annex 2 conditions (4) 1');
    expect(c('现场核查情形（单一第三方来源）')).toBe('工信部企业〔2022〕63号 on-site check triggers');
  });

  for (const { file, spec } of specs) {
    it(`every ruleset on the base document of ${file}, on every case date`, () => {
      const doc = FactsDocSchema.parse(spec.base);
      const stray: string[] = [];
      for (const asOf of dates) {
        for (const ruleset of rulesetsOf(spec)) {
          for (const { where, text } of englishOf(evaluateRuleset(ruleset, doc, asOf))) {
            const left = strayHan(text);
            if (left) stray.push(`${asOf} ${where}: ${text}`);
          }
        }
      }
      expect([...new Set(stray)]).toEqual([]);
    });
  }

  it('every golden case, every ruleset', () => {
    const stray: string[] = [];
    for (const { file, spec } of specs) {
      for (const c of spec.cases) {
        const doc = FactsDocSchema.parse(apply(spec.base, c.change));
        for (const ruleset of rulesetsOf(spec)) {
          for (const { where, text } of englishOf(evaluateRuleset(ruleset, doc, c.asOf))) {
            if (strayHan(text)) stray.push(`${file} "${c.name}" ${where}: ${text}`);
          }
        }
      }
    }
    expect(stray.slice(0, 40)).toEqual([]);
  });
});
