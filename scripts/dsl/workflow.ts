import { Expr, type Value } from './expr.ts';
import type { AnyJob } from './job.ts';
import { captureOrigin, type Origin } from './origin.ts';
import type { CallInputSpec, Concurrency, Defaults, Permissions, Triggers } from './schema.ts';
import type { LintAllow } from './step.ts';

export interface WorkflowSpec<I extends Record<string, CallInputSpec>, O extends string> {
  name: string;
  'run-name'?: Value;
  on: Triggers<I, O>;
  permissions?: Permissions;
  env?: Readonly<Record<string, Value>>;
  defaults?: Defaults;
  concurrency?: Concurrency;
  /** Jobs in the order they are emitted. Every job a job needs must be listed too. */
  jobs: readonly AnyJob[];
  lintAllow?: LintAllow;
}

/** A workflow value: the default export of `workflows-src/<name>.ts`. */
export interface Workflow<
  I extends Record<string, CallInputSpec> = Record<string, CallInputSpec>,
  O extends string = string,
> {
  readonly kind: 'workflow';
  readonly spec: WorkflowSpec<I, O>;
  readonly origin?: Origin;
  /** Phantom: call inputs and outputs, for typed callers. */
  readonly __call?: { inputs: I; outputs: O };
}

export function defineWorkflow<
  const I extends Record<string, CallInputSpec> = Record<never, CallInputSpec>,
  const O extends string = never,
>(spec: WorkflowSpec<I, O>): Workflow<I, O> {
  return { kind: 'workflow', spec, origin: captureOrigin() };
}

/** Declared inputs and typed `inputs.<name>` expressions for use in the same workflow's jobs. */
export interface Inputs<I extends Record<string, CallInputSpec>> {
  readonly spec: I;
  readonly ref: { readonly [K in keyof I]: Expr };
}

/** `const inputs = defineInputs({ tags: { type: 'string', required: true } })`. */
export function defineInputs<const I extends Record<string, CallInputSpec>>(spec: I): Inputs<I> {
  const ref = Object.fromEntries(Object.keys(spec).map((k) => [k, new Expr(`inputs.${k}`)]));
  return { spec, ref: ref as Inputs<I>['ref'] };
}
