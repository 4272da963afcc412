import { isScalar } from 'yaml';
import { expressionsIn } from '../expressions.ts';
import { runsAfterSkippedNeeds, runsForForkPR } from '../fork-guard.ts';
import type { Rule } from '../types.ts';
import { getNode, getString, walkStrings, type JobView, type Workflow } from '../workflow.ts';

const rule: Rule = {
  id: 'secrets-to-forks',
  severity: 'error',
  summary: 'A secret is passed to a step that can run for a `pull_request` from a fork',
  help: "Runs for pull requests from forks get no secrets (they expand to empty strings), so such a step fails or silently does something else for every outside contributor; where a repository is configured to pass secrets to fork runs, the fork author's code receives them. Guard the job or step so that it cannot run for a fork (e.g. `if: github.event.pull_request.head.repo.full_name == github.repository`, or `github.event_name != 'pull_request'`), or explain with a suppression why it is acceptable. The guard is evaluated for the fork case, also through `needs:`.",
  check(ctx) {
    const wf = ctx.workflow;
    if (!wf.events.has('pull_request')) return;
    const skipped = jobsSkippedForForks(wf);
    const fix =
      "Guard it with `if: github.event.pull_request.head.repo.full_name == github.repository` (or `github.event_name != 'pull_request'`), or add a `# lint-allow secrets-to-forks: <reason>`.";
    for (const job of wf.jobs) {
      if (skipped.has(job.id)) continue;
      const jobSecrets = getNode(job.node, 'secrets');
      if (isScalar(jobSecrets) && jobSecrets.value === 'inherit') {
        ctx.report({
          at: jobSecrets,
          message: `job ${job.id} passes all secrets to a reusable workflow that runs for pull requests from forks`,
          fix,
        });
      }
      for (const [where, node] of [
        ['job env', getNode(job.node, 'env')],
        ['reusable workflow secrets', isScalar(jobSecrets) ? undefined : jobSecrets],
      ] as const) {
        reportSecrets(wf, node, (secret, offset) =>
          ctx.report({
            at: offset,
            message: `secrets.${secret} in the ${where} of job ${job.id}, which runs for pull requests from forks (where it is empty)`,
            fix,
          }),
        );
      }
      for (const step of job.steps) {
        if (runsForForkPR(getString(step.node, 'if')) === false) continue;
        for (const key of ['with', 'env', 'run']) {
          reportSecrets(wf, getNode(step.node, key), (secret, offset) =>
            ctx.report({
              at: offset,
              message: `secrets.${secret} is passed to a step of job ${job.id} that runs for pull requests from forks (where it is empty)`,
              fix,
            }),
          );
        }
      }
    }
  },
};

function reportSecrets(
  wf: Workflow,
  node: unknown,
  report: (secret: string, offset: number) => void,
): void {
  walkStrings(node, '', ({ node: s, value }) => {
    for (const e of expressionsIn(wf, s, value)) {
      for (const ref of e.parsed.refs) {
        const name = ref.raw[1];
        if (ref.segments[0] !== 'secrets' || !name || name.toUpperCase() === 'GITHUB_TOKEN')
          continue;
        report(name, e.offset);
      }
    }
  });
}

/** Jobs that cannot run for a fork PR: their `if:` is false there, or a needed job is skipped. */
function jobsSkippedForForks(wf: Workflow): Set<string> {
  const byId = new Map<string, JobView>(wf.jobs.map((j) => [j.id, j]));
  const memo = new Map<string, boolean>();
  const skipped = (id: string, depth: number): boolean => {
    const hit = memo.get(id);
    if (hit !== undefined) return hit;
    const job = byId.get(id);
    if (!job || depth > byId.size) return false;
    const cond = getString(job.node, 'if');
    const result =
      runsForForkPR(cond) === false ||
      (!runsAfterSkippedNeeds(cond) && job.needs.some((n) => skipped(n, depth + 1)));
    memo.set(id, result);
    return result;
  };
  return new Set(wf.jobs.filter((j) => skipped(j.id, 0)).map((j) => j.id));
}

export default rule;
