/** The authoring API for `workflows-src/`: everything a workflow source imports comes from here. */
export {
  Expr,
  always,
  and,
  cancelled,
  contains,
  ctx,
  endsWith,
  env,
  eq,
  ex,
  failure,
  format,
  fromJSON,
  ge,
  github,
  gt,
  hashFiles,
  join,
  le,
  lit,
  lt,
  matrix,
  named,
  ne,
  not,
  or,
  quote,
  runner,
  secrets,
  startsWith,
  success,
  toJSON,
  vars,
  type Value,
} from './expr.ts';
export {
  defineAction,
  localAction,
  untyped,
  type ActionBinding,
  type InputValue,
} from './action.ts';
export { action, type PinnedAction } from './actions.ts';
export { run, uses, type Step, type LintAllow } from './step.ts';
export { callJob, job, jobOutput, type Job, type NeedsContext } from './job.ts';
export { defineInputs, defineWorkflow, type Workflow, type WorkflowSpec } from './workflow.ts';
export type { Permissions, PermissionScope } from './schema.ts';
export { defineDependabot, defineIssueConfig, defineIssueForm } from './github-files.ts';
