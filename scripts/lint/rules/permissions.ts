import { isMap, isScalar, type Node } from 'yaml';
import { jobNeeds, narrowestBlock, type Needs } from '../permission-needs.ts';
import type { Rule, RuleContext } from '../types.ts';
import { entries, getNode, getPair, type JobView } from '../workflow.ts';

const rule: Rule = {
  id: 'permissions',
  severity: 'error',
  summary: 'No explicit top-level `permissions`, `write-all`, or a write scope that no step needs',
  help: 'Without a `permissions:` block the GITHUB_TOKEN gets the repository default, which may be write access to everything; any compromised step inherits it. Declare `permissions:` at the top (usually `contents: read`) and grant write scopes only to the jobs whose steps need them. Needs are known for common actions (docker/login-action to ghcr.io, codeql upload-sarif, PyPI trusted publishing, action-gh-release, create-pull-request, cosign keyless signing, `git push`, `gh` commands); jobs with steps whose needs cannot be told (github-script, `gh api`, reusable workflows) are not checked for unneeded scopes.',
  check(ctx) {
    const wf = ctx.workflow;
    if (!wf.root) return;
    const needs = new Map<string, Needs>(wf.jobs.map((j) => [j.id, jobNeeds(wf, j)]));
    const top = getPair(wf.root, 'permissions');
    const inheriting = wf.jobs.filter((j) => !getPair(j.node, 'permissions'));

    if (!top && !inheriting.length && wf.jobs.length) {
      ctx.report({
        at: wf.root.items[0]?.key as Node | undefined,
        message:
          'no top-level `permissions:`: every job sets its own today, but a job added later would get the repository default, which may be write-all',
        fix: 'Add top-level `permissions: {}` (or `{ contents: read }`).',
      });
    } else if (!top) {
      ctx.report({
        at: wf.root.items[0]?.key as Node | undefined,
        message:
          "no top-level `permissions:`: every job's GITHUB_TOKEN gets the repository default, which may be write-all",
        fix: `Add top-level \`permissions: { contents: read }\`${grantsSentence(inheriting, needs)}.`,
      });
    } else {
      checkBlock(ctx, top.value as Node | undefined, 'top-level', inheriting, needs);
    }
    for (const job of wf.jobs) {
      const pair = getPair(job.node, 'permissions');
      if (pair) checkBlock(ctx, pair.value as Node | undefined, `job ${job.id}`, [job], needs);
    }
  },
};

function checkBlock(
  ctx: RuleContext,
  block: Node | undefined,
  where: string,
  jobs: JobView[],
  needs: Map<string, Needs>,
): void {
  if (isScalar(block) && block.value === 'write-all') {
    ctx.report({
      at: block,
      message: `${where} \`permissions: write-all\` gives every scope write access`,
      fix:
        where === 'top-level'
          ? `Replace it with \`permissions: { contents: read }\`${grantsSentence(jobs, needs)}.`
          : `Replace it with the scopes its steps need: \`permissions: ${proposal(jobs[0]!, needs)}\`.`,
    });
    return;
  }
  if (!isMap(block)) return;
  for (const [scope, key, value] of entries(block)) {
    if (!isScalar(value) || value.value !== 'write') continue;
    const users = jobs.filter((j) => {
      const n = needs.get(j.id);
      return n === 'unknown' || n?.has(scope);
    });
    const idle = jobs.filter((j) => !users.includes(j));
    if (!idle.length) continue;
    if (where.startsWith('job ')) {
      ctx.report({
        at: key,
        severity: 'warning',
        message: `${where} grants \`${scope}: write\` but none of its steps needs it`,
        fix: `Narrow the job's permissions to \`${proposal(jobs[0]!, needs)}\`.`,
      });
    } else {
      const names = idle.map((j) => j.id).join(', ');
      ctx.report({
        at: key,
        severity: 'warning',
        message: `top-level \`${scope}: write\` is inherited by ${idle.length === 1 ? 'job' : 'jobs'} ${names}, which ${idle.length === 1 ? 'does' : 'do'} not need it`,
        fix: users.length
          ? `Lower it to \`${scope}: read\` at the top and grant \`${scope}: write\` only in ${users.map((j) => `job ${j.id}`).join(', ')}.`
          : `Lower it to \`${scope}: read\` or remove it.`,
      });
    }
  }
}

function proposal(job: JobView, needs: Map<string, Needs>): string {
  const n = needs.get(job.id);
  return n === 'unknown' || !n ? '{ contents: read, <scopes its steps need> }' : narrowestBlock(n);
}

/** ` and grant: job a `{…}`, job b `{…}`` for the jobs that need any write scope. */
function grantsSentence(jobs: JobView[], needs: Map<string, Needs>): string {
  const parts: string[] = [];
  for (const job of jobs) {
    const n = needs.get(job.id);
    if (n === 'unknown') parts.push(`job ${job.id} what its steps need`);
    else if (n && n.size) parts.push(`job ${job.id} \`permissions: ${narrowestBlock(n)}\``);
  }
  return parts.length ? ` and grant ${parts.join(', ')}` : '';
}

export default rule;
