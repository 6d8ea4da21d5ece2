import { describe, expect, it } from 'vitest';
import { checkUscc, usccCheckChar, withCheckChar } from './uscc.ts';

describe('USCC check character (GB 32100-2015)', () => {
  it('uses the weights 3^(i-1) mod 31 from the standard', () => {
    // The standard's worked example: the sum 1640 mod 31 = 28, so the check value is 31 − 28 = 3.
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('accepts the worked example with its check character', () => {
    expect(checkUscc('91350100M000100Y43')).toEqual({ ok: true, uscc: '91350100M000100Y43' });
  });

  it('refuses the worked example with a wrong check character and names the expected one', () => {
    expect(checkUscc('91350100M000100Y4Z')).toEqual({ ok: false, reason: 'check', uscc: '91350100M000100Y4Z', expected: '3', actual: 'Z' });
  });

  it('accepts a code whose check value is a letter (E = 14)', () => {
    expect(checkUscc('91512081MA62K0260E').ok).toBe(true);
  });

  it('maps a remainder of 0 to the check character 0', () => {
    // Find a 17-character prefix whose weighted sum is a multiple of 31.
    const prefix = Array.from({ length: 31 }, (_, k) => `9135020${k < 10 ? k : 0}MA${String(k).padStart(2, '0')}ABCD`.slice(0, 16))
      .flatMap((p) => '0123456789ABCDEFGHJKLMNPQRTUWXY'.split('').map((c) => p + c))
      .find((p) => usccCheckChar(p) === '0')!;
    expect(prefix).toBeDefined();
    expect(checkUscc(`${prefix}0`).ok).toBe(true);
  });

  it('normalises case and surrounding spaces', () => {
    expect(checkUscc(' 91350100m000100y43 ')).toMatchObject({ ok: true, uscc: '91350100M000100Y43' });
  });

  it.each([
    ['91350100M000100Y4', 'length'],
    ['91350100M000100Y433', 'length'],
    ['91350100M000100I43', 'charset'], // I, O, Z, S, V are not in the set
    ['91350100M000100O43', 'charset'],
    ['9135A100M000100Y43', 'shape'], // positions 3–8 are the administrative division code: digits
  ])('refuses %s (%s)', (code, reason) => {
    expect(checkUscc(code)).toMatchObject({ ok: false, reason });
  });

  it('completes prefixes into valid codes', () => {
    expect(checkUscc(withCheckChar('91350203MA2Y0001X')).ok).toBe(true);
  });
});
