// GB/T 4754-2017 national industry classification, shipped as data (industry-codes.json).
import { readFileSync } from 'node:fs';

export interface IndustryCode {
  code: string;
  level: 'section' | 'division' | 'group' | 'class';
  zh: string;
  en?: string;
  parent: string | null;
}

let byCode: Map<string, IndustryCode> | undefined;

export function industryCodes(): Map<string, IndustryCode> {
  if (!byCode) {
    const data = JSON.parse(readFileSync(new URL('./industry-codes.json', import.meta.url), 'utf8')) as { codes: IndustryCode[] };
    byCode = new Map(data.codes.map((c) => [c.code, c]));
  }
  return byCode;
}

export function isIndustryCode(code: string): boolean {
  return industryCodes().has(code.trim().toUpperCase());
}

/** The code and its ancestors, most specific first (e.g. 3841 → 384 → 38 → C). */
export function industryPath(code: string): IndustryCode[] {
  const out: IndustryCode[] = [];
  for (let c = industryCodes().get(code); c; c = c.parent ? industryCodes().get(c.parent) : undefined) out.push(c);
  return out;
}
