// The benefit condition language: a small, declarative boolean language over the variables
// of variables.ts, written by bureau staff, e.g.
//
//   org.kind == enterprise and fy.revenue >= 2000万元 and fy.rdIncrease > 0元
//     and (tier.hnte == pass or holds.tech_sme) and not org.industrySection in ['F', 'H']
//
// Literals carry their unit: amounts 元 / 万元 (万) / 亿元 (亿) become integer fen, percentages
// become ratios, plain numbers are counts. Every error names the exact span of the source.
// Pure: parse → check (types, names) → analyse (never / always true) → evaluate (three-valued).
import type { Bilingual } from '../../lib/i18n.ts';
import type { VarDef, VarType, VarValue, Vars } from './variables.ts';

export interface Span { start: number; end: number }

export interface LangError extends Span {
  code: 'syntax' | 'unknown_variable' | 'type_mismatch' | 'unknown_value' | 'unsatisfiable' | 'always_true' | 'circular' | 'negative_amount';
  /** The offending text. */
  part: string;
  message: Bilingual;
}

type LitType = 'money' | 'ratio' | 'number' | 'bool' | 'string';
export type Operand =
  | ({ k: 'var'; name: string } & Span)
  | ({ k: 'lit'; type: LitType; value: number | boolean | string; text: string } & Span);
export type Op = '>=' | '<=' | '>' | '<' | '==' | '!=';
export type Node =
  | ({ k: 'and' | 'or'; items: Node[] } & Span)
  | ({ k: 'not'; item: Node } & Span)
  | ({ k: 'cmp'; op: Op; left: Operand; right: Operand } & Span)
  | ({ k: 'in'; left: Operand; values: Operand[]; negated: boolean } & Span)
  | ({ k: 'bool'; name: string } & Span);

// ---------- tokens ----------

type Tok =
  | ({ t: 'ident'; v: string } & Span)
  | ({ t: 'num'; v: number; unit: '' | '元' | '万元' | '亿元' | '%'; text: string } & Span)
  | ({ t: 'str'; v: string } & Span)
  | ({ t: 'op'; v: Op } & Span)
  | ({ t: 'punct'; v: '(' | ')' | '[' | ']' | ',' } & Span)
  | ({ t: 'kw'; v: 'and' | 'or' | 'not' | 'in' | 'true' | 'false' } & Span)
  | ({ t: 'end' } & Span);

const KEYWORDS: Record<string, 'and' | 'or' | 'not' | 'in' | 'true' | 'false'> = {
  and: 'and', or: 'or', not: 'not', in: 'in', true: 'true', false: 'false', 且: 'and', 或: 'or', 非: 'not',
};
const UNIT_ALIASES: [string, '元' | '万元' | '亿元' | '%'][] = [['万元', '万元'], ['亿元', '亿元'], ['万', '万元'], ['亿', '亿元'], ['元', '元'], ['%', '%']];

class SyntaxFail extends Error {
  constructor(readonly error: LangError) { super(error.message.en); }
}

function fail(src: string, code: LangError['code'], span: Span, zh: string, en: string): never {
  throw new SyntaxFail(err(src, code, span, zh, en));
}

export function err(src: string, code: LangError['code'], span: Span, zh: string, en: string): LangError {
  const part = src.slice(span.start, span.end);
  return { code, start: span.start, end: span.end, part, message: { zh: `第 ${span.start + 1}–${Math.max(span.end, span.start + 1)} 个字符“${part}”：${zh}`, en: `At characters ${span.start + 1}–${Math.max(span.end, span.start + 1)} "${part}": ${en}` } };
}

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    const start = i;
    const two = src.slice(i, i + 2);
    if (['>=', '<=', '==', '!='].includes(two)) { out.push({ t: 'op', v: two as Op, start, end: i + 2 }); i += 2; continue; }
    if (c === '>' || c === '<') { out.push({ t: 'op', v: c, start, end: i + 1 }); i++; continue; }
    if (c === '=') { out.push({ t: 'op', v: '==', start, end: i + 1 }); i++; continue; }
    if ('()[],'.includes(c)) { out.push({ t: 'punct', v: c as '(', start, end: i + 1 }); i++; continue; }
    if (c === '（' || c === '）') { out.push({ t: 'punct', v: c === '（' ? '(' : ')', start, end: i + 1 }); i++; continue; }
    if (c === "'" || c === '"') {
      const close = src.indexOf(c, i + 1);
      if (close < 0) fail(src, 'syntax', { start, end: src.length }, '引号未闭合。', 'Unclosed quote.');
      out.push({ t: 'str', v: src.slice(i + 1, close), start, end: close + 1 });
      i = close + 1;
      continue;
    }
    const num = /^-?\d+(?:\.\d+)?/.exec(src.slice(i));
    if (num && (c !== '-' || /\d/.test(src[i + 1] ?? ''))) {
      i += num[0].length;
      let unit: '' | '元' | '万元' | '亿元' | '%' = '';
      while (src[i] === ' ') i++;
      for (const [alias, u] of UNIT_ALIASES) {
        if (src.startsWith(alias, i)) { unit = u; i += alias.length; break; }
      }
      if (!unit) i = start + num[0].length;
      out.push({ t: 'num', v: Number(num[0]), unit, text: src.slice(start, i).trim(), start, end: i });
      continue;
    }
    const word = /^[\p{L}_][\p{L}\p{N}_.]*/u.exec(src.slice(i));
    if (word) {
      i += word[0].length;
      const kw = KEYWORDS[word[0]];
      out.push(kw ? { t: 'kw', v: kw, start, end: i } : { t: 'ident', v: word[0], start, end: i });
      continue;
    }
    fail(src, 'syntax', { start, end: i + 1 }, '无法识别的字符。', 'Unexpected character.');
  }
  out.push({ t: 'end', start: src.length, end: src.length });
  return out;
}

// ---------- parser ----------

export function parse(src: string): { ast: Node } | { error: LangError } {
  try {
    if (!src.trim()) fail(src, 'syntax', { start: 0, end: 0 }, '条件为空。', 'The condition is empty.');
    const toks = tokenize(src);
    let p = 0;
    const peek = () => toks[p];
    const next = () => toks[p++];
    const isKw = (v: string) => peek().t === 'kw' && (peek() as { v: string }).v === v;
    const isPunct = (v: string) => peek().t === 'punct' && (peek() as { v: string }).v === v;
    const expect = (v: string) => {
      if (!isPunct(v)) { const t = peek(); fail(src, 'syntax', t, `此处应为“${v}”。`, `Expected "${v}" here.`); }
      return next();
    };

    const operand = (): Operand => {
      const t = next();
      if (t.t === 'ident') return { k: 'var', name: t.v, start: t.start, end: t.end };
      if (t.t === 'str') return { k: 'lit', type: 'string', value: t.v, text: src.slice(t.start, t.end), start: t.start, end: t.end };
      if (t.t === 'kw' && (t.v === 'true' || t.v === 'false')) return { k: 'lit', type: 'bool', value: t.v === 'true', text: t.v, start: t.start, end: t.end };
      if (t.t === 'num') {
        if (t.unit === '%') return { k: 'lit', type: 'ratio', value: t.v / 100, text: t.text, start: t.start, end: t.end };
        if (t.unit) {
          const fen = t.v * { 元: 100, 万元: 1_000_000, 亿元: 10_000_000_000 }[t.unit];
          if (!Number.isInteger(Math.round(fen * 1e6) / 1e6)) fail(src, 'syntax', t, '金额精确到分。', 'Amounts are exact to the fen (0.01 yuan).');
          return { k: 'lit', type: 'money', value: Math.round(fen), text: t.text, start: t.start, end: t.end };
        }
        return { k: 'lit', type: 'number', value: t.v, text: t.text, start: t.start, end: t.end };
      }
      fail(src, 'syntax', t, '此处应为变量名、数值或文字。', 'Expected a variable, a number or a value here.');
    };

    const primary = (): Node => {
      if (isPunct('(')) {
        const open = next();
        const inner = or();
        const close = expect(')');
        return { ...inner, start: open.start, end: close.end };
      }
      const left = operand();
      const t = peek();
      if (t.t === 'op') {
        next();
        const right = operand();
        return { k: 'cmp', op: t.v, left, right, start: left.start, end: right.end };
      }
      const negIn = isKw('not') && toks[p + 1]?.t === 'kw' && (toks[p + 1] as { v: string }).v === 'in';
      if (isKw('in') || negIn) {
        if (negIn) next();
        next();
        expect('[');
        const values: Operand[] = [];
        if (!isPunct(']')) {
          values.push(operand());
          while (isPunct(',')) { next(); values.push(operand()); }
        }
        const close = expect(']');
        return { k: 'in', left, values, negated: negIn, start: left.start, end: close.end };
      }
      if (left.k === 'var') return { k: 'bool', name: left.name, start: left.start, end: left.end };
      fail(src, 'syntax', left, '一个数值本身不是条件：请写出比较，如 fy.revenue >= 2000万元。', 'A value alone is not a condition: write a comparison such as fy.revenue >= 2000万元.');
    };

    const unary = (): Node => {
      if (isKw('not')) {
        const t = next();
        const item = unary();
        return { k: 'not', item, start: t.start, end: item.end };
      }
      return primary();
    };
    const and = (): Node => {
      const items = [unary()];
      while (isKw('and')) { next(); items.push(unary()); }
      return items.length === 1 ? items[0] : { k: 'and', items, start: items[0].start, end: items.at(-1)!.end };
    };
    function or(): Node {
      const items = [and()];
      while (isKw('or')) { next(); items.push(and()); }
      return items.length === 1 ? items[0] : { k: 'or', items, start: items[0].start, end: items.at(-1)!.end };
    }

    const ast = or();
    if (peek().t !== 'end') { const t = peek(); fail(src, 'syntax', t, '多余的内容：条件之间请用 and / or 连接。', 'Unexpected text: join conditions with and / or.'); }
    return { ast };
  } catch (e) {
    if (e instanceof SyntaxFail) return { error: e.error };
    throw e;
  }
}

// ---------- names and types ----------

const TYPE_NAME: Record<VarType | LitType, Bilingual> = {
  money: { zh: '金额', en: 'an amount' }, ratio: { zh: '比例', en: 'a ratio' }, number: { zh: '数值', en: 'a number' },
  bool: { zh: '是/否', en: 'yes/no' }, enum: { zh: '取值列表', en: 'a choice' }, text: { zh: '文字', en: 'text' }, string: { zh: '文字', en: 'text' },
};
const HINT: Partial<Record<VarType, Bilingual>> = {
  money: { zh: '金额请带单位，如 2000万元、500元、1亿元', en: 'write amounts with a unit, e.g. 2000万元, 500元, 1亿元' },
  ratio: { zh: '比例请写成百分数，如 3%', en: 'write ratios as percentages, e.g. 3%' },
};

/** Checks every name and type; returns every problem found, in source order. */
export function check(src: string, ast: Node, vars: Map<string, VarDef>): LangError[] {
  const errors: LangError[] = [];
  const typeOf = (o: Operand): VarType | LitType | null => {
    if (o.k === 'lit') return o.type;
    const def = vars.get(o.name);
    if (!def) {
      const near = [...vars.keys()].filter((k) => k.split('.').pop()!.toLowerCase() === o.name.split('.').pop()!.toLowerCase()).slice(0, 3);
      errors.push(err(src, 'unknown_variable', o, `未知变量${near.length ? `，是否指 ${near.join('、')}？` : '。'}`, `Unknown variable${near.length ? `; did you mean ${near.join(', ')}?` : '.'}`));
      return null;
    }
    return def.type;
  };
  const compatible = (a: VarType | LitType, b: VarType | LitType) =>
    a === b || ((a === 'enum' || a === 'text') && (b === 'string' || b === 'enum' || b === 'text')) || ((b === 'enum' || b === 'text') && a === 'string');
  const enumValue = (varOp: Operand, lit: Operand) => {
    if (varOp.k !== 'var' || lit.k !== 'lit' || lit.type !== 'string') return;
    const def = vars.get(varOp.name);
    if (def?.type === 'enum' && !def.values!.includes(String(lit.value))) {
      errors.push(err(src, 'unknown_value', lit, `不是 ${def.name} 的取值（可选：${def.values!.join('、')}）。`, `Not a value of ${def.name} (one of: ${def.values!.join(', ')}).`));
    }
  };
  /** A bare word next to an enum variable is one of its values, not a variable. */
  const asEnumWord = (varOp: Operand, other: Operand): Operand => {
    if (other.k === 'var' && varOp.k === 'var' && !vars.has(other.name) && vars.get(varOp.name)?.type === 'enum') {
      return { k: 'lit', type: 'string', value: other.name, text: other.name, start: other.start, end: other.end };
    }
    return other;
  };
  const mismatch = (left: Operand, right: Operand, lt: VarType | LitType, rt: VarType | LitType) => {
    const varSide = left.k === 'var' ? left : right;
    const vt = left.k === 'var' ? lt : rt;
    const hint = HINT[vt as VarType];
    errors.push(err(src, 'type_mismatch', { start: left.start, end: right.end },
      `类型不一致：${varSide.k === 'var' ? varSide.name : ''}是${TYPE_NAME[lt].zh === TYPE_NAME[vt].zh ? TYPE_NAME[lt].zh : TYPE_NAME[vt].zh}，不能与${TYPE_NAME[left.k === 'var' ? rt : lt].zh}比较${hint ? `（${hint.zh}）` : ''}。`,
      `Type mismatch: ${varSide.k === 'var' ? varSide.name : 'the left side'} is ${TYPE_NAME[vt].en} and cannot be compared with ${TYPE_NAME[left.k === 'var' ? rt : lt].en}${hint ? ` (${hint.en})` : ''}.`));
  };

  const walk = (n: Node): void => {
    switch (n.k) {
      case 'and': case 'or': n.items.forEach(walk); return;
      case 'not': walk(n.item); return;
      case 'bool': {
        const def = vars.get(n.name);
        if (!def) typeOf({ k: 'var', name: n.name, start: n.start, end: n.end });
        else if (def.type !== 'bool') errors.push(err(src, 'type_mismatch', n, `${n.name} 是${TYPE_NAME[def.type].zh}，不是“是/否”，请写出比较。`, `${n.name} is ${TYPE_NAME[def.type].en}, not yes/no; write a comparison.`));
        return;
      }
      case 'cmp': {
        n.right = asEnumWord(n.left, n.right);
        n.left = asEnumWord(n.right, n.left);
        const lt = typeOf(n.left);
        const rt = typeOf(n.right);
        if (!lt || !rt) return;
        if (n.left.k === 'lit' && n.right.k === 'lit') {
          errors.push(err(src, 'syntax', n, '两边都是常量，条件恒定。', 'Both sides are constants, so the comparison never changes.'));
          return;
        }
        if (!compatible(lt, rt)) { mismatch(n.left, n.right, lt, rt); return; }
        const ordered = ['money', 'ratio', 'number'].includes(lt);
        if (!ordered && n.op !== '==' && n.op !== '!=') {
          errors.push(err(src, 'type_mismatch', n, `${TYPE_NAME[lt].zh}只能用 == 或 != 比较。`, `${TYPE_NAME[lt].en} can only be compared with == or !=.`));
          return;
        }
        enumValue(n.left, n.right);
        enumValue(n.right, n.left);
        return;
      }
      case 'in': {
        const lt = typeOf(n.left);
        if (!lt) return;
        n.values = n.values.map((v) => asEnumWord(n.left, v));
        for (const v of n.values) {
          const vt = typeOf(v);
          if (vt && !compatible(lt, vt)) mismatch(n.left, v, lt, vt);
          else enumValue(n.left, v);
        }
        if (n.values.length === 0) errors.push(err(src, 'syntax', n, '列表为空。', 'The list is empty.'));
      }
    }
  };
  walk(ast);
  return errors.sort((a, b) => a.start - b.start);
}

/** Variables named by a condition (for cross-benefit references and dependency order). */
export function namesIn(ast: Node): string[] {
  const out = new Set<string>();
  const walk = (n: Node): void => {
    if (n.k === 'and' || n.k === 'or') n.items.forEach(walk);
    else if (n.k === 'not') walk(n.item);
    else if (n.k === 'bool') out.add(n.name);
    else if (n.k === 'cmp') { if (n.left.k === 'var') out.add(n.left.name); if (n.right.k === 'var') out.add(n.right.name); }
    else if (n.k === 'in' && n.left.k === 'var') out.add(n.left.name);
  };
  walk(ast);
  return [...out];
}

// ---------- never / always true ----------

/** One literal constraint "var op value" (after pushing negations inward), or an opaque atom. */
interface Atom extends Span { name?: string; op?: Op | 'in' | 'notin'; value?: VarValue; values?: VarValue[] }

function nnf(n: Node, neg: boolean): Node {
  switch (n.k) {
    case 'not': return nnf(n.item, !neg);
    case 'and': case 'or': return { ...n, k: neg ? (n.k === 'and' ? 'or' : 'and') : n.k, items: n.items.map((i) => nnf(i, neg)) };
    case 'cmp': {
      if (!neg) return n;
      const flip: Record<Op, Op> = { '>=': '<', '<=': '>', '>': '<=', '<': '>=', '==': '!=', '!=': '==' };
      return { ...n, op: flip[n.op] };
    }
    case 'in': return neg ? { ...n, negated: !n.negated } : n;
    case 'bool': return neg ? { k: 'cmp', op: '==', left: { k: 'var', name: n.name, start: n.start, end: n.end }, right: { k: 'lit', type: 'bool', value: false, text: 'false', start: n.end, end: n.end }, start: n.start, end: n.end } : n;
  }
}

const MAX_TERMS = 512;

/** Disjunctive normal form as lists of atoms; null when it would grow too large to check. */
function dnf(n: Node): Atom[][] | null {
  switch (n.k) {
    case 'or': {
      const out: Atom[][] = [];
      for (const i of n.items) { const d = dnf(i); if (!d) return null; out.push(...d); if (out.length > MAX_TERMS) return null; }
      return out;
    }
    case 'and': {
      let acc: Atom[][] = [[]];
      for (const i of n.items) {
        const d = dnf(i);
        if (!d) return null;
        const next: Atom[][] = [];
        for (const a of acc) for (const b of d) next.push([...a, ...b]);
        if (next.length > MAX_TERMS) return null;
        acc = next;
      }
      return acc;
    }
    case 'bool': return [[{ name: n.name, op: '==', value: true, start: n.start, end: n.end }]];
    case 'cmp': {
      const flip: Record<Op, Op> = { '>=': '<=', '<=': '>=', '>': '<', '<': '>', '==': '==', '!=': '!=' };
      if (n.left.k === 'var' && n.right.k === 'lit') return [[{ name: n.left.name, op: n.op, value: n.right.value as VarValue, start: n.start, end: n.end }]];
      if (n.right.k === 'var' && n.left.k === 'lit') return [[{ name: n.right.name, op: flip[n.op], value: n.left.value as VarValue, start: n.start, end: n.end }]];
      return [[{ start: n.start, end: n.end }]];
    }
    case 'in': {
      if (n.left.k !== 'var') return [[{ start: n.start, end: n.end }]];
      return [[{ name: n.left.name, op: n.negated ? 'notin' : 'in', values: n.values.map((v) => (v.k === 'lit' ? v.value as VarValue : null)), start: n.start, end: n.end }]];
    }
    case 'not': return dnf(nnf(n.item, true));
  }
}

interface Range { lo: number; hi: number; loOpen: boolean; hiOpen: boolean; loBy?: Atom; hiBy?: Atom }

/** Whether one conjunction of atoms can hold; if not, the two atoms that clash. */
function satisfiable(atoms: Atom[], vars: Map<string, VarDef>): { ok: true; ranges: Map<string, Range> } | { ok: false; clash: Atom[] } {
  const ranges = new Map<string, Range>();
  const sets = new Map<string, { allowed: Set<VarValue>; by: Atom[] }>();
  for (const a of atoms) {
    if (!a.name) continue;
    const def = vars.get(a.name);
    if (!def) continue;
    if (def.type === 'money' || def.type === 'ratio' || def.type === 'number') {
      if (a.op === 'in' || a.op === 'notin' || a.op === '!=') continue;
      const r = ranges.get(a.name) ?? { lo: def.min ?? -Infinity, hi: def.max ?? Infinity, loOpen: false, hiOpen: false };
      const v = a.value as number;
      const integer = def.type !== 'ratio';
      const raise = (lo: number, open: boolean) => {
        let l = lo; let o = open;
        if (integer && o) { l = Math.floor(lo) + 1; o = false; } else if (integer) { l = Math.ceil(lo); }
        if (l > r.lo || (l === r.lo && o && !r.loOpen)) { r.lo = l; r.loOpen = o; r.loBy = a; }
      };
      const lower = (hi: number, open: boolean) => {
        let h = hi; let o = open;
        if (integer && o) { h = Math.ceil(hi) - 1; o = false; } else if (integer) { h = Math.floor(hi); }
        if (h < r.hi || (h === r.hi && o && !r.hiOpen)) { r.hi = h; r.hiOpen = o; r.hiBy = a; }
      };
      if (a.op === '>=') raise(v, false);
      if (a.op === '>') raise(v, true);
      if (a.op === '<=') lower(v, false);
      if (a.op === '<') lower(v, true);
      if (a.op === '==') { raise(v, false); lower(v, false); }
      ranges.set(a.name, r);
      if (r.lo > r.hi || (r.lo === r.hi && (r.loOpen || r.hiOpen))) return { ok: false, clash: [r.loBy, r.hiBy].filter((x): x is Atom => !!x) };
    } else if (def.type === 'enum' || def.type === 'bool') {
      const all: VarValue[] = def.type === 'bool' ? [true, false] : [...def.values!];
      const s = sets.get(a.name) ?? { allowed: new Set(all), by: [] };
      const keep = (pred: (x: VarValue) => boolean) => { for (const x of [...s.allowed]) if (!pred(x)) s.allowed.delete(x); };
      if (a.op === '==') keep((x) => x === a.value);
      else if (a.op === '!=') keep((x) => x !== a.value);
      else if (a.op === 'in') keep((x) => a.values!.includes(x));
      else if (a.op === 'notin') keep((x) => !a.values!.includes(x));
      s.by.push(a);
      sets.set(a.name, s);
      if (s.allowed.size === 0) return { ok: false, clash: s.by };
    }
  }
  return { ok: true, ranges };
}

/**
 * Refuses a condition that can never hold, or always holds (given the variables' domains:
 * amounts and counts are not negative, a verdict is one of four values…).
 */
export function analyse(src: string, ast: Node, vars: Map<string, VarDef>): LangError | null {
  const terms = dnf(nnf(ast, false));
  if (!terms) return null;
  const results = terms.map((t) => satisfiable(t, vars));
  if (results.every((r) => !r.ok)) {
    const clash = (results[0] as { clash: Atom[] }).clash;
    const span = clash.length ? { start: Math.min(...clash.map((c) => c.start)), end: Math.max(...clash.map((c) => c.end)) } : { start: ast.start, end: ast.end };
    const parts = clash.map((c) => `“${src.slice(c.start, c.end)}”`).join(terms.length > 1 ? '、' : ' 与 ');
    return err(src, 'unsatisfiable', span, `条件永远不成立${parts ? `：${parts}不可能同时满足` : ''}。`, `The condition can never hold${parts ? `: ${clash.map((c) => `"${src.slice(c.start, c.end)}"`).join(' and ')} cannot both be true` : ''}.`);
  }
  const negTerms = dnf(nnf(ast, true));
  if (negTerms && negTerms.every((t) => !satisfiable(t, vars).ok)) {
    return err(src, 'always_true', ast, '条件对任何单位都成立，不起筛选作用（金额、人数不会为负，认定结果只有四种取值）。', 'The condition holds for every organisation, so it selects nothing (amounts and counts are never negative; a verdict has four values).');
  }
  return null;
}

/** The possible range of a numeric variable wherever the condition holds (for the amount check). */
export function rangeUnder(ast: Node, vars: Map<string, VarDef>, name: string): { lo: number; hi: number } {
  const def = vars.get(name);
  const whole = { lo: def?.min ?? -Infinity, hi: def?.max ?? Infinity };
  const terms = dnf(nnf(ast, false));
  if (!terms) return whole;
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of terms) {
    const r = satisfiable(t, vars);
    if (!r.ok) continue;
    const range = r.ranges.get(name);
    lo = Math.min(lo, range ? range.lo : whole.lo);
    hi = Math.max(hi, range ? range.hi : whole.hi);
  }
  return { lo, hi };
}

// ---------- evaluation ----------

export type Truth = 'true' | 'false' | 'unknown';

export interface AtomTrace { text: string; result: Truth; values: Record<string, VarValue> }

/** One evaluation's state: module-level functions over it, no closures per call (a batch evaluates 100,000 times). */
interface Evaluation { src: string; vars: Vars; trace: AtomTrace[] | null; missing: Set<string> }

function operandValue(e: Evaluation, o: Operand): VarValue | undefined {
  if (o.k === 'lit') return o.value as VarValue;
  const v = e.vars[o.name];
  if (v === null || v === undefined) {
    e.missing.add(o.name);
    return undefined;
  }
  return v;
}

function shownValues(e: Evaluation, ops: Operand[]): Record<string, VarValue> {
  const out: Record<string, VarValue> = {};
  for (const o of ops) if (o.k === 'var') out[o.name] = e.vars[o.name] ?? null;
  return out;
}

function atom(e: Evaluation, n: Node, r: Truth, values: () => Record<string, VarValue>): Truth {
  e.trace?.push({ text: e.src.slice(n.start, n.end), result: r, values: values() });
  return r;
}

function walkNode(e: Evaluation, n: Node): Truth {
  switch (n.k) {
    case 'and':
    case 'or': {
      // Every item is evaluated (no short cut): the trace and the missing names cover the whole condition.
      let anyTrue = false;
      let anyFalse = false;
      let anyUnknown = false;
      for (const item of n.items) {
        const r = walkNode(e, item);
        if (r === 'true') anyTrue = true;
        else if (r === 'false') anyFalse = true;
        else anyUnknown = true;
      }
      if (n.k === 'and') return anyFalse ? 'false' : anyUnknown ? 'unknown' : 'true';
      return anyTrue ? 'true' : anyUnknown ? 'unknown' : 'false';
    }
    case 'not': {
      const r = walkNode(e, n.item);
      return r === 'unknown' ? r : r === 'true' ? 'false' : 'true';
    }
    case 'bool': {
      const v = e.vars[n.name];
      if (v === null || v === undefined) e.missing.add(n.name);
      const r: Truth = v === null || v === undefined ? 'unknown' : v === true ? 'true' : 'false';
      return atom(e, n, r, () => ({ [n.name]: v ?? null }));
    }
    case 'cmp': {
      const a = operandValue(e, n.left);
      const b = operandValue(e, n.right);
      let r: Truth = 'unknown';
      if (a !== undefined && b !== undefined) {
        const ok = n.op === '==' ? a === b : n.op === '!=' ? a !== b
          : n.op === '>=' ? (a as number) >= (b as number) : n.op === '<=' ? (a as number) <= (b as number)
            : n.op === '>' ? (a as number) > (b as number) : (a as number) < (b as number);
        r = ok ? 'true' : 'false';
      }
      return atom(e, n, r, () => shownValues(e, [n.left, n.right]));
    }
    case 'in': {
      const a = operandValue(e, n.left);
      let r: Truth = 'unknown';
      if (a !== undefined) {
        let found = false;
        for (const v of n.values) {
          if (operandValue(e, v) === a) {
            found = true;
            break;
          }
        }
        r = found !== n.negated ? 'true' : 'false';
      }
      return atom(e, n, r, () => shownValues(e, [n.left]));
    }
  }
}

/**
 * Kleene three-valued evaluation: a missing value makes its comparison unknown. Without
 * `explain` no trace is kept (a batch only decides; its explanations are rebuilt when read).
 */
export function evaluate(src: string, ast: Node, vars: Vars, explain = true): { result: Truth; trace: AtomTrace[]; missing: string[] } {
  const e: Evaluation = { src, vars, trace: explain ? [] : null, missing: new Set() };
  const result = walkNode(e, ast);
  return { result, trace: e.trace ?? [], missing: [...e.missing] };
}
