// Turns zod issues (as fastify-type-provider-zod passes them) into bilingual field errors.
import type { Bilingual } from '../lib/i18n.ts';
import type { FieldError } from './errors.ts';

interface IssueLike {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

const TYPE_ZH: Record<string, string> = {
  string: '文本', number: '数字', int: '整数', boolean: '布尔值', object: '对象', array: '数组', date: '日期', null: '空值',
};

function describe(issue: IssueLike): Bilingual {
  const p = issue.params;
  switch (issue.keyword) {
    case 'invalid_type': {
      const expected = String(p.expected ?? '');
      if (p.input === undefined) return { zh: '此项为必填项。', en: 'This field is required.' };
      return { zh: `应为${TYPE_ZH[expected] ?? expected}类型。`, en: `Expected ${expected}.` };
    }
    case 'too_small': {
      const min = p.minimum as number;
      if (p.origin === 'string') return min === 1 ? { zh: '不能为空。', en: 'Must not be empty.' } : { zh: `至少 ${min} 个字符。`, en: `At least ${min} characters.` };
      if (p.origin === 'array') return { zh: `至少 ${min} 项。`, en: `At least ${min} items.` };
      return { zh: `不能小于 ${min}。`, en: `Must be at least ${min}.` };
    }
    case 'too_big': {
      const max = p.maximum as number;
      if (p.origin === 'string') return { zh: `最多 ${max} 个字符。`, en: `At most ${max} characters.` };
      if (p.origin === 'array') return { zh: `最多 ${max} 项。`, en: `At most ${max} items.` };
      return { zh: `不能大于 ${max}。`, en: `Must be at most ${max}.` };
    }
    case 'unrecognized_keys':
      return { zh: '不允许的字段。', en: 'Unknown field.' };
    case 'invalid_format':
      return { zh: `格式不正确（应为 ${String(p.format)}）。`, en: `Invalid format (expected ${String(p.format)}).` };
    case 'invalid_value': {
      const values = (p.values as unknown[] | undefined)?.map(String).join(', ');
      return values ? { zh: `取值须为：${values}。`, en: `Must be one of: ${values}.` } : { zh: '取值无效。', en: 'Invalid value.' };
    }
    case 'custom': {
      // Our own refinements carry their bilingual message in params.
      const own = p.params as Partial<Bilingual> | undefined;
      if (own?.zh && own.en) return { zh: own.zh, en: own.en };
      return { zh: '取值无效。', en: issue.message ?? 'Invalid value.' };
    }
    default:
      return { zh: '取值无效。', en: issue.message ?? 'Invalid value.' };
  }
}

export function fieldErrorsFromValidation(issues: IssueLike[], context: string | undefined): FieldError[] {
  const prefix = context ?? 'body';
  const out: FieldError[] = [];
  for (const issue of issues) {
    const base = issue.instancePath.split('/').filter(Boolean);
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(issue.params.keys)) {
      for (const key of issue.params.keys as string[]) {
        out.push({ path: [prefix, ...base, key].join('.'), code: 'unrecognized_keys', message: describe(issue) });
      }
      continue;
    }
    out.push({ path: [prefix, ...base].join('.'), code: issue.keyword, message: describe(issue) });
  }
  return out;
}

/** An unpaired UTF-16 surrogate. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Parsed JSON, query and params objects; not raw bodies (Buffer, ArrayBuffer, streams). */
function isPlainObject(v: object): boolean {
  return !ArrayBuffer.isView(v) && !(v instanceof ArrayBuffer) && typeof (v as { pipe?: unknown }).pipe !== 'function';
}

/**
 * The first place in a request's body, query or path parameters holding text that PostgreSQL
 * cannot store (NUL, or an unpaired UTF-16 surrogate, which JSON can escape but text and jsonb
 * refuse), or null. Iterative, so deeply nested bodies cannot overflow the stack.
 */
export function findUnstorableText(value: unknown, root: string): string | null {
  const stack: [unknown, string][] = [[value, root]];
  const bad = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (bad(v)) return path;
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push([v[i], `${path}.${i}`]);
    } else if (v && typeof v === 'object' && isPlainObject(v)) {
      for (const [k, child] of Object.entries(v)) {
        if (bad(k)) return `${path}.${k.replace(new RegExp(LONE_SURROGATE, 'g'), '\uFFFD').replaceAll('\u0000', '\\0')}`;
        stack.push([child, `${path}.${k}`]);
      }
    }
  }
  return null;
}
