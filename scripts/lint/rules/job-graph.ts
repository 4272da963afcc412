import { isMap, isScalar } from 'yaml';
import { expressionsIn, refText, type ContextRef } from '../expressions.ts';
import type { Finding, Rule } from '../types.ts';
import { entries, getNode, walkStrings, type JobView, type Workflow } from '../workflow.ts';
import { closest } from '../../core/suggest.ts';

const rule: Rule = {
  id: 'job-graph',
  severity: 'error',
  summary: '`needs.X.outputs.Y`, `steps.X.outputs.Y` or `jobs.X.outputs.Y` that do not resolve',
  help: 'A reference to a job that is not in `needs:`, to a job or step id that does not exist, or to an output that the job does not declare silently evaluates to an empty string. The 2023 OpenLLM files read `jobs.sucess-build.outputs…` (no such job) and `steps.everygreen.outputs.success` (the step id was `evergreen`). Steps may only read outputs of earlier steps of the same job.',
  check(ctx) {
    const wf = ctx.workflow;
    const byId = new Map(wf.jobs.map((j) => [j.id.toLowerCase(), j]));
    for (const job of wf.jobs) {
      walkStrings(job.node, job.path, ({ node, value, path }) => {
        const stepIndex = /\.steps\[(\d+)\]/.exec(path.slice(job.path.length))?.[1];
        for (const e of expressionsIn(wf, node, value)) {
          for (const ref of e.parsed.refs) {
            const f =
              ref.segments[0] === 'needs'
                ? checkNeeds(ref, job, byId)
                : ref.segments[0] === 'steps'
                  ? checkSteps(ref, job, stepIndex === undefined ? undefined : Number(stepIndex))
                  : undefined;
            if (f) ctx.report({ ...f, at: e.offset });
          }
        }
      });
    }
    checkWorkflowCallOutputs(wf, byId, (f) => ctx.report(f));
  },
};

type Problem = Omit<Finding, 'at'>;

/** ` Did you mean "x"?`, else a short list of what exists (` Existing jobs: a, b.`). */
function didYouMean(name: string, candidates: string[], what: string): string {
  const c = closest(
    name.toLowerCase(),
    candidates.map((x) => x.toLowerCase()),
  );
  const original = candidates.find((x) => x.toLowerCase() === c);
  if (original) return ` Did you mean "${original}"?`;
  if (!candidates.length || candidates.length > 8) return '';
  return ` Existing ${what}: ${candidates.join(', ')}.`;
}

function declaredOutputs(job: JobView): string[] | undefined {
  if (getNode(job.node, 'uses')) return undefined; // a reusable workflow's outputs live in that file
  const outputs = getNode(job.node, 'outputs');
  return isMap(outputs) ? entries(outputs).map(([k]) => k) : [];
}

function checkOutput(ref: ContextRef, target: JobView, what: string): Problem | undefined {
  if (ref.segments[2] !== 'outputs' || !ref.segments[3] || ref.segments[3] === '*')
    return undefined;
  const outputs = declaredOutputs(target);
  if (!outputs || outputs.some((o) => o.toLowerCase() === ref.segments[3])) return undefined;
  return {
    message: `${refText(ref)}: ${what} "${target.id}" has no output "${ref.raw[3]}"`,
    fix: `Declare it under jobs.${target.id}.outputs or read an existing one.${didYouMean(ref.raw[3]!, outputs, 'outputs')}`,
  };
}

function checkNeeds(
  ref: ContextRef,
  job: JobView,
  byId: Map<string, JobView>,
): Problem | undefined {
  const target = ref.segments[1];
  if (!target || target === '*') return undefined;
  if (!job.needs.some((n) => n.toLowerCase() === target)) {
    const exists = byId.get(target);
    return exists
      ? {
          message: `${refText(ref)}: job "${job.id}" reads job "${exists.id}" without listing it in needs, so the value is empty`,
          fix: `Add "${exists.id}" to jobs.${job.id}.needs.`,
        }
      : {
          message: `${refText(ref)}: there is no job "${ref.raw[1]}"`,
          fix: `Name a job listed in jobs.${job.id}.needs.${didYouMean(ref.raw[1]!, job.needs.length ? job.needs : [...byId.values()].map((j) => j.id), 'jobs')}`,
        };
  }
  const targetJob = byId.get(target);
  return targetJob ? checkOutput(ref, targetJob, 'job') : undefined;
}

function checkSteps(
  ref: ContextRef,
  job: JobView,
  fromStep: number | undefined,
): Problem | undefined {
  const id = ref.segments[1];
  if (!id || id === '*') return undefined;
  const ids = job.steps.filter((s) => s.id).map((s) => s.id!);
  const step = job.steps.find((s) => s.id?.toLowerCase() === id);
  if (!step) {
    return {
      message: `${refText(ref)}: job "${job.id}" has no step with id "${ref.raw[1]}"`,
      fix: `Use the id of one of its steps.${didYouMean(ref.raw[1]!, ids, 'step ids')}`,
    };
  }
  if (fromStep !== undefined && step.index >= fromStep) {
    return {
      message: `${refText(ref)}: step "${step.id}" runs ${step.index === fromStep ? 'as this step' : 'after this step'}, so its outputs are not set yet`,
      fix: 'Read outputs only of earlier steps, or move this step after it.',
    };
  }
  const output = ref.segments[2] === 'outputs' ? ref.raw[3] : undefined;
  if (
    output &&
    output !== '*' &&
    step.run &&
    isScalar(step.run) &&
    !String(step.run.value).includes(output)
  ) {
    return {
      severity: 'warning',
      message: `${refText(ref)}: step "${step.id}" is a run: script that never mentions output "${output}"`,
      fix: `Write it with \`echo "${output}=…" >> "$GITHUB_OUTPUT"\` in that step, or read the output it does set.`,
    };
  }
  return undefined;
}

/** Ids of the jobs that declare `output` (all jobs when none or no output is named). */
function jobsWithOutput(byId: Map<string, JobView>, output: string | undefined): string[] {
  const jobs = [...byId.values()];
  const having = jobs.filter(
    (j) => output && declaredOutputs(j)?.some((o) => o.toLowerCase() === output),
  );
  return (having.length ? having : jobs).map((j) => j.id);
}

/** `on.workflow_call.outputs.<name>.value` must read `jobs.<existing job>.outputs.<declared>`. */
function checkWorkflowCallOutputs(
  wf: Workflow,
  byId: Map<string, JobView>,
  report: (f: Finding) => void,
): void {
  const outputs = getNode(getNode(getNode(wf.root, 'on'), 'workflow_call'), 'outputs');
  for (const [, , out] of entries(outputs)) {
    const value = getNode(out, 'value');
    if (!isScalar(value) || typeof value.value !== 'string') continue;
    for (const e of expressionsIn(wf, value, value.value)) {
      for (const ref of e.parsed.refs) {
        if (ref.segments[0] !== 'jobs' || !ref.segments[1]) continue;
        const job = byId.get(ref.segments[1]);
        const problem: Problem | undefined = job
          ? checkOutput(ref, job, 'job')
          : {
              message: `${refText(ref)}: there is no job "${ref.raw[1]}"`,
              fix: `Read the output of an existing job.${didYouMean(
                ref.raw[1]!,
                jobsWithOutput(byId, ref.segments[3]),
                ref.segments[3] ? `jobs with output "${ref.raw[3]}"` : 'jobs',
              )}`,
            };
        if (problem) report({ ...problem, at: e.offset });
      }
    }
  }
}

export default rule;
