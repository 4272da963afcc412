/**
 * GitHub Actions expressions: finding `${{ }}` in strings and parsing them with GitHub's own parser
 * (@actions/expressions). Shared by the compiler's checks and the linter.
 */
import { Expr, ExpressionError, Lexer, Parser } from '@actions/expressions';
import {
  Binary,
  ContextAccess,
  FunctionCall,
  Grouping,
  IndexAccess,
  Literal,
  Logical,
  Unary,
} from '@actions/expressions/ast';
import type { Token } from '@actions/expressions/lexer';

/** Every context a workflow expression may name (availability per key is the parser's job). */
export const KNOWN_CONTEXTS = [
  'github',
  'env',
  'vars',
  'job',
  'jobs',
  'steps',
  'runner',
  'secrets',
  'strategy',
  'matrix',
  'needs',
  'inputs',
];

/** Status and workflow-only functions, on top of the expression language's built-ins. */
const WORKFLOW_FUNCTIONS = [
  { name: 'always', minArgs: 0, maxArgs: 0 },
  { name: 'success', minArgs: 0, maxArgs: 0 },
  { name: 'failure', minArgs: 0, maxArgs: 0 },
  { name: 'cancelled', minArgs: 0, maxArgs: 0 },
  { name: 'hashfiles', minArgs: 1, maxArgs: 255 },
];

/** One `${{ … }}` inside a string value. */
export interface Embedded {
  /** Offsets of `${{` and just past `}}` in the string value. */
  start: number;
  end: number;
  /** Text between the braces. */
  inner: string;
  /** False when the closing `}}` is missing. */
  closed: boolean;
}

export function findEmbedded(value: string): Embedded[] {
  const out: Embedded[] = [];
  let from = 0;
  for (;;) {
    const start = value.indexOf('${{', from);
    if (start < 0) return out;
    let i = start + 3;
    let quoted = false;
    let end = -1;
    for (; i < value.length; i++) {
      const c = value[i];
      if (c === "'") quoted = !quoted;
      else if (!quoted && c === '}' && value[i + 1] === '}') {
        end = i + 2;
        break;
      }
    }
    if (end < 0) {
      out.push({ start, end: value.length, inner: value.slice(start + 3), closed: false });
      return out;
    }
    out.push({ start, end, inner: value.slice(start + 3, end - 2), closed: true });
    from = end;
  }
}

/** A property chain rooted at a context, e.g. `github.event.issue.title` → ['github','event','issue','title']. */
export interface ContextRef {
  /** Lower-cased segments; `*` for a wildcard or a computed index. */
  segments: string[];
  /** The same segments with their original spelling. */
  raw: string[];
}

export interface ParsedExpression {
  expr?: Expr;
  error?: { message: string; column: number };
  refs: ContextRef[];
}

const cache = new Map<string, ParsedExpression>();

/** Parses an expression (the text inside `${{ }}` or a bare `if:`), cached by text. */
export function parseExpression(text: string): ParsedExpression {
  const hit = cache.get(text);
  if (hit) return hit;
  let result: ParsedExpression;
  try {
    const lexed = new Lexer(text).lex();
    const expr = new Parser(lexed.tokens, KNOWN_CONTEXTS, WORKFLOW_FUNCTIONS).parse();
    result = { expr, refs: collectRefs(expr) };
  } catch (e) {
    const err = e as ExpressionError;
    result = {
      error: { message: err.message, column: err instanceof ExpressionError ? err.pos.column : 0 },
      refs: regexRefs(text),
    };
  }
  if (cache.size > 5000) cache.clear();
  cache.set(text, result);
  return result;
}

function collectRefs(expr: Expr): ContextRef[] {
  const out: ContextRef[] = [];
  const visit = (e: Expr): void => {
    const chain = refChain(e);
    if (chain) {
      out.push(chain);
      // Computed indexes may hold their own references: `needs[inputs.job]`.
    }
    if (e instanceof IndexAccess) {
      visit(e.expr);
      visit(e.index);
    } else if (e instanceof Binary) {
      visit(e.left);
      visit(e.right);
    } else if (e instanceof Logical) e.args.forEach(visit);
    else if (e instanceof Unary) visit(e.expr);
    else if (e instanceof Grouping) visit(e.group);
    else if (e instanceof FunctionCall) e.args.forEach(visit);
  };
  visit(expr);
  // Keep only maximal chains: `a.b.c` makes `a.b` and `a` redundant.
  const keys = out.map((r) => r.segments.join('.'));
  return out.filter((r, i) => {
    const k = keys[i]!;
    return !keys.some(
      (other, j) => j !== i && other.length > k.length && other.startsWith(`${k}.`),
    );
  });
}

function refChain(e: Expr): ContextRef | undefined {
  const raw: string[] = [];
  let cur: Expr = e;
  while (cur instanceof IndexAccess) {
    const idx = cur.index;
    raw.unshift(idx instanceof Literal ? String(idx.literal.coerceString()) : '*');
    cur = cur.expr;
  }
  if (!(cur instanceof ContextAccess)) return undefined;
  raw.unshift((cur.name as Token).lexeme);
  return { raw, segments: raw.map((s) => s.toLowerCase()) };
}

const REF_RE = new RegExp(
  `\\b(${KNOWN_CONTEXTS.join('|')})((?:\\.[A-Za-z0-9_*-]+|\\[[^\\]]*\\])*)`,
  'gi',
);

/** Best-effort references of an expression the parser rejected, so other rules still see them. */
function regexRefs(text: string): ContextRef[] {
  const out: ContextRef[] = [];
  for (const m of text.matchAll(REF_RE)) {
    const rest = m[2] ?? '';
    const raw = [m[1]!];
    for (const seg of rest.matchAll(/\.([A-Za-z0-9_*-]+)|\[\s*'([^']*)'\s*\]|\[[^\]]*\]/g)) {
      raw.push(seg[1] ?? seg[2] ?? '*');
    }
    out.push({ raw, segments: raw.map((s) => s.toLowerCase()) });
  }
  return out;
}

export function refText(ref: ContextRef): string {
  return ref.raw.join('.');
}
