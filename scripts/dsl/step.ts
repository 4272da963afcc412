import type { ActionBinding, AnyAction, InputValue, InputsOf, OutputsOf } from './action.ts';
import { Expr, type Value } from './expr.ts';
import { captureOrigin, type Origin } from './origin.ts';

/** Lint rules suppressed for a node, each with its reason: `{ permissions: 'why' }`. */
export type LintAllow = Readonly<Record<string, string>>;

interface StepCommon {
  name?: Value;
  if?: Expr | string;
  env?: Readonly<Record<string, Value>>;
  'continue-on-error'?: boolean | Expr;
  'timeout-minutes'?: number | Expr;
  lintAllow?: LintAllow;
}

export interface RunStepSpec<Id extends string | undefined, O extends string> extends StepCommon {
  id?: Id;
  run: string;
  shell?: string;
  'working-directory'?: Value;
  /** Outputs this script writes to `$GITHUB_OUTPUT`; only these can be read. */
  outputs?: readonly O[];
}

type RequiredKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];

/** `with` is required exactly when the action has required inputs. */
export type WithFor<A extends AnyAction> = [RequiredKeys<InputsOf<A>>] extends [never]
  ? { with?: InputsOf<A> }
  : { with: InputsOf<A> };

export type UsesStepSpec<Id extends string | undefined, A extends AnyAction> = StepCommon & {
  id?: Id;
  uses: A;
} & WithFor<A>;

export interface StepOutputs<O extends string> {
  /** `steps.<id>.outputs.<name>` for each declared output. */
  readonly outputs: { readonly [K in O]: Expr };
  /** `steps.<id>.outcome` */
  readonly outcome: Expr;
  /** `steps.<id>.conclusion` */
  readonly conclusion: Expr;
}

/** A step value. With an id, its outputs can be read through typed accessors. */
export type Step<Id extends string | undefined = string | undefined, O extends string = string> = {
  readonly kind: 'step';
  readonly id: Id;
  readonly spec: StepSpecAny;
  readonly origin?: Origin;
} & (Id extends string ? StepOutputs<O> : unknown);

export interface StepSpecAny extends StepCommon {
  id?: string;
  uses?: ActionBinding<object, string>;
  with?: Readonly<Record<string, InputValue | undefined>>;
  run?: string;
  shell?: string;
  'working-directory'?: Value;
  outputs?: readonly string[];
}

function makeStep(spec: StepSpecAny, declared: readonly string[]): Step {
  const id = spec.id;
  const base = { kind: 'step' as const, id, spec, origin: captureOrigin() };
  if (id === undefined) return base as Step;
  const known = new Set(declared);
  const outputs = new Proxy({} as Record<string, Expr>, {
    get(_t, p) {
      if (typeof p !== 'string') return undefined;
      // Types stop unknown names; this catches untyped JavaScript callers too.
      if (!known.has(p) && declared.length) {
        throw new Error(`step "${id}" has no output "${p}" (it declares: ${declared.join(', ')})`);
      }
      return new Expr(`steps.${id}.outputs.${p}`);
    },
  });
  return {
    ...base,
    outputs,
    outcome: new Expr(`steps.${id}.outcome`),
    conclusion: new Expr(`steps.${id}.conclusion`),
  } as Step;
}

/** A `run:` step. Declare `outputs` to read them later as `step.outputs.name`. */
export function run<
  const Id extends string | undefined = undefined,
  const O extends string = never,
>(spec: RunStepSpec<Id, O>): Step<Id, O> {
  return makeStep(spec, spec.outputs ?? []) as Step<Id, O>;
}

/** A `uses:` step of a typed action binding: `with` and outputs are checked against action.yml. */
export function uses<
  const Id extends string | undefined = undefined,
  A extends AnyAction = AnyAction,
>(spec: UsesStepSpec<Id, A>): Step<Id, OutputsOf<A>> {
  return makeStep(spec as StepSpecAny, spec.uses.outputs) as Step<Id, OutputsOf<A>>;
}
