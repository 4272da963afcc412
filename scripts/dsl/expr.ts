/**
 * GitHub Actions expressions as values. An `Expr` holds the expression source (what goes between
 * `${{` and `}}`); interpolating it into a template string yields `${{ source }}`.
 */
export class Expr {
  readonly source: string;
  /** How loosely the source binds, to parenthesise it only where an operator needs it. */
  readonly precedence: Precedence;
  constructor(source: string, precedence: Precedence = guessPrecedence(source)) {
    this.source = source;
    this.precedence = precedence;
  }
  /** `${{ source }}` — what GitHub substitutes into strings. */
  toString(): string {
    return `\${{ ${this.source} }}`;
  }
  toJSON(): string {
    return this.toString();
  }
}

/** Expression precedence, loosest first: `a || b`, `a && b`, `a == b`, `!a`, atoms and calls. */
export enum Precedence {
  Or = 0,
  And = 1,
  Compare = 2,
  Unary = 3,
  Atom = 4,
}

/** The loosest operator outside parentheses and string literals of a raw expression source. */
function guessPrecedence(src: string): Precedence {
  let depth = 0;
  let quoted = false;
  let loosest = Precedence.Atom;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === "'") quoted = !quoted;
    if (quoted) continue;
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0) {
      const two = src.slice(i, i + 2);
      if (two === '||') return Precedence.Or;
      if (two === '&&') loosest = Math.min(loosest, Precedence.And);
      else if (/^(==|!=|<=|>=)$/.test(two) || c === '<' || c === '>') {
        loosest = Math.min(loosest, Precedence.Compare);
      } else if (c === '!' && i === 0) loosest = Math.min(loosest, Precedence.Unary);
    }
  }
  return loosest;
}

export type Literal = string | number | boolean | null;
export type Operand = Expr | Literal;

/** A string literal the only way expressions allow: single quotes, with `'` doubled. */
export function quote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** The operand's source, in parentheses when it binds more loosely than `tighterThan` allows. */
function operand(v: Operand, tighterThan: Precedence = Precedence.Or): string {
  if (v instanceof Expr) return v.precedence < tighterThan ? `(${v.source})` : v.source;
  if (typeof v === 'string') return quote(v);
  if (v === null) return 'null';
  return String(v);
}

/** A literal as an expression (`lit('pull_request')` → `'pull_request'`). */
export function lit(v: Literal): Expr {
  return new Expr(operand(v), Precedence.Atom);
}

/**
 * Tagged template for raw expressions: interpolated `Expr`s insert their source, interpolated
 * plain values become properly quoted literals. `ex\`github.event_name == ${'push'}\``.
 */
export function ex(strings: TemplateStringsArray, ...values: Operand[]): Expr {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += operand(v, Precedence.Unary) + (strings[i + 1] ?? '');
  });
  return new Expr(out.trim());
}

const binary = (op: string) => (a: Operand, b: Operand) =>
  new Expr(
    `${operand(a, Precedence.Unary)} ${op} ${operand(b, Precedence.Unary)}`,
    Precedence.Compare,
  );
export const eq = binary('==');
export const ne = binary('!=');
export const lt = binary('<');
export const le = binary('<=');
export const gt = binary('>');
export const ge = binary('>=');

export function and(...xs: Operand[]): Expr {
  return new Expr(xs.map((x) => operand(x, Precedence.And)).join(' && '), Precedence.And);
}
/** `a || b`; an `&&` operand is parenthesised for the reader, though precedence would not need it. */
export function or(...xs: Operand[]): Expr {
  return new Expr(xs.map((x) => operand(x, Precedence.Compare)).join(' || '), Precedence.Or);
}
export function not(x: Operand): Expr {
  return new Expr(`!${operand(x, Precedence.Unary)}`, Precedence.Unary);
}

const call =
  (name: string) =>
  (...args: Operand[]) =>
    new Expr(`${name}(${args.map((a) => operand(a)).join(', ')})`, Precedence.Atom);
export const contains = call('contains') as (haystack: Operand, needle: Operand) => Expr;
export const startsWith = call('startsWith') as (s: Operand, prefix: Operand) => Expr;
export const endsWith = call('endsWith') as (s: Operand, suffix: Operand) => Expr;
export const format = call('format') as (fmt: Operand, ...args: Operand[]) => Expr;
export const join = call('join') as (arr: Operand, sep?: Operand) => Expr;
export const toJSON = call('toJSON') as (v: Operand) => Expr;
export const fromJSON = call('fromJSON') as (v: Operand) => Expr;
export const hashFiles = call('hashFiles') as (...patterns: Operand[]) => Expr;
export const always = () => new Expr('always()', Precedence.Atom);
export const success = () => new Expr('success()', Precedence.Atom);
export const failure = () => new Expr('failure()', Precedence.Atom);
export const cancelled = () => new Expr('cancelled()', Precedence.Atom);

/** A property path under a context, e.g. `ctx('github', 'event', 'pull_request', 'number')`. */
export function ctx(...path: string[]): Expr {
  return new Expr(path.join('.'), Precedence.Atom);
}

type NamedContext = 'secrets' | 'vars' | 'env' | 'matrix' | 'inputs' | 'steps' | 'needs';

/**
 * A closed record of context properties: `named('matrix', ['os', 'python'])` gives `m.os` →
 * `matrix.os`. Listing the names once makes a misspelled one a type error (an open record would
 * read as `Expr | undefined` under `noUncheckedIndexedAccess`, and accept any typo).
 */
export function named<const N extends string>(
  root: NamedContext,
  names: readonly N[],
): { readonly [K in N]: Expr } {
  return Object.fromEntries(names.map((n) => [n, ctx(root, n)])) as { readonly [K in N]: Expr };
}

/** `secrets.<name>` */
export const secrets = (name: string): Expr => ctx('secrets', name);
/** `vars.<name>` */
export const vars = (name: string): Expr => ctx('vars', name);
/** `env.<name>` */
export const env = (name: string): Expr => ctx('env', name);
/** `matrix.<name>` */
export const matrix = (name: string): Expr => ctx('matrix', name);

/** The `github` context's common properties; `github.event(path)` reaches into the event payload. */
export const github = {
  action_path: ctx('github', 'action_path'),
  actor: ctx('github', 'actor'),
  base_ref: ctx('github', 'base_ref'),
  event_name: ctx('github', 'event_name'),
  head_ref: ctx('github', 'head_ref'),
  job: ctx('github', 'job'),
  ref: ctx('github', 'ref'),
  ref_name: ctx('github', 'ref_name'),
  ref_type: ctx('github', 'ref_type'),
  repository: ctx('github', 'repository'),
  repository_owner: ctx('github', 'repository_owner'),
  run_id: ctx('github', 'run_id'),
  run_number: ctx('github', 'run_number'),
  server_url: ctx('github', 'server_url'),
  sha: ctx('github', 'sha'),
  token: ctx('github', 'token'),
  workflow: ctx('github', 'workflow'),
  workspace: ctx('github', 'workspace'),
  /** `github.event.<path>`: `github.event('pull_request.head.sha')`. */
  event: (path: string) => new Expr(`github.event.${path}`),
} as const;

export const runner = {
  os: ctx('runner', 'os'),
  arch: ctx('runner', 'arch'),
  temp: ctx('runner', 'temp'),
  tool_cache: ctx('runner', 'tool_cache'),
} as const;

/** Anything a workflow field may hold where GitHub accepts expressions. */
export type Value = string | number | boolean | Expr;
