// Unified Social Credit Code (统一社会信用代码), GB 32100-2015: 18 characters from a
// 31-character set; the 18th is a mod-31 check character over the first 17.
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// W_i = 3^(i-1) mod 31 (GB 32100-2015 table 4).
const WEIGHTS = Array.from({ length: 17 }, (_, i) => Number(3n ** BigInt(i) % 31n));
// Positions 3–8 are the administrative division code: digits.
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export type UsccCheck =
  | { ok: true; uscc: string }
  | { ok: false; reason: 'length' | 'charset' | 'shape'; uscc: string }
  | { ok: false; reason: 'check'; uscc: string; expected: string; actual: string };

/** The check character the first 17 characters call for. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  return CHARSET[(31 - (sum % 31)) % 31];
}

export function checkUscc(input: string): UsccCheck {
  const uscc = input.trim().toUpperCase();
  if (uscc.length !== 18) return { ok: false, reason: 'length', uscc };
  const body = uscc.slice(0, 17);
  if ([...body].some((c) => !CHARSET.includes(c))) return { ok: false, reason: 'charset', uscc };
  if (!SHAPE.test(`${body}0`)) return { ok: false, reason: 'shape', uscc };
  const expected = usccCheckChar(body);
  if (expected !== uscc[17]) return { ok: false, reason: 'check', uscc, expected, actual: uscc[17] };
  return { ok: true, uscc };
}

/** Completes 17 characters into a valid code (demo data, tests). */
export function withCheckChar(first17: string): string {
  return first17 + usccCheckChar(first17);
}
