// The bureau's public letter of 2025-05-20 (厦科函〔2025〕84号): the figures the platform starts
// from, copied verbatim from shared/data so that a clean checkout carries them. Every module
// that shows one of these figures cites `LETTER.source`.
import letter from './letter-2025-05-20.json' with { type: 'json' };

export interface LetterIndicator {
  id: string;
  zh: string;
  en: string;
  value: number;
  unit: string;
  /** The letter's own wording of the period: "2024", "2025Q1", "cumulative", "since the 14th FYP" … */
  period: string;
  qualifier?: 'more than' | 'nearly';
  examples_zh?: string[];
  [extra: string]: unknown;
}

export const LETTER = letter as unknown as {
  source: { title_zh: string; title_en: string; doc_no: string; index_no: string; issuer: string; date: string; note: string };
  industry_system: typeof letter.industry_system;
  indicators: LetterIndicator[];
  plans_2025_onward_zh: string[];
};

/** One figure of the letter by id; throws for an unknown id so a typo fails at start. */
export function letterFigure(id: string): LetterIndicator {
  const found = LETTER.indicators.find((i) => i.id === id);
  if (!found) throw new Error(`No figure "${id}" in the letter of ${LETTER.source.date}`);
  return found;
}
