/** The "alls-green" job: one required status check that summarises every job it needs. */
import { always, and, ctx, job, toJSON, uses, type Expr, type Job } from '#ci';
import type { AnyJob } from '#ci/job';
import { allsGreen } from './actions.ts';

export interface AllsGreenOptions {
  name?: string;
  /** Extra condition, combined with `always()` so that failed needs still reach the check. */
  if?: Expr;
  /** Needed jobs that may be skipped without failing the check. */
  allowedSkips?: readonly AnyJob[];
}

/**
 * `re-actors/alls-green` over `needs`, with its `success` output exported as the job output
 * `success` (read through the step handle, so the step id cannot be misspelled).
 */
export function allsGreenJob<const Id extends string>(
  id: Id,
  needs: readonly AnyJob[],
  opts: AllsGreenOptions = {},
): Job<Id, 'success'> {
  const evergreen = uses({
    id: 'evergreen',
    name: 'Decide whether the needed jobs succeeded or failed',
    uses: allsGreen,
    with: {
      jobs: toJSON(ctx('needs')),
      ...(opts.allowedSkips?.length
        ? { 'allowed-skips': opts.allowedSkips.map((j) => j.id).join(', ') }
        : {}),
    },
  });
  return job(id, needs, () => ({
    ...(opts.name ? { name: opts.name } : {}),
    if: opts.if ? and(always(), opts.if) : always(),
    'runs-on': 'ubuntu-latest',
    outputs: { success: evergreen.outputs.success },
    steps: [evergreen],
  }));
}
