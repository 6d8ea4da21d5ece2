import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical.ts';
import { format, negotiateLocale } from './i18n.ts';
import { hashPassword, passwordPolicyViolations, randomPassword, verifyPassword } from './password.ts';

describe('negotiateLocale', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en-US,en;q=0.9', 'en-US'],
    ['en', 'en-US'],
    ['zh-TW,en;q=0.5', 'zh-CN'],
    ['fr-FR,en;q=0.8,zh;q=0.9', 'zh-CN'],
    ['fr-FR,en;q=0.9,zh;q=0.8', 'en-US'],
    ['de', 'zh-CN'],
    ['en;q=0', 'zh-CN'],
  ])('%s → %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});

describe('password policy', () => {
  it('accepts 10 characters with three classes', () => {
    expect(passwordPolicyViolations('Abcdefgh12', 'zhang')).toEqual([]);
    expect(passwordPolicyViolations('abcdefgh1!', 'zhang')).toEqual([]);
  });
  it('refuses 9 characters, two classes, or the username inside', () => {
    expect(passwordPolicyViolations('Abcdefg12', 'zhang').map((v) => v.en)).toEqual(['at least 10 characters']);
    expect(passwordPolicyViolations('abcdefgh12', 'zhang')).toHaveLength(1);
    expect(passwordPolicyViolations('Zhang-2026-xx', 'zhang').map((v) => v.en)).toEqual(['must not contain the username']);
  });
  it('generates random passwords that meet it', () => {
    for (let i = 0; i < 20; i++) expect(passwordPolicyViolations(randomPassword(), 'admin')).toEqual([]);
  });
  it('hashes with a salt and verifies', async () => {
    const a = await hashPassword('Abcdefgh12');
    const b = await hashPassword('Abcdefgh12');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('Abcdefgh12', a)).toBe(true);
    expect(await verifyPassword('Abcdefgh13', a)).toBe(false);
    expect(await verifyPassword('Abcdefgh12', 'garbage')).toBe(false);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ y: 1, x: 2 }], c: undefined } })).toBe('{"a":{"d":[{"x":2,"y":1}]},"b":1}');
  });
});
