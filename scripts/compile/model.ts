import type { ActionBinding } from '../dsl/action.ts';
import { Expr } from '../dsl/expr.ts';
import type { AnyJob, JobSpecAny } from '../dsl/job.ts';
import type { Origin } from '../dsl/origin.ts';
import type { Step } from '../dsl/step.ts';
import type { Workflow } from '../dsl/workflow.ts';

/**
 * The typed model of one output file: plain, ordered data ready to become YAML, plus what the
 * checks and the pinning pass need to know about it (where each part came from, which `uses:`
 * refer to actions, which lint suppressions to emit as comments).
 */
export interface FileModel {
  /** Repository-relative source path (`workflows-src/build.ts`). */
  source: string;
  /** Repository-relative output path (`.github/workflows/build.yml`). */
  output: string;
  kind: 'workflow' | 'yaml';
  data: Record<string, unknown>;
  /** Path inside the file (`jobs.build.steps[2]`) → where it was written in the source. */
  origins: Map<string, Origin>;
  /** Every remote or local action referenced by a step. */
  uses: UsesSite[];
  /** Comment lines emitted directly above a node, keyed by its path ('' for the whole file). */
  comments: Map<string, string[]>;
}

export interface UsesSite {
  /** Path of the `uses` key, as segments for `doc.getIn` (`['jobs', 'build', 'steps', 2, 'uses']`). */
  segments: (string | number)[];
  path: string;
  binding: ActionBinding<object, string>;
  origin?: Origin;
}

export type Segment = string | number;

export function pathString(segments: readonly Segment[]): string {
  return segments
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`))
    .join('');
}

/** Converts authoring values into YAML-ready data: expressions become `${{ }}` strings. */
export function plain(v: unknown): unknown {
  if (v instanceof Expr) return v.toString();
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = plain(x);
    return out;
  }
  return v;
}

/** `if:` is written as the bare expression, the way GitHub's documentation shows it. */
function condition(v: Expr | string | undefined): string | undefined {
  if (v === undefined) return undefined;
  return v instanceof Expr ? v.source : v;
}

/** Builds an object with keys in the given order, dropping undefined values. */
function ordered(
  order: readonly string[],
  values: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of order) if (values[k] !== undefined) out[k] = values[k];
  return out;
}

const WORKFLOW_KEYS = [
  'name',
  'run-name',
  'on',
  'permissions',
  'env',
  'defaults',
  'concurrency',
  'jobs',
];
const JOB_KEYS = [
  'name',
  'needs',
  'if',
  'runs-on',
  'environment',
  'permissions',
  'concurrency',
  'outputs',
  'env',
  'defaults',
  'strategy',
  'container',
  'services',
  'timeout-minutes',
  'continue-on-error',
  'uses',
  'with',
  'secrets',
  'steps',
];
const STEP_KEYS = [
  'id',
  'name',
  'if',
  'uses',
  'with',
  'env',
  'run',
  'working-directory',
  'shell',
  'continue-on-error',
  'timeout-minutes',
];

function lintComments(allow: Readonly<Record<string, string>> | undefined): string[] {
  return Object.entries(allow ?? {}).map(([rule, reason]) => ` lint-allow ${rule}: ${reason}`);
}

/**
 * Stands for a called workflow value that is no source's default export (it has no file to call
 * by path); the structure check reports it.
 */
export const UNRESOLVED_WORKFLOW = '<not the default export of a workflows-src/ source>';

export interface ModelContext {
  /** Output path of each workflow value in this repository, for reusable-workflow calls. */
  workflowPaths: Map<Workflow, string>;
}

export function workflowModel(
  wf: Workflow,
  source: string,
  output: string,
  ctx: ModelContext,
): FileModel {
  const model: FileModel = {
    source,
    output,
    kind: 'workflow',
    data: {},
    origins: new Map(),
    uses: [],
    comments: new Map(),
  };
  const s = wf.spec;
  if (wf.origin) model.origins.set('', wf.origin);
  const fileComments = lintComments(s.lintAllow);
  if (fileComments.length) model.comments.set('', fileComments);

  const jobs: Record<string, unknown> = {};
  for (const j of s.jobs) jobs[j.id] = jobModel(j, model, ctx);

  model.data = ordered(WORKFLOW_KEYS, {
    name: s.name,
    'run-name': plain(s['run-name']),
    on: plain(s.on),
    permissions: s.permissions,
    env: plain(s.env),
    defaults: plain(s.defaults),
    concurrency: plain(s.concurrency),
    jobs,
  });
  return model;
}

function jobModel(j: AnyJob, model: FileModel, ctx: ModelContext): Record<string, unknown> {
  const base = ['jobs', j.id];
  const path = pathString(base);
  if (j.origin) model.origins.set(path, j.origin);
  const c = lintComments(j.spec.lintAllow);
  if (c.length) model.comments.set(path, c);
  const s: JobSpecAny = j.spec;

  let uses: string | undefined;
  if (s.uses) {
    uses = ctx.workflowPaths.get(s.uses);
    uses = uses ? `./${uses}` : UNRESOLVED_WORKFLOW;
  }
  return ordered(JOB_KEYS, {
    name: plain(s.name),
    needs: j.needs.length ? j.needs.map((n) => n.id) : undefined,
    if: condition(s.if),
    'runs-on': plain(s['runs-on']),
    environment: plain(s.environment),
    permissions: s.permissions,
    concurrency: plain(s.concurrency),
    outputs: plain(s.outputs),
    env: plain(s.env),
    defaults: plain(s.defaults),
    strategy: plain(s.strategy),
    container: plain(s.container),
    services: plain(s.services),
    'timeout-minutes': plain(s['timeout-minutes']),
    'continue-on-error': plain(s['continue-on-error']),
    uses,
    with: s.with && Object.keys(s.with).length ? plain(s.with) : undefined,
    secrets: plain(s.secrets),
    steps: s.steps?.map((st, i) => stepModel(st, [...base, 'steps', i], model)),
  });
}

function stepModel(st: Step, segments: Segment[], model: FileModel): Record<string, unknown> {
  const path = pathString(segments);
  if (st.origin) model.origins.set(path, st.origin);
  const c = lintComments(st.spec.lintAllow);
  if (c.length) model.comments.set(path, c);
  const s = st.spec;
  if (s.uses) {
    model.uses.push({
      segments: [...segments, 'uses'],
      path: `${path}.uses`,
      binding: s.uses,
      ...(st.origin ? { origin: st.origin } : {}),
    });
  }
  return ordered(STEP_KEYS, {
    id: s.id,
    name: plain(s.name),
    if: condition(s.if),
    uses: s.uses?.uses,
    with: plain(s.with),
    env: plain(s.env),
    run: s.run,
    'working-directory': plain(s['working-directory']),
    shell: s.shell,
    'continue-on-error': plain(s['continue-on-error']),
    'timeout-minutes': plain(s['timeout-minutes']),
  });
}
