/**
 * GitHub Actions expressions as values. An `Expr` holds the expression source (what goes between
 * `${{` and `}}`); interpolating it into a template string yields `${{ source }}`.
 */
export class Expr {
  readonly source: string;
  constructor(source: string) {
    this.source = source;
  }
  /** `${{ source }}` — what GitHub substitutes into strings. */
  toString(): string {
    return `\${{ ${this.source} }}`;
  }
  toJSON(): string {
    return this.toString();
  }
}

export type Literal = string | number | boolean | null;
export type Operand = Expr | Literal;

/** A string literal the only way expressions allow: single quotes, with `'` doubled. */
export function quote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function operand(v: Operand): string {
  if (v instanceof Expr) return needsParens(v.source) ? `(${v.source})` : v.source;
  if (typeof v === 'string') return quote(v);
  if (v === null) return 'null';
  return String(v);
}

function needsParens(src: string): boolean {
  return /\s(&&|\|\||==|!=|<=|>=|<|>)\s/.test(src);
}

/** A literal as an expression (`lit('pull_request')` → `'pull_request'`). */
export function lit(v: Literal): Expr {
  return new Expr(operand(v));
}

/**
 * Tagged template for raw expressions: interpolated `Expr`s insert their source, interpolated
 * plain values become properly quoted literals. `ex\`github.event_name == ${'push'}\``.
 */
export function ex(strings: TemplateStringsArray, ...values: Operand[]): Expr {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += operand(v) + (strings[i + 1] ?? '');
  });
  return new Expr(out.trim());
}

const binary = (op: string) => (a: Operand, b: Operand) =>
  new Expr(`${operand(a)} ${op} ${operand(b)}`);
export const eq = binary('==');
export const ne = binary('!=');
export const lt = binary('<');
export const le = binary('<=');
export const gt = binary('>');
export const ge = binary('>=');

export function and(...xs: Operand[]): Expr {
  return new Expr(xs.map(operand).join(' && '));
}
export function or(...xs: Operand[]): Expr {
  return new Expr(xs.map(operand).join(' || '));
}
export function not(x: Operand): Expr {
  const simple = !(x instanceof Expr) || /^[\w.-]+(\([^()]*\))?$/.test(x.source);
  return new Expr(simple ? `!${operand(x)}` : `!(${x.source})`);
}

const call =
  (name: string) =>
  (...args: Operand[]) =>
    new Expr(`${name}(${args.map(operand).join(', ')})`);
export const contains = call('contains') as (haystack: Operand, needle: Operand) => Expr;
export const startsWith = call('startsWith') as (s: Operand, prefix: Operand) => Expr;
export const endsWith = call('endsWith') as (s: Operand, suffix: Operand) => Expr;
export const format = call('format') as (fmt: Operand, ...args: Operand[]) => Expr;
export const join = call('join') as (arr: Operand, sep?: Operand) => Expr;
export const toJSON = call('toJSON') as (v: Operand) => Expr;
export const fromJSON = call('fromJSON') as (v: Operand) => Expr;
export const hashFiles = call('hashFiles') as (...patterns: Operand[]) => Expr;
export const always = () => new Expr('always()');
export const success = () => new Expr('success()');
export const failure = () => new Expr('failure()');
export const cancelled = () => new Expr('cancelled()');

/** A property path under a context, e.g. `ctx('github', 'event', 'pull_request', 'number')`. */
export function ctx(...path: string[]): Expr {
  return new Expr(path.join('.'));
}

/** Object whose every property `p` is the expression `<root>.p` — for secrets, vars, env, matrix. */
function contextRecord(root: string): Readonly<Record<string, Expr>> {
  return new Proxy({} as Record<string, Expr>, {
    get: (_t, p) => (typeof p === 'string' ? new Expr(`${root}.${p}`) : undefined),
  });
}

export const secrets = contextRecord('secrets');
export const vars = contextRecord('vars');
export const env = contextRecord('env');
export const matrix = contextRecord('matrix');

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
