import { comparePermissions, mayWrite } from './permissions.ts';
import {
  REPORT_VERSION,
  type ActionChange,
  type Change,
  type JobChange,
  type PermissionChange,
  type PermissionsSpec,
  type Pin,
  type PinChange,
  type ReviewReport,
  type RunnerChange,
  type SecretChange,
  type WorkflowReport,
} from './report.ts';
import { diffTriggers } from './trigger-diff.ts';
import {
  emptyFacts,
  extractWorkflowFacts,
  WorkflowParseError,
  type JobFacts,
  type WorkflowFacts,
} from './workflow-facts.ts';

/** File path → file text, for one side of the comparison. */
export type WorkflowTexts = ReadonlyMap<string, string>;

/**
 * Compares two sets of workflow files and lists what a reviewer must notice. Pure: no I/O. Files
 * whose changes are all reviewer-irrelevant (step scripts, env, formatting) are left out.
 */
export function diffWorkflows(before: WorkflowTexts, after: WorkflowTexts): ReviewReport {
  const files = [...new Set([...before.keys(), ...after.keys()])].sort();
  const workflows: WorkflowReport[] = [];
  for (const file of files) {
    const b = before.get(file);
    const a = after.get(file);
    if (b === a) continue;
    const status = b === undefined ? 'added' : a === undefined ? 'removed' : 'modified';
    const report = diffWorkflow(file, status, b, a);
    if (status !== 'modified' || report.changes.length) workflows.push(report);
  }
  return { version: REPORT_VERSION, workflows };
}

function parseSide(
  text: string | undefined,
  side: 'before' | 'after',
  changes: Change[],
): WorkflowFacts {
  if (text === undefined) return emptyFacts();
  try {
    return extractWorkflowFacts(text);
  } catch (e) {
    if (!(e instanceof WorkflowParseError)) throw e;
    changes.push({ kind: 'parse-error', side, message: e.message, security: false });
    return emptyFacts();
  }
}

function diffWorkflow(
  file: string,
  status: WorkflowReport['status'],
  beforeText: string | undefined,
  afterText: string | undefined,
): WorkflowReport {
  const changes: Change[] = [];
  const before = parseSide(beforeText, 'before', changes);
  const after = parseSide(afterText, 'after', changes);
  const name: WorkflowReport['name'] = {};
  if (beforeText !== undefined) name.before = before.name ?? file;
  if (afterText !== undefined) name.after = after.name ?? file;

  if (status === 'removed') {
    // What disappears with the file that matters: the status checks its jobs reported.
    changes.push(...diffJobs(before, emptyFacts()));
    return { file, status, name, changes };
  }
  if (status === 'modified' && before.name !== after.name) {
    changes.push({
      kind: 'workflow-name',
      before: before.name ?? null,
      after: after.name ?? null,
      security: false,
    });
  }
  changes.push(...diffTriggers(before.triggers, after.triggers));
  changes.push(...diffPermissions(before, after, status === 'added'));
  changes.push(...diffJobs(before, after));
  changes.push(...diffRunners(before, after));
  changes.push(...diffActions(before, after));
  changes.push(...diffSecrets(before, after));
  return { file, status, name, changes };
}

function effective(job: JobFacts, wf: WorkflowFacts): PermissionsSpec {
  return job.permissions ?? wf.permissions;
}

/** Keys in one fixed order, so that the JSON output reads the same for every change. */
function permissionChange(
  job: string | undefined,
  c: Pick<PermissionChange, 'direction' | 'scopes'>,
  before: PermissionsSpec | undefined,
  after: PermissionsSpec,
): PermissionChange {
  return {
    kind: 'permissions',
    ...(job !== undefined ? { job } : {}),
    direction: c.direction,
    ...(before ? { before } : {}),
    after,
    scopes: c.scopes,
    security: c.direction === 'new' ? mayWrite(after) : c.direction !== 'narrowed',
  };
}

const NEW: Pick<PermissionChange, 'direction' | 'scopes'> = { direction: 'new', scopes: [] };

function diffPermissions(
  before: WorkflowFacts,
  after: WorkflowFacts,
  isNewWorkflow: boolean,
): PermissionChange[] {
  const changes: PermissionChange[] = [];
  if (isNewWorkflow) {
    changes.push(permissionChange(undefined, NEW, undefined, after.permissions));
  } else {
    const c = comparePermissions(before.permissions, after.permissions);
    if (c) changes.push(permissionChange(undefined, c, before.permissions, after.permissions));
  }
  for (const [id, job] of after.jobs) {
    const old = before.jobs.get(id);
    if (!old) {
      // A new job is worth a line when it sets its own token, or inherits one that may write
      // from a workflow the reviewer is not looking at.
      const p = effective(job, after);
      if (job.permissions || (!isNewWorkflow && mayWrite(p))) {
        changes.push(permissionChange(id, NEW, undefined, p));
      }
      continue;
    }
    // Only where the job's own block changed: a workflow-level change is reported once above.
    if (!old.permissions && !job.permissions) continue;
    const b = effective(old, before);
    const a = effective(job, after);
    const c = comparePermissions(b, a);
    if (c) changes.push(permissionChange(id, c, b, a));
  }
  return changes;
}

function diffJobs(before: WorkflowFacts, after: WorkflowFacts): JobChange[] {
  const changes: JobChange[] = [];
  for (const [id, job] of after.jobs) {
    const old = before.jobs.get(id);
    if (!old) {
      changes.push({
        kind: 'job',
        change: 'added',
        job: id,
        checkName: { after: job.checkName },
        runsOn: job.runsOn,
        security: false,
      });
    } else if (old.checkName !== job.checkName) {
      changes.push({
        kind: 'job',
        change: 'renamed',
        job: id,
        checkName: { before: old.checkName, after: job.checkName },
        security: false,
      });
    }
  }
  for (const [id, old] of before.jobs) {
    if (!after.jobs.has(id)) {
      changes.push({
        kind: 'job',
        change: 'removed',
        job: id,
        checkName: { before: old.checkName },
        security: false,
      });
    }
  }
  return changes;
}

function diffRunners(before: WorkflowFacts, after: WorkflowFacts): RunnerChange[] {
  const changes: RunnerChange[] = [];
  for (const [id, job] of after.jobs) {
    const old = before.jobs.get(id);
    if (!old || old.runsOn === job.runsOn) continue;
    // A self-hosted runner keeps state between jobs: moving work onto one is a security decision.
    const selfHosted = (s: string) => s.includes('self-hosted');
    const security = selfHosted(job.runsOn) && !selfHosted(old.runsOn);
    changes.push({ kind: 'runner', job: id, before: old.runsOn, after: job.runsOn, security });
  }
  return changes;
}

const FIRST_PARTY_OWNERS = new Set(['actions', 'github']);

export function isThirdParty(action: string): boolean {
  if (action.startsWith('./')) return false;
  if (action.startsWith('docker://')) return true;
  return !FIRST_PARTY_OWNERS.has(action.split('/')[0]!);
}

function pinKey(p: Pin): string {
  return `${p.ref} ${p.constraint ?? ''}`;
}

function sortPins(pins: Pin[]): Pin[] {
  return [...pins].sort((x, y) => pinKey(x).localeCompare(pinKey(y)));
}

function diffActions(before: WorkflowFacts, after: WorkflowFacts): (ActionChange | PinChange)[] {
  const added: ActionChange[] = [];
  const removed: ActionChange[] = [];
  const moved: PinChange[] = [];
  const names = [...new Set([...before.actions.keys(), ...after.actions.keys()])].sort();
  for (const action of names) {
    const b = before.actions.get(action);
    const a = after.actions.get(action);
    const thirdParty = isThirdParty(action);
    if (!b && a) {
      const pins = sortPins(a.pins);
      added.push({
        kind: 'action',
        change: 'added',
        action,
        thirdParty,
        pins,
        jobs: a.jobs,
        security: thirdParty,
      });
    } else if (b && !a) {
      const pins = sortPins(b.pins);
      removed.push({
        kind: 'action',
        change: 'removed',
        action,
        thirdParty,
        pins,
        jobs: b.jobs,
        security: false,
      });
    } else if (b && a) {
      const bp = sortPins(b.pins);
      const ap = sortPins(a.pins);
      if (bp.map(pinKey).join('\n') === ap.map(pinKey).join('\n')) continue;
      // A pin that left a full SHA can move under the reviewer's feet.
      const security = ap.some((p) => !p.sha && !action.startsWith('./'));
      moved.push({ kind: 'pin', action, before: bp, after: ap, security });
    }
  }
  return [...added, ...removed, ...moved];
}

function diffSecrets(before: WorkflowFacts, after: WorkflowFacts): SecretChange[] {
  const changes: SecretChange[] = [];
  for (const secret of [...after.secrets.keys()].sort()) {
    if (before.secrets.has(secret)) continue;
    const where = [...after.secrets.get(secret)!].sort();
    changes.push({ kind: 'secret', secret, where, security: true });
  }
  return changes;
}
