/**
 * The "run this expensive job only when asked" gate shared by the image workflows: a first job
 * reads the latest non-merge commit message; the expensive job runs when the message carries the
 * workflow's marker, on dispatch, on a PR carrying the workflow's label, or on a release push —
 * and never for a pull request from a fork (no secrets there; a commit message is not consent).
 */
import { contains, endsWith, eq, github, job, not, and, or, run, startsWith, uses } from '#ci';
import type { Expr, Job, NeedsContext } from '#ci';
import { checkout } from './actions.ts';
import { isOpenLLM, notFromFork } from './common.ts';

export interface GateOptions {
  /** Commit-message marker, e.g. `[ec2 build]`. */
  marker: string;
  /** PR label, e.g. `00 - EC2 Build`. */
  label: string;
  /** Also run on every push to `main` (build.yml). */
  pushToMain?: boolean;
  /** Do not run on pushes of `*dev0` tags (the next-dev-cycle tags). */
  skipDevTags?: boolean;
}

export type GateJob = Job<'get_commit_message', 'message'>;

export interface Gate {
  /** `get_commit_message`: list it first and in the expensive job's needs. */
  job: GateJob;
  /** The run condition, for a job that needs `job`. */
  when(needs: NeedsContext<readonly [GateJob]>): Expr;
}

const commitMessage = run({
  id: 'get_commit_message',
  name: 'Get the latest non-merge commit message',
  run: 'echo "message=$(git log --no-merges -1 --oneline)" >> "$GITHUB_OUTPUT"',
  outputs: ['message'],
});

/** The gate job and the condition built from one workflow's marker, label and release pushes. */
export function runWhenAsked(opts: GateOptions): Gate {
  const gateJob = job('get_commit_message', {
    name: 'Get commit message',
    if: isOpenLLM,
    'runs-on': 'ubuntu-latest',
    outputs: { message: commitMessage.outputs.message },
    steps: [
      uses({ uses: checkout, with: { ref: github.event('pull_request.head.sha') } }),
      commitMessage,
    ],
  });

  const tagPush = opts.skipDevTags
    ? and(startsWith(github.ref, 'refs/tags/v'), not(endsWith(github.ref, 'dev0')))
    : startsWith(github.ref, 'refs/tags/v');
  const releasePush = opts.pushToMain ? or(tagPush, eq(github.ref, 'refs/heads/main')) : tagPush;

  return {
    job: gateJob,
    when: (needs) =>
      and(
        or(
          contains(needs.get_commit_message.outputs.message, opts.marker),
          eq(github.event_name, 'workflow_dispatch'),
          and(
            eq(github.event_name, 'pull_request'),
            contains(github.event('pull_request.labels.*.name'), opts.label),
          ),
          and(eq(github.event_name, 'push'), releasePush),
        ),
        notFromFork,
      ),
  };
}
