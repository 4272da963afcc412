import { Expr, type Value } from './expr.ts';
import { captureOrigin, type Origin } from './origin.ts';
import type {
  CallInputSpec,
  Concurrency,
  Container,
  Defaults,
  Environment,
  Permissions,
  RunsOn,
  Service,
  Strategy,
} from './schema.ts';
import type { LintAllow, Step } from './step.ts';
import type { Workflow } from './workflow.ts';

interface JobCommon {
  name?: Value;
  if?: Expr | string;
  permissions?: Permissions;
  strategy?: Strategy;
  lintAllow?: LintAllow;
}

export interface NormalJobSpec<O extends string> extends JobCommon {
  'runs-on': RunsOn;
  environment?: Environment;
  concurrency?: Concurrency;
  outputs?: { readonly [K in O]: Expr | string };
  env?: Readonly<Record<string, Value>>;
  defaults?: Defaults;
  container?: Container;
  services?: Readonly<Record<string, Service>>;
  'timeout-minutes'?: number | Expr;
  'continue-on-error'?: boolean | Expr;
  steps: readonly Step[];
}

type RequiredInputs<I> = {
  [K in keyof I]: I[K] extends { required: true }
    ? I[K] extends { default: unknown }
      ? never
      : K
    : never;
}[keyof I];
/** What a caller passes to a reusable workflow: its required inputs must be present. */
export type CallWith<I extends Record<string, CallInputSpec>> = [keyof I] extends [never]
  ? Record<string, never>
  : { [K in RequiredInputs<I>]: Value } & { [K in Exclude<keyof I, RequiredInputs<I>>]?: Value };

/** `with` is required exactly when the callee has a required input without a default. */
type CallWithField<W extends AnyWorkflow> =
  W extends Workflow<infer I, string>
    ? [RequiredInputs<I>] extends [never]
      ? { with?: CallWith<I> }
      : { with: CallWith<I> }
    : never;

export type CallJobSpec<W extends AnyWorkflow> = JobCommon & {
  uses: W;
  secrets?: 'inherit' | Readonly<Record<string, Value>>;
} & CallWithField<W>;

export type AnyWorkflow = Workflow<any, string>;

/** Either kind of job, as the compiler reads it. */
export interface JobSpecAny extends Partial<NormalJobSpec<string>> {
  uses?: AnyWorkflow;
  with?: Readonly<Record<string, Value | undefined>>;
  secrets?: 'inherit' | Readonly<Record<string, Value>>;
}

/** A job value. Its outputs are readable only by jobs that `need` it (see `job(id, needs, fn)`). */
export interface Job<Id extends string = string, O extends string = string> {
  readonly kind: 'job';
  readonly id: Id;
  readonly needs: readonly AnyJob[];
  readonly spec: JobSpecAny;
  readonly origin?: Origin;
  /** Phantom: the declared output names. */
  readonly __outputs?: O;
}
export type AnyJob = Job<string, string>;
export type OutputsOfJob<J> = J extends Job<string, infer O> ? O : never;

/** What a job sees of one job it needs. */
export interface NeededJob<O extends string> {
  readonly outputs: { readonly [K in O]: Expr };
  /** `needs.<id>.result`: success, failure, cancelled or skipped. */
  readonly result: Expr;
}
export type NeedsContext<N extends readonly AnyJob[]> = {
  readonly [J in N[number] as J['id']]: NeededJob<OutputsOfJob<J>>;
};

function needsContext(needs: readonly AnyJob[]): Record<string, NeededJob<string>> {
  const out: Record<string, NeededJob<string>> = {};
  for (const j of needs) {
    out[j.id] = {
      outputs: new Proxy({} as Record<string, Expr>, {
        get: (_t, p) =>
          typeof p === 'string' ? new Expr(`needs.${j.id}.outputs.${p}`) : undefined,
      }),
      result: new Expr(`needs.${j.id}.result`),
    };
  }
  return out;
}

/**
 * A job. Without needs: `job(id, spec)`. With needs: `job(id, [a, b], (needs) => spec)` — the
 * callback sees only the jobs listed, so reading an output of a job that is not needed, or an
 * output that job does not declare, does not compile.
 */
export function job<const Id extends string, const O extends string = never>(
  id: Id,
  spec: NormalJobSpec<O>,
): Job<Id, O>;
export function job<
  const Id extends string,
  const N extends readonly AnyJob[],
  const O extends string = never,
>(id: Id, needs: N, spec: (needs: NeedsContext<N>) => NormalJobSpec<O>): Job<Id, O>;
export function job(
  id: string,
  a: NormalJobSpec<string> | readonly AnyJob[],
  b?: (needs: Record<string, NeededJob<string>>) => NormalJobSpec<string>,
): AnyJob {
  const origin = captureOrigin();
  if (Array.isArray(a)) return { kind: 'job', id, needs: a, spec: b!(needsContext(a)), origin };
  return { kind: 'job', id, needs: [], spec: a as JobSpecAny, origin };
}

/**
 * A job that calls a reusable workflow of this repository (emitted as `uses: ./.github/workflows/x.yml`).
 * Its `with` is checked against the callee's `workflow_call` inputs and its outputs are the callee's.
 */
export function callJob<const Id extends string, W extends AnyWorkflow>(
  id: Id,
  spec: CallJobSpec<W>,
): Job<Id, W extends Workflow<any, infer O> ? O : never>;
export function callJob<
  const Id extends string,
  const N extends readonly AnyJob[],
  W extends AnyWorkflow,
>(
  id: Id,
  needs: N,
  spec: (needs: NeedsContext<N>) => CallJobSpec<W>,
): Job<Id, W extends Workflow<any, infer O> ? O : never>;
export function callJob(
  id: string,
  a: JobSpecAny | readonly AnyJob[],
  b?: (needs: Record<string, NeededJob<string>>) => JobSpecAny,
): AnyJob {
  const origin = captureOrigin();
  if (Array.isArray(a))
    return { kind: 'job', id, needs: a, spec: b!(needsContext(a)) as JobSpecAny, origin };
  return { kind: 'job', id, needs: [], spec: a as JobSpecAny, origin };
}

/** `jobs.<id>.outputs.<name>` — for a reusable workflow's `workflow_call.outputs`. */
export function jobOutput<J extends AnyJob>(job: J, name: OutputsOfJob<J>): Expr {
  return new Expr(`jobs.${job.id}.outputs.${name}`);
}
