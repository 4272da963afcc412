import type { Diagnostic } from '../../core/diagnostics.ts';
import type { FileModel } from '../model.ts';
import { at, didYouMean, strings } from './report.ts';

type Jobs = Record<string, Record<string, unknown>>;

/**
 * Needs that name no job, cycles, duplicate step ids, and expressions that read `needs.X`,
 * `steps.X` or `jobs.X.outputs.Y` that do not resolve.
 */
export function checkJobGraph(model: FileModel, declaredJobIds: readonly string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const jobs = (model.data.jobs ?? {}) as Jobs;
  const ids = Object.keys(jobs);

  const seen = new Set<string>();
  for (const id of declaredJobIds) {
    if (seen.has(id)) out.push(at(model, `jobs.${id}`, `duplicate job id "${id}"`, 'job-graph'));
    seen.add(id);
  }

  for (const [id, job] of Object.entries(jobs)) {
    const needs = (job.needs ?? []) as string[];
    needs.forEach((n, i) => {
      if (!jobs[n]) {
        out.push(
          at(
            model,
            `jobs.${id}.needs[${i}]`,
            `unknown job "${n}"${didYouMean(n, ids)}: add it to the workflow's jobs`,
            'job-graph',
          ),
        );
      }
    });
    out.push(...checkSteps(model, id, job));
    const needSet = new Set(needs);
    for (const [path, s] of strings(job, `jobs.${id}`)) {
      for (const m of s.matchAll(/\bneeds\.([A-Za-z_][\w-]*)/g)) {
        const n = m[1]!;
        if (!needSet.has(n)) {
          out.push(
            at(
              model,
              path,
              `reads needs.${n} but job "${id}" does not need "${n}"${didYouMean(n, needs)}`,
              'job-graph',
            ),
          );
        }
      }
    }
  }
  out.push(...checkCycles(model, jobs));
  out.push(...checkWorkflowOutputs(model, jobs));
  return out;
}

function checkSteps(model: FileModel, jobId: string, job: Record<string, unknown>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const steps = (job.steps ?? []) as Record<string, unknown>[];
  const before = new Set<string>();
  const all = new Set(steps.map((s) => s.id).filter((x): x is string => typeof x === 'string'));
  const seen = new Set<string>();
  steps.forEach((step, i) => {
    const path = `jobs.${jobId}.steps[${i}]`;
    for (const [p, s] of strings(step, path)) out.push(...stepRefs(model, p, s, before, all));
    if (typeof step.id === 'string') {
      if (seen.has(step.id))
        out.push(
          at(model, `${path}.id`, `duplicate step id "${step.id}" in job "${jobId}"`, 'job-graph'),
        );
      seen.add(step.id);
      before.add(step.id);
    }
  });
  for (const [p, s] of strings(job.outputs, `jobs.${jobId}.outputs`))
    out.push(...stepRefs(model, p, s, before, all));
  return out;
}

function stepRefs(
  model: FileModel,
  path: string,
  s: string,
  before: Set<string>,
  all: Set<string>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const m of s.matchAll(/\bsteps\.([A-Za-z_][\w-]*)/g)) {
    const id = m[1]!;
    if (before.has(id)) continue;
    const msg = all.has(id)
      ? `reads steps.${id} before that step runs (it comes later in the job)`
      : `unknown step id "${id}"${didYouMean(id, all)} in this job`;
    out.push(at(model, path, msg, 'job-graph'));
  }
  return out;
}

function checkCycles(model: FileModel, jobs: Jobs): Diagnostic[] {
  const state = new Map<string, 'visiting' | 'done'>();
  const out: Diagnostic[] = [];
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(id)), id];
      out.push(
        at(model, `jobs.${id}.needs`, `dependency cycle: ${cycle.join(' → ')}`, 'job-graph'),
      );
      return;
    }
    state.set(id, 'visiting');
    for (const n of (jobs[id]?.needs ?? []) as string[]) if (jobs[n]) visit(n, [...trail, id]);
    state.set(id, 'done');
  };
  for (const id of Object.keys(jobs)) visit(id, []);
  return out;
}

function checkWorkflowOutputs(model: FileModel, jobs: Jobs): Diagnostic[] {
  const on = model.data.on as Record<string, unknown> | undefined;
  const call = on?.workflow_call as { outputs?: Record<string, unknown> } | null | undefined;
  const out: Diagnostic[] = [];
  for (const [path, s] of strings(call?.outputs, 'on.workflow_call.outputs')) {
    for (const m of s.matchAll(/\bjobs\.([A-Za-z_][\w-]*)\.outputs\.([A-Za-z_][\w-]*)/g)) {
      const [, jobId, name] = m as unknown as [string, string, string];
      const job = jobs[jobId];
      if (!job)
        out.push(
          at(
            model,
            path,
            `unknown job "${jobId}"${didYouMean(jobId, Object.keys(jobs))}`,
            'job-graph',
          ),
        );
      else if (!(job.outputs && name in (job.outputs as object))) {
        out.push(at(model, path, `job "${jobId}" declares no output "${name}"`, 'job-graph'));
      }
    }
  }
  return out;
}
