/**
 * The result of comparing the workflows of two trees: what a reviewer must notice. This is also
 * the `--format json` shape (`REPORT_VERSION` changes when a field changes meaning or goes away).
 */
export const REPORT_VERSION = 1;

export interface ReviewReport {
  version: typeof REPORT_VERSION;
  /** One entry per workflow file that was added, removed or changed in a reviewer-relevant way. */
  workflows: WorkflowReport[];
}

export interface WorkflowReport {
  /** Repository-relative path, e.g. `.github/workflows/ci.yml`. */
  file: string;
  status: 'added' | 'removed' | 'modified';
  /** The workflow's `name:` on each side (undefined on the side where the file is absent). */
  name: { before?: string; after?: string };
  changes: Change[];
}

export type Change =
  | ParseErrorChange
  | WorkflowNameChange
  | TriggerChange
  | PermissionChange
  | JobChange
  | RunnerChange
  | ActionChange
  | PinChange
  | SecretChange;

/** Every change says whether it touches security (token scope, secrets, untrusted code). */
interface ChangeBase {
  /** True for items a reviewer must weigh for security; shown with ⚠. */
  security: boolean;
}

/** A side could not be read as YAML; the rest of the comparison treats it as empty. */
export interface ParseErrorChange extends ChangeBase {
  kind: 'parse-error';
  side: 'before' | 'after';
  message: string;
}

export interface WorkflowNameChange extends ChangeBase {
  kind: 'workflow-name';
  before: string | null;
  after: string | null;
}

/**
 * One event's trigger. `filters` lists the differences of its filters (branches, paths, types,
 * cron, inputs…); for an added or removed event it lists all of them.
 */
export interface TriggerChange extends ChangeBase {
  kind: 'trigger';
  change: 'added' | 'removed' | 'changed';
  event: string;
  filters: FilterDiff[];
}

export interface FilterDiff {
  /** `branches`, `paths-ignore`, `types`, `cron`, `inputs`, `outputs`, `secrets`, … */
  filter: string;
  /** Whether the filter itself appeared or disappeared (a removed filter no longer limits). */
  status: 'added' | 'removed' | 'changed';
  added: string[];
  removed: string[];
  /** Keyed filters (inputs, outputs, secrets): entries present on both sides that differ. */
  changed: { key: string; before: string; after: string }[];
}

export type Access = 'none' | 'read' | 'write';

/** Token permissions as declared: the repository default, a shorthand, or explicit scopes. */
export type PermissionsSpec =
  | { kind: 'default' }
  | { kind: 'read-all' }
  | { kind: 'write-all' }
  | { kind: 'scopes'; scopes: Record<string, Access> };

export interface ScopeDiff {
  scope: string;
  before: Access;
  after: Access;
}

/**
 * Permissions of the workflow (`job` undefined) or of one job changed. For a job, `before` and
 * `after` are what it effectively gets (its own block, else the workflow's, else the default).
 */
export interface PermissionChange extends ChangeBase {
  kind: 'permissions';
  job?: string;
  /**
   * `changed` when it depends on the repository's default-token setting; `new` for a workflow or
   * job that did not exist before.
   */
  direction: 'widened' | 'narrowed' | 'changed' | 'new';
  /** Undefined when the workflow or job did not exist before. */
  before?: PermissionsSpec;
  after: PermissionsSpec;
  /** Per-scope differences; empty when one side is the repository default (not knowable here). */
  scopes: ScopeDiff[];
}

/**
 * A job appeared, disappeared or changed its display name. `checkName` is the status check's name
 * (the display name, else the id): branch protection matches it, so any of these can block merges.
 */
export interface JobChange extends ChangeBase {
  kind: 'job';
  change: 'added' | 'removed' | 'renamed';
  job: string;
  checkName: { before?: string; after?: string };
  /** For added jobs: where it runs (runner labels, or the reusable workflow it calls). */
  runsOn?: string;
}

export interface RunnerChange extends ChangeBase {
  kind: 'runner';
  job: string;
  before: string;
  after: string;
}

/** One `uses:` as written: the ref after `@`, the commit SHA and the ratchet constraint. */
export interface Pin {
  /** What follows `@` in `uses:` (a SHA when pinned); empty for local actions. */
  ref: string;
  /** The full commit SHA when `ref` is one. */
  sha?: string;
  /** The human constraint: the `# ratchet:owner/repo@<constraint>` comment, else a non-SHA ref. */
  constraint?: string;
}

export interface ActionChange extends ChangeBase {
  kind: 'action';
  change: 'added' | 'removed';
  /** `owner/repo[/path]`, `./local/path` or `docker://image`. */
  action: string;
  /** Owner other than `actions`/`github`, and not local to the repository. */
  thirdParty: boolean;
  pins: Pin[];
  jobs: string[];
}

export interface PinChange extends ChangeBase {
  kind: 'pin';
  action: string;
  before: Pin[];
  after: Pin[];
}

/** A secret referenced (`secrets.X`, `secrets['X']`, `secrets: inherit`) that was not before. */
export interface SecretChange extends ChangeBase {
  kind: 'secret';
  /** Secret name; `inherit` for `secrets: inherit` (all secrets passed to a called workflow). */
  secret: string;
  /** Job ids referencing it; `(workflow)` for references outside jobs. */
  where: string[];
}

export type ChangeKind = Change['kind'];

/** Rendering order of change kinds inside a workflow. */
export const CHANGE_ORDER: readonly ChangeKind[] = [
  'parse-error',
  'workflow-name',
  'trigger',
  'permissions',
  'job',
  'runner',
  'action',
  'pin',
  'secret',
];

export function countSecurity(report: ReviewReport): number {
  return report.workflows.reduce((n, w) => n + w.changes.filter((c) => c.security).length, 0);
}

export const NOTHING_TO_REPORT = 'No reviewer-relevant changes in .github/workflows';
