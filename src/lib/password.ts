// scrypt password hashes in a self-describing string, and the password policy.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { Bilingual } from './i18n.ts';

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEYLEN = 32;
const MAXMEM = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEYLEN, { N: n, r, p, maxmem: MAXMEM }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash of a random password: verifying against it costs the same as a real one. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

export const PASSWORD_MIN_LENGTH = 10;

/** Returns what the password lacks; empty when it meets the policy. */
export function passwordPolicyViolations(password: string, username: string): Bilingual[] {
  const out: Bilingual[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    out.push({ zh: `长度至少 ${PASSWORD_MIN_LENGTH} 位`, en: `at least ${PASSWORD_MIN_LENGTH} characters` });
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) {
    out.push({ zh: '须包含小写字母、大写字母、数字、符号中的至少三类', en: 'at least three of: lower case, upper case, digit, symbol' });
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    out.push({ zh: '不得包含用户名', en: 'must not contain the username' });
  }
  return out;
}

/** A random password that meets the policy, for first start. */
export function randomPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  const body = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${body.slice(0, 6)}-${body.slice(6, 12)}-${body.slice(12)}A7a`;
}
