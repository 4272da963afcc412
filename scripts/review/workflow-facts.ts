import { isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { actionName, isFullSha, parseActionRef } from '../lock/lock.ts';
import { parsePermissions } from './permissions.ts';
import type { Pin, PermissionsSpec } from './report.ts';

/** The facts of one workflow file that a reviewer cares about, normalised for comparison. */
export interface WorkflowFacts {
  name?: string;
  /** Event name → its filters. */
  triggers: Map<string, TriggerFilters>;
  permissions: PermissionsSpec;
  jobs: Map<string, JobFacts>;
  /** Action name → where and how it is used. */
  actions: Map<string, ActionUse>;
  /** Secret name → job ids (or `(workflow)`) referencing it. */
  secrets: Map<string, Set<string>>;
}

/** A filter is a set (branches, paths, types, cron) or keyed entries (inputs, outputs, secrets). */
export type FilterValue =
  { kind: 'set'; items: string[] } | { kind: 'keyed'; items: Record<string, string> };
export type TriggerFilters = Map<string, FilterValue>;

export interface JobFacts {
  id: string;
  /** The status check's name: `name:` if set, else the job id. */
  checkName: string;
  /** Runner labels, or `calls <workflow>` for a reusable-workflow job. */
  runsOn: string;
  /** The job's own `permissions:`; undefined when it inherits the workflow's. */
  permissions?: PermissionsSpec;
}

export interface ActionUse {
  pins: Pin[];
  jobs: string[];
}

export class WorkflowParseError extends Error {}

export const WORKFLOW_LEVEL = '(workflow)';

export function emptyFacts(): WorkflowFacts {
  return {
    triggers: new Map(),
    permissions: { kind: 'default' },
    jobs: new Map(),
    actions: new Map(),
    secrets: new Map(),
  };
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses one workflow file; throws `WorkflowParseError` (with line:col) on invalid YAML. */
export function extractWorkflowFacts(text: string): WorkflowFacts {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, lineCounter });
  const err = doc.errors[0];
  if (err) {
    const at = lineCounter.linePos(err.pos[0]);
    throw new WorkflowParseError(`${at ? `${at.line}:${at.col}: ` : ''}${err.message}`);
  }
  const root: unknown = doc.toJS();
  if (root === null || root === undefined) return emptyFacts();
  if (!isObject(root)) throw new WorkflowParseError('the top level is not a mapping');

  const facts = emptyFacts();
  if (typeof root.name === 'string') facts.name = root.name;
  facts.triggers = extractTriggers(root.on);
  facts.permissions = parsePermissions(root.permissions);
  const jobs = isObject(root.jobs) ? root.jobs : {};
  for (const [id, job] of Object.entries(jobs)) {
    if (!isObject(job)) continue;
    facts.jobs.set(id, extractJob(id, job));
    collectUses(doc, id, job, facts.actions);
  }
  collectSecrets(root, facts.secrets);
  return facts;
}

function extractJob(id: string, job: Json): JobFacts {
  const facts: JobFacts = {
    id,
    checkName: typeof job.name === 'string' ? job.name : id,
    runsOn: typeof job.uses === 'string' ? `calls ${job.uses}` : describeRunsOn(job['runs-on']),
  };
  if (job.permissions !== undefined) facts.permissions = parsePermissions(job.permissions);
  return facts;
}

/** `ubuntu-latest`, `[self-hosted, linux]`, `group: gpu, labels: [x]`, or an expression. */
export function describeRunsOn(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  if (Array.isArray(value)) return `[${value.map(String).join(', ')}]`;
  if (isObject(value)) {
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${Array.isArray(v) ? `[${v.map(String).join(', ')}]` : String(v)}`)
      .join(', ');
  }
  return String(value);
}

function extractTriggers(on: unknown): Map<string, TriggerFilters> {
  const triggers = new Map<string, TriggerFilters>();
  if (typeof on === 'string') triggers.set(on, new Map());
  else if (Array.isArray(on)) for (const e of on) triggers.set(String(e), new Map());
  else if (isObject(on)) {
    for (const [event, config] of Object.entries(on)) triggers.set(event, extractFilters(config));
  }
  return triggers;
}

function extractFilters(config: unknown): TriggerFilters {
  const filters: TriggerFilters = new Map();
  // `schedule` is a list of `{cron: …}` entries.
  if (Array.isArray(config)) {
    const crons = config.map((e) => (isObject(e) ? String(e.cron) : String(e)));
    filters.set('cron', { kind: 'set', items: crons });
    return filters;
  }
  if (!isObject(config)) return filters;
  for (const [name, value] of Object.entries(config)) {
    if (Array.isArray(value)) filters.set(name, { kind: 'set', items: value.map(String) });
    else if (isObject(value)) {
      const items: Record<string, string> = {};
      for (const [key, entry] of Object.entries(value)) items[key] = describeEntry(entry);
      filters.set(name, { kind: 'keyed', items });
    } else if (value !== null && value !== undefined) {
      filters.set(name, { kind: 'set', items: [String(value)] });
    }
  }
  return filters;
}

/** An input/output/secret declaration in one line, leaving out its description. */
function describeEntry(entry: unknown): string {
  if (!isObject(entry)) return entry === null || entry === undefined ? '' : String(entry);
  const parts: string[] = [];
  if (entry.type !== undefined) parts.push(String(entry.type));
  if (entry.required === true) parts.push('required');
  for (const [k, v] of Object.entries(entry)) {
    if (k === 'type' || k === 'required' || k === 'description') continue;
    parts.push(`${k}: ${Array.isArray(v) ? v.map(String).join('|') : String(v)}`);
  }
  return parts.join(', ');
}

const RATCHET = /ratchet:([^\s@]+)@(\S+)/;

/** Reads `uses:` of the job and its steps with their ratchet comments (kept only by the AST). */
function collectUses(doc: Document, jobId: string, job: Json, out: Map<string, ActionUse>): void {
  const paths: (string | number)[][] = [];
  if (typeof job.uses === 'string') paths.push(['jobs', jobId, 'uses']);
  if (Array.isArray(job.steps)) {
    job.steps.forEach((step, i) => {
      if (isObject(step) && typeof step.uses === 'string')
        paths.push(['jobs', jobId, 'steps', i, 'uses']);
    });
  }
  for (const path of paths) {
    const node = doc.getIn(path, true);
    if (!isScalar(node) || typeof node.value !== 'string') continue;
    const { name, pin } = describeUses(node.value.trim(), node.comment ?? '');
    const use = out.get(name) ?? { pins: [], jobs: [] };
    if (!use.pins.some((p) => p.ref === pin.ref && p.constraint === pin.constraint))
      use.pins.push(pin);
    if (!use.jobs.includes(jobId)) use.jobs.push(jobId);
    out.set(name, use);
  }
}

export function describeUses(uses: string, comment: string): { name: string; pin: Pin } {
  const ref = parseActionRef(uses);
  if (!ref) return { name: uses, pin: { ref: '' } };
  const pin: Pin = { ref: ref.constraint };
  if (isFullSha(ref.constraint)) {
    pin.sha = ref.constraint;
    const m = RATCHET.exec(comment);
    if (m) pin.constraint = m[2]!;
  } else {
    pin.constraint = ref.constraint;
  }
  return { name: actionName(ref), pin };
}

const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;
const SECRET_REF =
  /(?<![\w.-])secrets\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_]*)|\[\s*['"]([^'"]+)['"]\s*\])?/g;

/** Every `secrets.X` / `secrets['X']` in expressions, `toJSON(secrets)` as `*`, `secrets: inherit`. */
function collectSecrets(root: Json, out: Map<string, Set<string>>): void {
  const add = (secret: string, where: string) => {
    const set = out.get(secret) ?? new Set<string>();
    set.add(where);
    out.set(secret, set);
  };
  const scanExpression = (expr: string, where: string) => {
    for (const m of expr.matchAll(SECRET_REF)) add(m[1] ?? m[2] ?? '*', where);
  };
  const walk = (value: unknown, key: string | undefined, where: string): void => {
    if (typeof value === 'string') {
      // `if:` is an expression even without `${{ }}`.
      if (key === 'if') scanExpression(value, where);
      else for (const m of value.matchAll(EXPRESSION)) scanExpression(m[1]!, where);
    } else if (Array.isArray(value)) value.forEach((v) => walk(v, undefined, where));
    else if (isObject(value)) for (const [k, v] of Object.entries(value)) walk(v, k, where);
  };
  for (const [k, v] of Object.entries(root)) {
    if (k !== 'jobs') walk(v, k, WORKFLOW_LEVEL);
  }
  const jobs = isObject(root.jobs) ? root.jobs : {};
  for (const [id, job] of Object.entries(jobs)) {
    if (!isObject(job)) continue;
    if (job.secrets === 'inherit') add('inherit', id);
    walk(job, undefined, id);
  }
}
