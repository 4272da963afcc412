import type { Expr } from '@actions/expressions';
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
import { findEmbedded, parseExpression } from './expressions.ts';

/**
 * Three-valued evaluation of an `if:` for "a pull_request event from a fork": true, false, or
 * undefined when it depends on something else. `false` means the job or step is skipped there.
 */
export function runsForForkPR(condition: string | undefined): boolean | undefined {
  if (condition === undefined) return undefined;
  const text = ifExpressionText(condition);
  const parsed = parseExpression(text);
  if (!parsed.expr) return undefined;
  const v = evaluate(parsed.expr);
  return v === UNKNOWN ? undefined : truthy(v);
}

/** The expression of an `if:`: the bare text, or the inside of a single `${{ }}` wrapper. */
export function ifExpressionText(condition: string): string {
  const t = condition.trim();
  const emb = findEmbedded(t);
  if (emb.length === 1 && emb[0]!.start === 0 && emb[0]!.end === t.length) return emb[0]!.inner;
  return t;
}

const UNKNOWN = Symbol('unknown');
/** Opaque values known to differ from each other: the fork's repository vs the base repository. */
const FORK_REPO = Symbol('fork repository');
const BASE_REPO = Symbol('base repository');
type Value = string | number | boolean | null | symbol;

const FACTS: Record<string, Value> = {
  'github.event_name': 'pull_request',
  'github.event.pull_request.head.repo.fork': true,
  'github.event.pull_request.head.repo.full_name': FORK_REPO,
  'github.repository': BASE_REPO,
  // Any pull request's ref looks like this; only its prefix and suffix matter to conditions.
  'github.ref': 'refs/pull/0/merge',
  'github.ref_type': 'branch',
};

function truthy(v: Value): boolean {
  if (typeof v === 'symbol') return true;
  return Boolean(v);
}

function path(e: Expr): string | undefined {
  const segs: string[] = [];
  let cur: Expr = e;
  while (cur instanceof IndexAccess) {
    if (!(cur.index instanceof Literal)) return undefined;
    segs.unshift(String(cur.index.literal.coerceString()).toLowerCase());
    cur = cur.expr;
  }
  if (!(cur instanceof ContextAccess)) return undefined;
  segs.unshift(cur.name.lexeme.toLowerCase());
  return segs.join('.');
}

function evaluate(e: Expr): Value {
  if (e instanceof Literal) {
    const v = (e.literal as unknown as { value: unknown }).value;
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
  }
  if (e instanceof Grouping) return evaluate(e.group);
  if (e instanceof ContextAccess || e instanceof IndexAccess) {
    const p = path(e);
    return p !== undefined && p in FACTS ? FACTS[p]! : UNKNOWN;
  }
  if (e instanceof Unary) {
    const v = evaluate(e.expr);
    return v === UNKNOWN ? UNKNOWN : !truthy(v);
  }
  if (e instanceof Binary) {
    const op = e.operator.lexeme;
    if (op !== '==' && op !== '!=') return UNKNOWN;
    const eq = equals(evaluate(e.left), evaluate(e.right));
    if (eq === UNKNOWN) return UNKNOWN;
    return op === '==' ? eq : !eq;
  }
  if (e instanceof Logical) {
    const and = e.operator.lexeme === '&&';
    let unknown = false;
    for (const arg of e.args) {
      const v = evaluate(arg);
      if (v === UNKNOWN) unknown = true;
      else if (and && !truthy(v)) return false;
      else if (!and && truthy(v)) return true;
    }
    return unknown ? UNKNOWN : and;
  }
  if (e instanceof FunctionCall) return callFunction(e);
  return UNKNOWN;
}

/** String tests GitHub evaluates case-insensitively; anything else stays unknown. */
function callFunction(e: FunctionCall): Value {
  const name = e.functionName.lexeme.toLowerCase();
  if (!['startswith', 'endswith', 'contains'].includes(name) || e.args.length !== 2) return UNKNOWN;
  const [a, b] = e.args.map(evaluate);
  if (typeof a !== 'string' || typeof b !== 'string') return UNKNOWN;
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return name === 'startswith'
    ? x.startsWith(y)
    : name === 'endswith'
      ? x.endsWith(y)
      : x.includes(y);
}

function equals(a: Value, b: Value): boolean | typeof UNKNOWN {
  if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
  if (typeof a === 'symbol' || typeof b === 'symbol') {
    if (a === b) return true;
    return typeof a === 'symbol' && typeof b === 'symbol' ? false : UNKNOWN;
  }
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

/** Whether the condition calls a status function that lets it run after a skipped dependency. */
export function runsAfterSkippedNeeds(condition: string | undefined): boolean {
  return condition !== undefined && /\b(always|failure|cancelled)\s*\(/i.test(condition);
}
