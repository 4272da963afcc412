import { isScalar, type Node } from 'yaml';
import { findEmbedded, parseExpression, refText } from '../expressions.ts';
import type { Rule } from '../types.ts';
import { getNode, usesName, walkStrings } from '../workflow.ts';

/** Triggers that run with the base repository's secrets and token, whoever caused the event. */
const PRIVILEGED = ['pull_request_target', 'workflow_run', 'issue_comment'] as const;

/** References that name the pull request's own code (head commit, branch or fork). */
const HEAD_REFS = [
  'github.event.pull_request.head.sha',
  'github.event.pull_request.head.ref',
  'github.event.pull_request.head.repo.full_name',
  'github.event.pull_request.merge_commit_sha',
  'github.event.pull_request.number',
  'github.event.number',
  'github.head_ref',
  'github.event.workflow_run.head_sha',
  'github.event.workflow_run.head_branch',
  'github.event.workflow_run.head_repository.full_name',
  'github.event.issue.pull_request.head.sha',
];

/** Shell commands that fetch or check out a pull request's code. */
const RUN_FETCHES_HEAD = /\bgh\s+pr\s+checkout\b|\bgit\s+fetch\b[^\n]*\bpull\/|refs\/pull\//;

const rule: Rule = {
  id: 'dangerous-trigger',
  severity: 'error',
  summary:
    "`pull_request_target`, `workflow_run` or `issue_comment` checks out or runs the pull request's code",
  help: 'These triggers run in the base repository with its secrets and a write token, even when a pull request from a fork (or a comment on it) caused them. Checking out the head commit and then building, testing or running its scripts hands both to the pull request author ("pwn request"). Use `pull_request` for anything that runs PR code, and keep `pull_request_target`/`workflow_run`/`issue_comment` jobs to trusted code that treats PR data as data.',
  check(ctx) {
    const wf = ctx.workflow;
    const trigger = PRIVILEGED.find((t) => wf.events.has(t));
    if (!trigger) return;
    for (const job of wf.jobs) {
      for (const step of job.steps) {
        const name = step.uses ? usesName(String(step.uses.value)) : '';
        if (name === 'actions/checkout') {
          const withNode = getNode(step.node, 'with');
          for (const key of ['ref', 'repository']) {
            const node = getNode(withNode, key);
            const ref = headRef(node);
            if (!ref) continue;
            ctx.report({
              at: node,
              message: `${trigger} workflow checks out the pull request's code (${key}: ${ref}) with the base repository's secrets and token`,
              fix: 'Run this job on `pull_request` instead, or check out only the base branch and treat PR content as data.',
            });
          }
        }
        if (trigger === 'workflow_run' && downloadsTriggeringRunArtifacts(name, step.node)) {
          ctx.report({
            at: step.uses,
            severity: 'warning',
            message:
              "workflow_run workflow downloads artifacts of the triggering run, which the pull request's code produced",
            fix: 'Treat them as untrusted data: validate them and never execute, source or install them in this privileged job.',
          });
        }
        if (
          step.run &&
          typeof step.run.value === 'string' &&
          RUN_FETCHES_HEAD.test(step.run.value)
        ) {
          ctx.report({
            at: step.run,
            message: `${trigger} workflow fetches the pull request's code in a script with the base repository's secrets and token`,
            fix: 'Move the steps that need the PR code to a `pull_request` workflow.',
          });
        }
      }
    }
  },
};

function downloadsTriggeringRunArtifacts(name: string, step: Node): boolean {
  if (name === 'dawidd6/action-download-artifact') return true;
  if (name !== 'actions/download-artifact') return false;
  const runId = getNode(getNode(step, 'with'), 'run-id');
  return isScalar(runId) && /github\.event\.workflow_run\.id/.test(String(runId.value));
}

function headRef(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  let found: string | undefined;
  walkStrings(node, '', ({ node: s, value }) => {
    if (found || !isScalar(s)) return;
    if (/refs\/pull\//.test(value)) found = value;
    for (const e of findEmbedded(value)) {
      const hit = parseExpression(e.inner).refs.find((r) =>
        HEAD_REFS.includes(r.segments.join('.')),
      );
      if (hit) found = refText(hit);
    }
  });
  return found;
}

export default rule;
